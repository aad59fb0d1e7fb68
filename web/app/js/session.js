// One attempt to be in a conference: drives the PexRTC client in control-only mode (`makeCall(…, 'none')`),
// keeps the roster, conference status, stage, layout and chat, and tells the UI what changed.
//
// The client's callbacks are plain properties (`pexrtc.onParticipantUpdate = …`) because plugins wrap them
// and call the previous function: the app's logic keeps working under any number of wrappers.

import { actions, actionsObserved, dispatchAction } from './actions.js';
import { PluginRoster } from './plugin-roster.js';
import { Emitter } from './emitter.js';
import {
  disconnectFailure,
  displayName,
  handRaised,
  isMuted,
  isWaiting,
  joinFailure,
  pluginConferenceDetails,
} from './model.js';
import { conferenceDetails$, participants$ } from './state.js';

/** @typedef {import('./model.js').RawParticipant} RawParticipant */
/** @typedef {import('./model.js').ConferenceStatus} ConferenceStatus */
/** @typedef {import('./model.js').Failure} Failure */

/**
 * What the UI shows for the session.
 * @typedef {'connecting' | 'pin' | 'waiting' | 'conference' | 'failed' | 'ended' | 'transferring'} Phase
 */

/**
 * @typedef {{
 *   id: number, at: Date, origin: string, senderUuid: string, text: string, own: boolean,
 *   direct: boolean, toUuid?: string, toName?: string
 * }} ChatMessage
 */

/**
 * @typedef {{alias: string, name: string, pin?: string, role?: string}} JoinRequest
 */

let chatIds = 0;

/** Run `fn` in a task of its own, as soon as the current one is done (no 4 ms timer clamping). */
const afterThisTask = (() => {
  const channel = new MessageChannel();
  /** @type {(() => void)[]} */
  const queue = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (/** @type {() => void} */ fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  };
})();

export class Session extends Emitter {
  /**
   * @param {JoinRequest} request
   */
  constructor(request) {
    super();
    this.alias = request.alias;
    this.name = request.name;
    /** The PIN to use when the room asks for one (from the URL or the PIN screen). */
    this.pin = request.pin ?? null;
    /** `'guest'` or `'host'` from the URL: a guest of a room without guest PIN joins without asking. */
    this.role = request.role ?? null;
    /** @type {Phase} */
    this.phase = 'connecting';
    /** @type {string} */
    this.pinStatus = 'none';
    /** @type {Failure | null} */
    this.failure = null;
    /** @type {Map<string, RawParticipant>} */
    this.participants = new Map();
    /** @type {Set<string> | null} uuids not yet seen again since a re-sync began */
    this._stale = null;
    this.syncing = false;
    /** @type {ConferenceStatus} */
    this.status = {};
    /** @type {Map<string, {vad: number, stageIndex: number}>} */
    this.stage = new Map();
    /** @type {{view?: string, participants?: string[], requested_layout?: {primary_screen?: {chair_layout?: string, guest_layout?: string}}} | null} */
    this.layout = null;
    /** @type {(string | {name: string})[]} */
    this.availableLayouts = [];
    /** @type {ChatMessage[]} */
    this.chat = [];
    /** @type {{uuid: string, name: string} | null} */
    this.presenter = null;
    this.selfUuid = '';
    this.leaving = false;
    this._pluginEmitScheduled = false;
    /** Whether `participants$` missed changes while nobody listened. */
    this._pluginStateBehind = true;
    /** The roster as plugins see it, kept between emissions. */
    this._pluginRoster = new PluginRoster();
    /** @type {'chair' | 'guest' | undefined} the role last announced */
    this._role = undefined;
    /** @type {any} the PexRTC client */
    this.rtc = null;
  }

  /** The own participant, once the roster has it. */
  get me() {
    return this.participants.get(this.selfUuid);
  }

  /** Whether this participant is a host now (the roster knows best, the token otherwise). */
  get isHost() {
    const me = this.me;
    if (me) return me.role === 'chair';
    return this.rtc?.role === 'HOST';
  }

  get chatEnabled() {
    return this.rtc?.chat_enabled !== false;
  }

  /** The conference's display name. */
  get conferenceName() {
    return this.rtc?.conference_name || this.alias;
  }

  /**
   * Create the client and ask for a token.
   */
  start() {
    const PexRTC = /** @type {any} */ (window).PexRTC;
    if (typeof PexRTC !== 'function') {
      this._fail(joinFailure('The client library (pexrtc.js) did not load.'));
      return;
    }
    const rtc = new PexRTC();
    this.rtc = rtc;
    rtc.onSetup = (/** @type {any} */ _stream, /** @type {string} */ pinStatus) => this._onSetup(pinStatus);
    rtc.onConnect = () => this._onConnect();
    rtc.onError = (/** @type {string} */ reason) => this._onError(reason);
    rtc.onDisconnect = (/** @type {string} */ reason) => this._onDisconnect(reason);
    rtc.onParticipantCreate = (/** @type {RawParticipant} */ p) => this._upsert(p);
    rtc.onParticipantUpdate = (/** @type {RawParticipant} */ p) => this._upsert(p);
    rtc.onParticipantDelete = (/** @type {{uuid: string}} */ p) => this._remove(p?.uuid);
    rtc.onSyncBegin = () => this._syncBegin();
    rtc.onSyncEnd = () => this._syncEnd();
    rtc.onConferenceUpdate = (/** @type {ConferenceStatus} */ s) => this._setStatus(s);
    rtc.onChatMessage = (/** @type {any} */ m) => this._receiveChat(m, false);
    rtc.onDirectMessage = (/** @type {any} */ m) => this._receiveChat(m, true);
    rtc.onStageUpdate = (/** @type {any} */ s) => this._setStage(s);
    rtc.onLayoutUpdate = (/** @type {any} */ l) => this._setLayout(l);
    rtc.onRoleUpdate = () => this._roleChanged();
    rtc.onCallTransfer = (/** @type {string} */ alias) => this._transferred(alias);
    rtc.onPresentation = (/** @type {boolean} */ on, /** @type {string} */ presenter, /** @type {string} */ uuid) =>
      this._setPresentation(on, presenter, uuid);
    rtc.onLog = () => {};
    this._publish(rtc);
    rtc.makeCall(location.host, this.alias, this.name, null, 'none');
  }

  /**
   * Make the client reachable by plugins: `window.PEX.pexrtc` and a direct property of `window`.
   * @param {any} rtc
   */
  _publish(rtc) {
    const w = /** @type {any} */ (window);
    w.pexrtc = rtc;
    if (w.PEX) w.PEX.pexrtc = rtc;
  }

  /** @param {Phase} phase */
  _setPhase(phase) {
    if (this.phase === phase) return;
    this.phase = phase;
    this.emit('phase', phase);
  }

  /** @param {Failure} failure */
  _fail(failure) {
    this.failure = failure;
    dispatchAction(actions.CONNECT_FAIL, { msg: failure.detail || failure.title });
    this._setPhase('failed');
  }

  /** @param {string} pinStatus */
  _onSetup(pinStatus) {
    this.pinStatus = pinStatus || 'none';
    // A token means the role is known: what is needed in the conference can be fetched meanwhile.
    if (this.rtc.token) this.emit('granted', this.isHost ? 'chair' : 'guest');
    if (this.pinStatus === 'none') {
      this.rtc.connect();
      return;
    }
    if (this.pin !== null && this.pin !== '') {
      this.rtc.connect(this.pin);
    } else if (this.pinStatus === 'optional' && this.role === 'guest') {
      this.rtc.connect('');
    } else {
      this._setPhase('pin');
    }
  }

  /**
   * Answer the PIN prompt; an empty PIN joins as a guest where guests need none.
   * @param {string} pin
   */
  submitPin(pin) {
    this.pin = pin;
    this._setPhase('connecting');
    this.rtc.connect(pin);
  }

  _onConnect() {
    this.selfUuid = this.rtc.uuid ?? '';
    this._role = this.isHost ? 'chair' : 'guest';
    const w = /** @type {any} */ (window);
    if (w.PEX) w.PEX.selfUUID = this.selfUuid;
    dispatchAction(actions.SET_SELF_UUID, this.selfUuid);
    dispatchAction(actions.SET_REMOTE_CALL_TYPE, this.rtc.remote_call_type ?? this.rtc.call_type ?? 'none');
    dispatchAction(actions.CONNECT_SUCCESS, {
      alias: this.alias,
      displayName: this.rtc.display_name ?? this.name,
      joinRole: this.rtc.role === 'HOST' ? 'HOST' : 'guest',
      serviceType: this.rtc.service_type ?? 'conference',
    });
    const me = this.me;
    const waiting = me ? isWaiting(me) : this.rtc.current_service_type === 'waiting_room';
    this._setPhase(waiting ? 'waiting' : 'conference');
    this._schedulePluginState();
    if (!waiting) this.loadLayouts();
  }

  /** Ask the server which layouts hosts may choose (hosts only). */
  loadLayouts() {
    if (!this.isHost || typeof this.rtc?.getAvailableLayouts !== 'function') return;
    try {
      this.rtc.getAvailableLayouts((/** @type {any} */ response) => {
        const list = Array.isArray(response) ? response : response?.result;
        if (Array.isArray(list)) {
          this.availableLayouts = list;
          this.emit('layouts', list);
        }
      });
    } catch (e) {
      console.warn('[plugboard] available_layouts failed', e);
    }
  }

  /** @param {string} reason */
  _onError(reason) {
    if (this.leaving) return;
    const failure = joinFailure(reason);
    if (this.phase === 'conference' || this.phase === 'waiting') {
      this.failure = { ...failure, title: failure.kind === 'network' ? failure.title : 'You were disconnected' };
      this._ended();
    } else {
      this._fail(failure);
    }
  }

  /** @param {string} reason */
  _onDisconnect(reason) {
    if (this.leaving) return;
    this.failure = disconnectFailure(reason);
    this._ended();
  }

  _ended() {
    dispatchAction(actions.DISCONNECT_SUCCESS);
    this._setPhase('ended');
  }

  /** Leave the conference: release the token and show the goodbye screen. */
  leave() {
    if (this.leaving) return;
    this.leaving = true;
    dispatchAction(actions.DISCONNECT);
    try {
      this.rtc?.disconnect();
    } catch (e) {
      console.warn('[plugboard] disconnect failed', e);
    }
    this.failure = disconnectFailure('API initiated participant disconnect');
    this._ended();
  }

  /** Forget the client without telling the server (the session is over already). */
  dispose() {
    this.leaving = true;
    if (this.rtc && this.rtc.state && this.rtc.state !== 'IDLE') {
      try {
        this.rtc.disconnect();
      } catch {
        // The client is gone already.
      }
    }
    this.clearHandlers();
  }

  /** @param {string} alias */
  _transferred(alias) {
    this.alias = alias;
    this.participants.clear();
    this.stage.clear();
    this._pluginRoster.reordered();
    this.chat = [];
    this.emit('roster-reset');
    this._setPhase('transferring');
    this.emit('transferred', alias);
  }

  _syncBegin() {
    this.syncing = true;
    this._stale = new Set(this.participants.keys());
  }

  _syncEnd() {
    const stale = this._stale ?? new Set();
    this._stale = null;
    this.syncing = false;
    for (const uuid of stale) this._remove(uuid, true);
    this.emit('roster-reset');
    // At once, in the task that redrew the roster: waiting for a task of its own would make the
    // plugins wait for the whole roster to be drawn, while their work on it is short next to that.
    this._emitPluginState();
  }

  /** @param {RawParticipant} p */
  _upsert(p) {
    if (!p || typeof p.uuid !== 'string') return;
    const prev = this.participants.get(p.uuid);
    this.participants.set(p.uuid, p);
    if (prev) this._pluginRoster.changed(p.uuid);
    else this._pluginRoster.reordered();
    this._stale?.delete(p.uuid);
    const self = p.uuid === this.selfUuid;
    if (!this.syncing) this.emit('participant', p, prev);
    if (self) this._selfChanged(p, prev);
    this._notifyPlugins(p, prev);
    if (!prev && !this.syncing && this.phase === 'conference' && !self) this.emit('joined', p);
  }

  /**
   * @param {string | undefined} uuid
   * @param {boolean} [quiet] part of a re-sync: the roster is redrawn as a whole afterwards
   */
  _remove(uuid, quiet = false) {
    if (!uuid) return;
    const prev = this.participants.get(uuid);
    if (!prev) return;
    this.participants.delete(uuid);
    this.stage.delete(uuid);
    this._pluginRoster.reordered();
    if (!quiet && !this.syncing) this.emit('participant-removed', prev);
    if (actionsObserved()) dispatchAction(actions.PARTICIPANT_DISCONNECT_SUCCESS, uuid);
    this._schedulePluginState();
  }

  /**
   * @param {RawParticipant} p
   * @param {RawParticipant | undefined} prev
   */
  _selfChanged(p, prev) {
    if (prev && isWaiting(prev) && !isWaiting(p) && this.phase === 'waiting') {
      this._setPhase('conference');
      this.loadLayouts();
    } else if (!prev && this.phase === 'conference' && isWaiting(p)) {
      this._setPhase('waiting');
    }
    if (prev && prev.role !== p.role) this._announceRole(p.role === 'chair' ? 'chair' : 'guest');
    this.emit('self', p, prev);
  }

  _roleChanged() {
    this._announceRole(this.isHost ? 'chair' : 'guest');
  }

  /**
   * Tell the UI once per change of the own role (the roster and the token refresh both report it).
   * @param {'chair' | 'guest'} role
   */
  _announceRole(role) {
    if (this._role === undefined) this._role = this.rtc?.role === 'HOST' ? 'chair' : 'guest';
    if (role === this._role) return;
    this._role = role;
    this.emit('role', role);
    if (role === 'chair' && this.phase === 'conference') this.loadLayouts();
  }

  /**
   * Tell the action stream what changed, as Webapp2 does.
   * @param {RawParticipant} p
   * @param {RawParticipant | undefined} prev
   */
  _notifyPlugins(p, prev) {
    this._schedulePluginState();
    if (!actionsObserved()) return;
    if (!prev) {
      dispatchAction(actions.PARTICIPANT_CONNECT_SUCCESS, this.pluginModel(p));
      return;
    }
    dispatchAction(actions.PEXRTC_PARTICIPANT_UPDATE, p);
    if (isMuted(prev) !== isMuted(p)) {
      dispatchAction(actions.PARTICIPANT_MUTED_CHANGED, { uuid: p.uuid, muted: isMuted(p) });
    }
    if ((prev.buzz_time ?? 0) !== (p.buzz_time ?? 0)) {
      dispatchAction(actions.BUZZ_CHANGED, { buzzTime: handRaised(p) ? p.buzz_time : 0, name: displayName(p), uuid: p.uuid });
    }
  }

  /**
   * Emit `participants$` once per task, and only when someone listens (a sync: once, at its end);
   * otherwise just remember that it is behind, for {@link catchUpPluginState}.
   */
  _schedulePluginState() {
    if (this.syncing || !participants$.observed) {
      this._pluginStateBehind = true;
      return;
    }
    if (this._pluginEmitScheduled) return;
    this._pluginEmitScheduled = true;
    // A task of its own (not a microtask): the app finishes handling the update, and the browser may
    // paint it, before the plugins' work on the new roster runs; updates arriving meanwhile share one
    // emission.
    afterThisTask(() => {
      this._pluginEmitScheduled = false;
      this._emitPluginState();
    });
  }

  _emitPluginState() {
    this._pluginStateBehind = false;
    participants$.next(this.pluginParticipants());
  }

  /** Bring `participants$` up to date now if it fell behind while nobody listened (before a plugin loads). */
  catchUpPluginState() {
    if (this._pluginStateBehind) this._emitPluginState();
  }

  /** The roster in the plugin API's shape. */
  pluginParticipants() {
    return this._pluginRoster.list(this.participants, this.stage);
  }

  /**
   * A participant in the plugin API's shape.
   * @param {RawParticipant} p
   */
  pluginModel(p) {
    return this._pluginRoster.model(p, this.stage.get(p.uuid));
  }

  /** @param {ConferenceStatus} status */
  _setStatus(status) {
    if (!status || typeof status !== 'object') return;
    const prev = this.status;
    this.status = { ...status };
    this.emit('status', this.status, prev);
    conferenceDetails$.next(
      pluginConferenceDetails(this.status, {
        chatEnabled: this.chatEnabled,
        mediaType: this.rtc?.remote_call_type ?? 'video',
      }),
    );
  }

  /** @param {{participant_uuid: string, stage_index: number, vad: number}[]} list */
  _setStage(list) {
    if (!Array.isArray(list)) return;
    this.stage = new Map(list.map((e) => [e.participant_uuid, { vad: Number(e.vad) || 0, stageIndex: Number(e.stage_index) }]));
    this.emit('stage', this.stage);
    // Plugin models carry `vad` and `stageIndex`.
    this._pluginRoster.reordered();
    this._schedulePluginState();
  }

  /** @param {any} layout */
  _setLayout(layout) {
    if (!layout || typeof layout !== 'object') return;
    this.layout = layout;
    this.emit('layout', layout);
  }

  /** The layout hosts asked for, as far as the app knows. */
  get currentLayout() {
    const requested = this.layout?.requested_layout?.primary_screen;
    const mine = this.isHost ? requested?.chair_layout : requested?.guest_layout;
    return mine || this.layout?.view || '1:7';
  }

  /**
   * @param {boolean} on
   * @param {string} presenter
   * @param {string} uuid
   */
  _setPresentation(on, presenter, uuid) {
    this.presenter = on ? { uuid, name: String(presenter ?? '').replace(/\s*<[^>]*>\s*$/, '') } : null;
    this.emit('presentation', this.presenter);
  }

  /**
   * @param {any} message the server's `message_received` data
   * @param {boolean} direct
   */
  _receiveChat(message, direct) {
    if (!message || typeof message.payload !== 'string') return;
    /** @type {ChatMessage} */
    const entry = {
      id: ++chatIds,
      at: new Date(),
      origin: String(message.origin ?? 'Someone'),
      senderUuid: String(message.uuid ?? ''),
      text: message.payload,
      own: false,
      direct: direct || Boolean(message.direct),
    };
    if (entry.direct) {
      entry.toUuid = this.selfUuid;
      entry.toName = this.name;
    }
    this.chat.push(entry);
    dispatchAction(actions.RECEIVE_CHAT_MESSAGE, message);
    this.emit('chat', entry);
  }

  /**
   * Send a chat message to everyone, or only to `toUuid`.
   * @param {string} text
   * @param {string} [toUuid]
   */
  sendChat(text, toUuid) {
    const payload = String(text);
    if (!payload.trim()) return;
    const target = toUuid ? this.participants.get(toUuid) : undefined;
    if (toUuid) {
      this.rtc.sendChatMessage(payload, toUuid);
    } else {
      this.rtc.sendChatMessage(payload);
    }
    /** @type {ChatMessage} */
    const entry = {
      id: ++chatIds,
      at: new Date(),
      origin: this.me ? displayName(this.me) : this.name,
      senderUuid: this.selfUuid,
      text: payload,
      own: true,
      direct: Boolean(toUuid),
      toUuid,
      toName: target ? displayName(target) : undefined,
    };
    this.chat.push(entry);
    this.emit('chat', entry);
  }
}
