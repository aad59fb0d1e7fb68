// The app: reads the route, exposes `window.PEX`, runs one session at a time and shows the screen for
// its phase. Actions that plugins may dispatch (mute/unmute microphone or camera, send chat, disconnect)
// are handled here, so the toolbar and plugins go through the same path.

import { actions, actions$, dispatchAction, onAction } from './actions.js';
import { connectDevServer } from './dev.js';
import { ConferenceView } from './conference/view.js';
import { call } from './conference/controls.js';
import { LocalMedia } from './media.js';
import { isAdminMuted } from './model.js';
import { createPluginApi } from './plugins/api.js';
import { PluginHost } from './plugins/host.js';
import { connectingScreen, homeScreen, noticeScreen, pinScreen, waitingScreen } from './screens.js';
import { appBase, conferencePath, readRoute } from './route.js';
import { Session } from './session.js';
import { closeMenu } from './ui/menu.js';
import { clearToasts, toast } from './ui/toast.js';

const NAME_KEY = 'plugboard.displayName';

/** @typedef {{el: HTMLElement, focus?: () => void, destroy?: () => void}} Screen */

export class App {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    /** @type {Session | null} */
    this.session = null;
    this.media = new LocalMedia();
    /** @type {ConferenceView | null} */
    this.view = null;
    /** @type {Screen | null} */
    this.screen = null;
    this.localMuted = false;
    this.route = readRoute();
    this.plugins = new PluginHost();
    connectDevServer(this.plugins);
    this._exposePex();
    this._effects();
    window.addEventListener('pagehide', () => {
      if (this.session && !this.session.leaving) this.session.dispose();
    });
    window.addEventListener('popstate', () => {
      this.route = readRoute();
      if (!this.session || this.session.phase === 'failed' || this.session.phase === 'ended') this.start();
    });
  }

  /** `window.PEX`: what Webapp2 plugins find (webapp2-compat §2). */
  _exposePex() {
    const w = /** @type {any} */ (window);
    const pex = w.PEX ?? {};
    Object.assign(pex, {
      actions$,
      actions,
      dispatchAction,
      conferenceQueryParams: this.route.query,
      selfUUID: pex.selfUUID ?? null,
      pexrtc: pex.pexrtc ?? null,
      pluginAPI: createPluginApi(this.plugins),
    });
    w.PEX = pex;
  }

  _effects() {
    onAction(actions.MUTE_MICROPHONE, () => this.setMicrophone(true));
    onAction(actions.UNMUTE_MICROPHONE, () => this.setMicrophone(false));
    onAction(actions.MUTE_CAMERA, () => this.setCamera(true));
    onAction(actions.UNMUTE_CAMERA, () => this.setCamera(false));
    onAction(actions.SEND_CHAT_MESSAGE, (payload) => {
      const text = typeof payload === 'string' ? payload : payload?.payload;
      if (typeof text === 'string' && this.session?.phase === 'conference') this.session.sendChat(text);
    });
    onAction(actions.DISCONNECT, () => this.session?.leave());
  }

  /** Whether the user muted their own microphone (a host's mute is separate). */
  localAudioMuted() {
    return this.localMuted;
  }

  /** @param {boolean} mute */
  setMicrophone(mute) {
    const s = this.session;
    if (!s || s.phase !== 'conference') return;
    const me = s.me;
    if (!mute && me && isAdminMuted(me)) {
      const guestLocked = !s.isHost && s.status.guests_muted && !s.status.guests_can_unmute;
      if (guestLocked) {
        toast('A host has muted the guests. You cannot unmute yourself in this meeting.', { icon: 'mic-off', kind: 'warning' });
        return;
      }
      call(s, 'setParticipantMute', s.selfUuid, false);
    }
    this.localMuted = mute;
    this.media.setAudioEnabled(!mute);
    if (typeof s.rtc?.muteAudio === 'function') s.rtc.muteAudio(mute);
    if (typeof s.rtc?.[mute ? 'clientMute' : 'clientUnmute'] === 'function') s.rtc[mute ? 'clientMute' : 'clientUnmute']();
    this.view?.toolbar.setMic(mute || Boolean(me && isAdminMuted(me)));
  }

  /** @param {boolean} mute */
  setCamera(mute) {
    const s = this.session;
    if (!s || s.phase !== 'conference') return;
    if (!mute && (this.media.permission === 'idle' || !this.media.hasVideo)) this.media.start();
    this.media.setVideoEnabled(!mute);
    if (typeof s.rtc?.muteVideo === 'function') s.rtc.muteVideo(mute);
    call(s, mute ? 'videoMuted' : 'videoUnmuted');
  }

  /** Show what the route asks for: the join form, or join straight away. */
  start() {
    const { alias, query } = this.route;
    const name = (query.name ?? '').trim() || localStorage.getItem(NAME_KEY) || '';
    if (alias && query.join === '1' && name) {
      this.join({ alias, name, pin: query.pin, role: query.role });
    } else {
      this.home(alias, name);
    }
  }

  /**
   * @param {string} [alias]
   * @param {string} [name]
   */
  home(alias = '', name = localStorage.getItem(NAME_KEY) ?? '') {
    this._endSession();
    document.title = 'Plugboard Connect';
    if (location.pathname !== appBase() && !alias) history.pushState(null, '', appBase());
    this._show('home', homeScreen({ alias, name, onJoin: (a, n) => this.join({ alias: a, name: n }) }));
  }

  /**
   * @param {{alias: string, name: string, pin?: string, role?: string}} request
   */
  join(request) {
    this._endSession();
    try {
      localStorage.setItem(NAME_KEY, request.name);
    } catch {
      // Private mode: the name is just not remembered.
    }
    const path = conferencePath(request.alias);
    if (location.pathname !== path) history.pushState(null, '', path);
    this.localMuted = false;
    const session = new Session(request);
    this.session = session;
    this.plugins.attach(session);
    session.on('phase', () => this._render(session));
    session.on('transferred', (/** @type {string} */ alias) => {
      history.replaceState(null, '', conferencePath(alias));
    });
    this._render(session);
    session.start();
  }

  /** Leave whatever session there is, quietly. */
  _endSession() {
    this.view?.destroy();
    this.view = null;
    if (this.session) {
      this.session.dispose();
      this.session = null;
    }
    this.media.stop();
    closeMenu();
    for (const d of document.querySelectorAll('dialog[open]')) /** @type {HTMLDialogElement} */ (d).close();
  }

  /** @param {Session} session */
  _render(session) {
    if (session !== this.session) return;
    const { alias, name } = session;
    switch (session.phase) {
      case 'connecting':
        this._show('connecting', connectingScreen({ conference: alias, onCancel: () => this.home(alias, name) }));
        break;
      case 'transferring':
        this.view?.destroy();
        this.view = null;
        this._show('transferring', connectingScreen({ conference: alias, text: 'Moving you to another meeting…', onCancel: () => this.home(alias, name) }));
        break;
      case 'pin':
        this._show('pin', pinScreen({ conference: alias, pinStatus: session.pinStatus, onSubmit: (pin) => session.submitPin(pin), onCancel: () => this.home(alias, name) }));
        break;
      case 'waiting':
        this._ensureMedia();
        this._show('waiting', waitingScreen({ conference: session.conferenceName, name, media: this.media, onLeave: () => session.leave() }));
        break;
      case 'conference': {
        this._ensureMedia();
        if (!this.view) this.view = new ConferenceView(session, this.media, this);
        const view = this.view;
        this._show('conference', { el: view.el, focus: () => view.title.focus() });
        this.view.mount();
        if (session.me && isAdminMuted(session.me)) this.view.toolbar.setMic(true, 'muted by a host');
        break;
      }
      case 'failed': {
        const failure = session.failure ?? { kind: 'error', title: 'Something went wrong', message: '', detail: '' };
        const again = { label: 'Try again', primary: true, id: 'notice-retry', onClick: () => this.join({ alias, name, role: session.role ?? undefined }) };
        const back = { label: 'Back to start', id: 'notice-home', onClick: () => this.home(failure.kind === 'not-found' ? alias : '', name) };
        const buttons = failure.kind === 'not-found' ? [{ ...back, primary: true, label: 'Change meeting' }] : [again, back];
        this.media.stop();
        this._show('error', noticeScreen({ failure, screen: 'error', actions: buttons }));
        break;
      }
      case 'ended': {
        this.view?.destroy();
        this.view = null;
        this.media.stop();
        const failure = session.failure ?? { kind: 'disconnected', title: 'You were disconnected', message: '', detail: '' };
        this._show(
          'ended',
          noticeScreen({
            failure,
            screen: 'ended',
            actions: [
              { label: 'Rejoin', primary: true, id: 'notice-rejoin', onClick: () => this.join({ alias, name, role: session.role ?? undefined }) },
              { label: 'Back to start', id: 'notice-home', onClick: () => this.home('', name) },
            ],
          }),
        );
        break;
      }
    }
  }

  _ensureMedia() {
    if (this.media.permission === 'idle') this.media.start();
  }

  /**
   * @param {string} name
   * @param {Screen} screen
   */
  _show(name, screen) {
    if (this.screen?.el === screen.el) return;
    this.screen?.destroy?.();
    if (name !== 'conference') clearToasts();
    closeMenu();
    this.screen = screen;
    this.root.replaceChildren(screen.el);
    this.root.dataset.appScreen = name;
    screen.focus?.();
    dispatchAction(actions.SCREEN_STATE, name);
  }
}
