// @ts-check
/**
 * pexrtc.js: Plugboard's PexRTC-compatible client library.
 *
 * A classic script (no modules, no build step) that defines the global constructor `PexRTC` with
 * the public surface of Pexip's PexRTC (Infinity v36): the same constructor properties and
 * defaults, methods, callbacks and callback arguments, REST requests and event-stream handling.
 * A page written for Pexip's PexRTC works against a Plugboard node unchanged:
 *
 *     var rtc = new PexRTC();
 *     rtc.onSetup = function (stream, pin_status) { rtc.connect(pin_status === 'none' ? null : pin); };
 *     rtc.onConnect = function () { ... };
 *     rtc.onParticipantCreate = function (participant) { ... };
 *     rtc.makeCall('node.example.com', 'meet', 'Alice', null, 'none');
 *
 * Where this library differs from Pexip's, and why:
 *
 * - **No media path.** The node has no media server yet, so there is no RTCPeerConnection, no
 *   `calls` request, no ICE, no DataChannel. Call type `'none'` (control only) is complete.
 *   `'video'`, `'audioonly'` and the device-based default join control-only as well, but acquire the
 *   local camera/microphone with getUserMedia (when the browser grants it) and hand that stream to
 *   `onSetup(stream, …)` for a local preview, as Pexip's does. `onConnect(stream)` then receives an
 *   empty remote MediaStream (`call.mediaStream`); `call.localStream` is the local one and `call.pc`
 *   is null. `muteAudio`/`muteVideo` switch the local tracks and tell the node
 *   (`client_mute`/`video_muted`). A denied camera does not fail the call: `onSetup` gets `null`.
 *   Screen sharing takes the floor (`take_floor`, so everyone sees `onPresentation`) but sends no
 *   pixels; `getPresentation()` has no stream to deliver; DTMF and FECC to `'call'` return false
 *   (there is no call to send them on); statistics are `{}` and the secure check code is `''`.
 * - **Protocol.** Pexip's always uses `https://<node>`. Plugboard serves plain HTTP by default, so
 *   when `node` equals the page's own host (`location.host`, i.e. `host[:port]`), this library uses
 *   the page's protocol; for any other node it uses `https://`. `node` may also be a full origin
 *   (`http://host:port`), which is used as given.
 * - **Bugs of v36 fixed** (pexrtc.md §2.10): the `on_hold` event reaches `onHoldResume`; a stream
 *   re-sync keeps the previous roster and reports only real creates, changes and deletes;
 *   `presentation_frame` uses the event's id; media events never dereference a missing call.
 * - **API intent over accidents:** a request to a node that keeps failing ends the session before
 *   `onError` (so an app's error screen matches the library's state); the dial `role` is sent for
 *   hosts too (`'HOST'`), since the API's default is guest; a direct message goes to `onChatMessage`
 *   (with `direct: true`) when the page set no `onDirectMessage`; the token is not released when the
 *   node already ended the session (`disconnect` and `refer` events); after `disconnect()` the state
 *   is `'IDLE'`; the library asks for `direct_media: false` (it has no media to do it with) and says
 *   it supports direct chat; leading slashes of `sendRequest` paths are dropped.
 * - Request callbacks (`sendRequest(…, cb)` and the methods that take a `cb`) receive the parsed
 *   answer `{status, result, http_status}`, which also carries `target` (the XMLHttpRequest), so
 *   code written for Pexip's (`JSON.parse(e.target.responseText)`) works as well.
 */

/**
 * A participant as the node sends it (`participants`, `participant_create`/`_update`), snake_case.
 * @typedef {{uuid: string, display_name?: string, role?: string, service_type?: string, [key: string]: any}} Participant
 */
/**
 * The parsed answer of a REST request.
 * @typedef {object} ApiAnswer
 * @property {number} http_status  HTTP status (0 when the request never completed)
 * @property {string} [status]  `'success'` or `'failed'`
 * @property {any} [result]
 * @property {XMLHttpRequest} [target]  the request, for callers written against Pexip's `e.target`
 */
/** @typedef {(answer: ApiAnswer) => void} AnswerCallback */
/** @typedef {{name: string, uuid: string, img?: string, disable_popup_flow?: boolean}} IdentityProvider */
/** @typedef {'IDLE'|'ACTIVE'|'DISCONNECTING'} CallState */

// eslint-disable-next-line no-var
var PexRTC = (function () {
  'use strict';

  /** Pexip's user-facing strings (`rtc.trans`), kept so apps that compare against them still work. */
  const TRANS = Object.freeze({
    ERROR_SCREENSHARE_CANCELLED: 'Screenshare cancelled',
    ERROR_SCREENSHARE_REJECTED: 'Screenshare rejected',
    ERROR_CALL_FAILED: 'Call Failed: ',
    ERROR_WEBRTC_SUPPORT: 'Error: WebRTC not supported by this browser',
    ERROR_SCREENSHARE_EXTENSION: 'Error: Screenshare extension not found.',
    ERROR_USER_MEDIA: 'Error: Could not get access to camera/microphone.',
    ERROR_PRESENTATION_ENDED: 'Presentation ended',
    ERROR_DISCONNECTED_PRESENTATION: 'Presentation stream remotely disconnected',
    ERROR_DISCONNECTED_SCREENSHARE: 'Screenshare remotely disconnected',
    ERROR_DISCONNECTED: 'You have been remotely disconnected from this conference',
    ERROR_CONNECTING_PRESENTATION: 'Presentation stream unavailable',
    ERROR_CONNECTING_SCREENSHARE: 'Screenshare error',
    ERROR_CONNECTING: 'Error connecting to conference',
    ERROR_CONNECTING_EXTENSION: 'Conference extension not found',
    ERROR_INVALID_PIN: 'Invalid PIN',
  });

  /** Every event of the node's stream this library listens to. */
  const SERVER_EVENTS = [
    'presentation_start', 'presentation_stop', 'presentation_frame',
    'participant_create', 'participant_update', 'participant_delete',
    'participant_sync_begin', 'participant_sync_end',
    'message_received', 'call_disconnected', 'disconnect', 'conference_update', 'refer',
    'on_hold', 'stage', 'layout', 'fecc', 'live_captions', 'refresh_token', 'peer_disconnect',
    'new_offer', 'update_sdp', 'new_candidate', 'splash_screen',
    'breakout_begin', 'breakout_end', 'breakout_refer', 'breakout_event',
  ];
  /** Events about the participant itself, handled whichever room it is in. */
  const PERSONAL_EVENTS = new Set([
    'call_disconnected', 'disconnect', 'refer', 'on_hold', 'fecc', 'refresh_token',
    'peer_disconnect', 'new_offer', 'update_sdp', 'new_candidate', 'splash_screen',
    'breakout_begin', 'breakout_end', 'breakout_refer', 'breakout_event',
  ]);
  const ROSTER_EVENTS = new Set([
    'participant_create', 'participant_update', 'participant_delete',
    'participant_sync_begin', 'participant_sync_end',
  ]);

  const MAX_RETRIES = 10;
  const RETRY_STEP_MS = 500;
  const RETRY_STATUSES = [502, 504];
  const TOKEN_REQUEST_TIMEOUT_MS = 60000;
  const EVENT_SOURCE_OPEN_DELAY_MS = 10;
  const EVENT_SOURCE_BACKOFF_MS = 1000;
  const EVENT_SOURCE_GIVE_UP_MS = 15000;
  const BANDWIDTH_OVERHEAD_KBPS = 64;
  const MAIN_ROOM = 'main';

  /** `'YES'`/`'ALLOW'` → true, as Pexip's `t2b`. @param {unknown} text */
  function t2b(text) {
    return text === 'YES' || text === 'ALLOW';
  }
  /** true → `'YES'`, else `'NO'`, as Pexip's `b2t`. @param {unknown} value */
  function b2t(value) {
    return value ? 'YES' : 'NO';
  }
  /** true → `'ALLOW'`, else `'DENY'`, as Pexip's `b2p`. @param {unknown} value */
  function b2p(value) {
    return value ? 'ALLOW' : 'DENY';
  }

  /**
   * Reports an exception thrown by an application callback without breaking the library's flow.
   * @param {unknown} error
   */
  function reportCallbackError(error) {
    const report = /** @type {any} */ (globalThis).reportError;
    if (typeof report === 'function') report(error);
    else console.error(error);
  }

  /**
   * The answer of a finished XMLHttpRequest.
   * @param {XMLHttpRequest} xhr
   * @returns {ApiAnswer}
   */
  function parseAnswer(xhr) {
    /** @type {any} */
    let body = null;
    try {
      body = JSON.parse(xhr.responseText);
    } catch (_) {
      body = null;
    }
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      return Object.assign({}, body, { http_status: xhr.status, target: xhr });
    }
    const result = xhr.responseText || xhr.statusText || 'No response';
    return { status: 'failed', result: result, http_status: xhr.status, target: xhr };
  }

  /**
   * The data of a server event: JSON, or null when empty or malformed.
   * @param {string} data
   * @returns {any}
   */
  function parseEventData(data) {
    if (!data) return null;
    try {
      return JSON.parse(data);
    } catch (_) {
      return null;
    }
  }

  /**
   * Stops every track of a stream.
   * @param {MediaStream|null|undefined} stream
   */
  function stopTracks(stream) {
    if (stream && typeof stream.getTracks === 'function') {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
  }

  /** @param {MediaStream|null|undefined} stream */
  function isLive(stream) {
    return Boolean(stream && stream.getTracks().some(function (t) { return t.readyState === 'live'; }));
  }

  /**
   * Browser facts Pexip's library exposes (`chrome_ver`, `is_mobile`, …); 0 means "not this browser".
   * @param {string} userAgent
   */
  function detectBrowser(userAgent) {
    /** @param {RegExp} pattern */
    const version = function (pattern) {
      const match = pattern.exec(userAgent);
      return match ? parseInt(match[1], 10) : 0;
    };
    const edge = version(/Edg(?:e|A|iOS)?\/(\d+)/);
    const chrome = edge ? 0 : version(/(?:Chrome|CriOS)\/(\d+)/);
    const firefox = version(/(?:Firefox|FxiOS)\/(\d+)/);
    const safari = chrome || edge || firefox ? 0 : version(/Version\/(\d+).*Safari/);
    const android = /Android/i.test(userAgent);
    return {
      chrome_ver: chrome,
      firefox_ver: firefox,
      safari_ver: safari,
      edge_ver: edge,
      is_android: android,
      is_electron: /Electron\//.test(userAgent),
      is_mobile: android || /iPhone|iPad|iPod|Mobile/i.test(userAgent),
    };
  }

  /**
   * The call of a PexRTC session: Pexip's PexRTCConn without the RTCPeerConnection. It holds the
   * local stream (preview) and an empty remote stream; `call_uuid` stays null as no `calls`
   * request is made.
   */
  /** The browser this library runs in. */
  const BROWSER = detectBrowser(typeof navigator === 'object' ? navigator.userAgent : '');

  class PexRTCConn {
    /**
     * @param {PexRTC} parent
     * @param {string} call_type
     */
    constructor(parent, call_type) {
      this.parent = parent;
      this.call_type = call_type;
      /** @type {string|null} */
      this.call_uuid = null;
      /** @type {MediaStream|null} the local camera/microphone stream, if granted */
      this.localStream = null;
      /** @type {MediaStream|null} the remote stream handed to onConnect; empty without media */
      this.mediaStream = null;
      /** @type {RTCPeerConnection|null} always null: no media path yet */
      this.pc = null;
      this.connected = false;
    }

    /** "Connects" the call: there is no media to negotiate, so it is connected at once. */
    connect() {
      this.mediaStream = typeof MediaStream === 'function' ? new MediaStream() : null;
      this.connected = true;
      this.parent.callConnected(this);
    }

    /**
     * Drops the call; the local stream is stopped unless it is kept for a following call.
     * @param {boolean} [keepLocalStream]
     */
    disconnect(keepLocalStream) {
      if (!keepLocalStream) stopTracks(this.localStream);
      this.connected = false;
    }

    /**
     * Enables or disables the local tracks of one kind.
     * @param {'audio'|'video'} kind
     * @param {boolean} muted
     */
    muteTracks(kind, muted) {
      if (!this.localStream) return;
      this.localStream.getTracks().forEach(function (track) {
        if (track.kind === kind) track.enabled = !muted;
      });
    }
  }

  class PexRTC {
    // Properties applications set (pexrtc.md §2.6), with Pexip's defaults.

    /** @type {string|false|null} microphone deviceId; false for none */
    audio_source = null;
    /** @type {string|false|null} camera deviceId; false for none */
    video_source = null;
    recv_audio = true;
    recv_video = true;
    /** @type {MediaStream|null} */
    user_media_stream = null;
    /** @type {MediaStream|null} */
    user_presentation_stream = null;
    bandwidth_in = 1280;
    bandwidth_out = 1280;
    /** @type {string|null} */
    default_stun = null;
    /** @type {RTCIceServer|RTCIceServer[]|null} */
    turn_server = null;
    /** @type {string|null} the PIN header sent until a token is held */
    pin = null;
    /** @type {string|null} */
    registration_token = null;
    /** @type {string|null} one-time token of a transfer (`refer`) */
    oneTimeToken = null;
    /** @type {string|null} */
    call_tag = null;
    client_id = 'PexRTC';
    /** @type {string|null} */
    basic_username = null;
    /** @type {string|null} */
    basic_password = null;
    /** @type {string|null} */
    sso_redirect_target = null;
    /** @type {string|null} */
    chosen_idp_uuid = null;
    /** @type {string|null} */
    sso_token = null;
    screenshare_api = 'pexGetScreen';
    screenshare_fps = 15;
    /** @type {number|null} */
    screenshare_width = null;
    /** @type {number|null} */
    screenshare_height = null;
    powerLineFrequency = 0;
    force_hd = 720;
    xhr_timeout = 10000;
    h264_enabled = true;
    vp8_enabled = true;
    vp9_enabled = true;
    png_presentation = false;
    /** @type {boolean|undefined} */
    presentation_in_main = undefined;
    fecc_supported = false;
    ice_timeout = 10;
    use_trickle_ice = true;
    autoGainControl = true;
    echoCancellation = true;
    noiseSuppression = true;
    /** @type {number|undefined} */
    sampleRate = undefined;

    // State applications read (pexrtc.md §2.6).

    /** @type {CallState} */
    state = 'IDLE';
    /** @type {string|null} the node as given to makeCall */
    node = null;
    /** @type {string|null} */
    conference = null;
    /** @type {string|null} the conference alias, URI-encoded */
    conference_uri = null;
    /** @type {string|null} */
    display_name = null;
    /** @type {string|null} */
    token = null;
    /** @type {string|null} own participant uuid */
    uuid = null;
    /** @type {string|null} `'HOST'` or `'GUEST'` */
    role = null;
    /** @type {{version_id: string, pseudo_version: string}|null} */
    version = null;
    /** @type {'none'|'required'|'optional'} */
    pin_status = 'none';
    /** @type {IdentityProvider[]|null} */
    idp_choices = null;
    /** @type {string|null} extension type asked for by a Virtual Reception (`standard`, `mssip`) */
    conference_extension = null;
    /** @type {string|null} */
    call_type = null;
    /** @type {PexRTCConn|null} */
    call = null;
    mutedAudio = false;
    mutedVideo = false;
    /** @type {Object<string, Participant>} the current room's participants by uuid */
    rosterList = {};
    /** @type {Object<string, Participant>|null} the roster before a re-sync, while it runs */
    oldRosterList = null;
    chat_enabled = true;
    fecc_enabled = false;
    rtmp_enabled = false;
    rtsp_enabled = false;
    breakout_rooms = false;
    live_captions_available = false;
    analytics_enabled = false;
    allow_1080p = false;
    direct_media = false;
    guests_can_present = true;
    /** @type {string|null} */
    service_type = null;
    /** @type {string|null} `conference`, `lecture`, `waiting_room`, … (follows admission) */
    current_service_type = null;
    /** @type {string|null} */
    remote_call_type = null;
    /** @type {string|null} */
    conference_name = null;
    /** @type {number|null} */
    pex_datachannel_id = null;
    /** @type {number|null} */
    client_stats_update_interval = null;
    trickle_ice_enabled = false;
    use_relay_candidates_only = false;
    /** @type {RTCConfiguration} ICE servers from the token (kept; unused without media) */
    pcConfig = { iceServers: [] };
    expires = 120;
    presentation_requested = false;
    screenshare_requested = false;
    /** @type {string|null} id of the last `presentation_frame` event */
    presentation_event_id = null;
    onHold = false;
    /** @type {string|null} the last error reported through onError */
    error = null;
    trans = TRANS;
    /** @type {EventSource|null} */
    event_source = null;
    event_source_timeout = 0;
    /** @type {string|null} */
    breakout_uuid = null;
    breakout_prefix = '';
    /** @type {Object<string, {participant_uuid?: string, breakout_name?: string}>} */
    breakout_map = {};
    /** @type {Object<string, Object<string, Participant>>} rosters by room (`main` or breakout uuid) */
    breakout_roster = {};

    // Browser facts apps read (`chrome_ver`, …; 0 when not that browser).

    chrome_ver = BROWSER.chrome_ver;
    firefox_ver = BROWSER.firefox_ver;
    safari_ver = BROWSER.safari_ver;
    edge_ver = BROWSER.edge_ver;
    is_android = BROWSER.is_android;
    is_electron = BROWSER.is_electron;
    is_mobile = BROWSER.is_mobile;

    // Every callback of pexrtc.md §2.7, unset. Apps (and plugins) assign or wrap them.

    /** @type {((stream: MediaStream|null|undefined, pin_status: string, conference_extension: string|null, idp_choices: IdentityProvider[]|null) => void)|null} */
    onSetup = null;
    /** @type {((stream?: MediaStream|null) => void)|null} */
    onConnect = null;
    /** @type {((reason: string) => void)|null} */
    onError = null;
    /** @type {((reason: string) => void)|null} */
    onDisconnect = null;
    /** @type {((reason: string) => void)|null} */
    onCallDisconnect = null;
    /** @type {((setting: boolean) => void)|null} */
    onHoldResume = null;
    /** @type {((active: boolean, presenter: string|null, presenter_uuid?: string, presenter_source?: string) => void)|null} */
    onPresentation = null;
    /** @type {((url: string) => void)|null} */
    onPresentationReload = null;
    /** @type {((stream: MediaStream) => void)|null} */
    onPresentationConnected = null;
    /** @type {((reason: string) => void)|null} */
    onPresentationDisconnected = null;
    /** @type {((stream: MediaStream|{}) => void)|null} */
    onScreenshareConnected = null;
    /** @type {((reason: string) => void)|null} */
    onScreenshareStopped = null;
    /** @type {(() => void)|null} declared for compatibility; never invoked */
    onScreenshareMissing = null;
    /** @type {((participants: Participant[]) => void)|null} */
    onRosterList = null;
    /** @type {((participant: Participant) => void)|null} */
    onParticipantCreate = null;
    /** @type {((participant: Participant) => void)|null} */
    onParticipantUpdate = null;
    /** @type {((participant: Participant|{uuid: string}) => void)|null} */
    onParticipantDelete = null;
    /** @type {(() => void)|null} */
    onSyncBegin = null;
    /** @type {(() => void)|null} */
    onSyncEnd = null;
    /** @type {((message: {origin: string, uuid: string, type: string, payload: string, direct?: boolean}) => void)|null} */
    onChatMessage = null;
    /** @type {((message: {origin: string, uuid: string, type: string, payload: string, direct?: boolean}) => void)|null} */
    onDirectMessage = null;
    /** @type {((message: {origin: string, uuid: string, type: string, payload: string, direct?: boolean}) => void)|null} */
    onApplicationMessage = null;
    /** @type {((properties: Object<string, any>) => void)|null} */
    onConferenceUpdate = null;
    /** @type {((layout: Object<string, any>) => void)|null} */
    onLayoutUpdate = null;
    /** @type {((stage: Array<{participant_uuid: string, stage_index: number, vad: number}>) => void)|null} */
    onStageUpdate = null;
    /** @type {((captions: Object<string, any>) => void)|null} */
    onLiveCaptions = null;
    /** @type {((fecc: Object<string, any>) => void)|null} */
    onFECC = null;
    /** @type {((alias: string) => void)|null} */
    onCallTransfer = null;
    /** @type {((role: string) => void)|null} */
    onRoleUpdate = null;
    /** @type {((redirect_url: string, idp_uuid: string, idp_name: string, disable_popup_flow: boolean) => void)|null} */
    onAuth = null;
    /** @type {((screen?: {text: string, background: string, screen_key: string, display_duration?: number}) => void)|null} */
    onSplashScreen = null;
    /** @type {(() => void)|null} never invoked: no media, no ICE */
    onIceRestart = null;
    /** @type {(() => void)|null} declared for compatibility; never invoked */
    onIceFailure = null;
    /** @type {(() => void)|null} declared for compatibility; never invoked */
    onMicActivity = null;
    /** @type {((streamType: string, reason: string) => void)|null} never invoked: no statistics */
    onQualityLimitation = null;
    /** @type {((breakout_uuid: string) => void)|null} */
    onBreakoutEnd = null;
    /** @type {((breakout_uuid: string, help: boolean) => void)|null} */
    onBreakoutHelp = null;
    /** @type {((breakout_uuid: string, event: string, data: any) => void)|null} */
    onBreakoutUpdate = null;
    /** @type {((breakout_uuid: string, event: string, participant: Participant|{}) => void)|null} */
    onBreakoutParticipant = null;
    /** @type {(...args: any[]) => void} */
    onLog = function () {
      console.log.apply(console, /** @type {any} */ (arguments));
    };

    // Internal bookkeeping (not part of Pexip's surface).

    /** Incremented by every disconnect, so that answers of an ended session are ignored. */
    _generation = 0;
    /** @type {ReturnType<typeof setInterval>|null} */
    _refreshTimer = null;
    /** @type {ReturnType<typeof setTimeout>|null} */
    _eventSourceTimer = null;
    _refreshing = false;
    _refreshAgain = false;
    /** @type {string|null} own uuid in the main room (it changes inside a breakout) */
    _mainUuid = null;
    /** @type {string|null} the Virtual Reception target alias to send with request_token */
    _extensionAlias = null;
    /** @type {MediaStream|null} local stream kept across a transfer */
    _savedStream = null;
    /** @type {MediaStream|null} */
    _presentationStream = null;
    /** @type {Object<string, Array<{path: string, body: object}>>} DTMF/FECC queues by target */
    _queues = {};
    /** @type {Object<string, boolean>} */
    _queueBusy = {};
    /** @type {any} the `theme/` answer, fetched on the first splash screen */
    _theme = null;
    _unloadHooked = false;
    /** @type {string|number|null} */
    _bandwidthArg = null;

    // ---------------------------------------------------------------------------------------
    // Calling application callbacks

    /**
     * Calls the callback property `name` as it is *now* (plugins wrap them at any time), as a method
     * of this object. An exception in it is reported and does not stop the library.
     * @param {string} name
     * @param {...any} args
     */
    emit(name, ...args) {
      const callback = /** @type {any} */ (this)[name];
      if (typeof callback !== 'function') return;
      try {
        callback.apply(this, args);
      } catch (error) {
        reportCallbackError(error);
      }
    }

    /** @param {...any} args */
    log(...args) {
      if (typeof this.onLog !== 'function') return;
      try {
        this.onLog.apply(this, args);
      } catch (_) {
        // logging must never break the library
      }
    }

    /**
     * Wraps a function so that it runs only while the session that created it lasts.
     * @template {any[]} A
     * @param {(...args: A) => void} fn
     * @returns {(...args: A) => void}
     */
    whileCurrent(fn) {
      const generation = this._generation;
      return (...args) => {
        if (generation === this._generation) fn.apply(this, args);
      };
    }

    // ---------------------------------------------------------------------------------------
    // Transport

    /** The node's origin: the page's protocol for the page's own host, else https. */
    nodeOrigin() {
      const node = String(this.node || '');
      if (/^https?:\/\//i.test(node)) return node.replace(/\/+$/, '');
      const page = typeof location === 'object' ? location : null;
      if (page && page.host === node && /^https?:$/.test(page.protocol)) {
        return page.protocol + '//' + node;
      }
      return 'https://' + node;
    }

    /**
     * The URL of a request relative to the conference.
     * @param {string} request
     */
    conferenceUrl(request) {
      return this.nodeOrigin() + '/api/client/v2/conferences/' + this.conference_uri + '/' + request;
    }

    /**
     * Adds the auth headers: `token` once held, else `pin` when set; Basic auth when configured.
     * @param {XMLHttpRequest} xhr
     */
    setAuthHeaders(xhr) {
      if (this.token) xhr.setRequestHeader('token', this.token);
      else if (this.pin !== null && this.pin !== undefined) xhr.setRequestHeader('pin', this.pin);
      if (this.basic_username && this.basic_password) {
        xhr.setRequestHeader('Authorization', 'Basic ' + btoa(this.basic_username + ':' + this.basic_password));
      }
    }

    /**
     * Sends a REST request to the conference (Pexip's `sendRequest`). POST unless `req_method`
     * says otherwise; a JSON body only when `params` is given. Retried on 502/504, network errors
     * and timeouts, up to 10 times with a growing back-off; then `onError('Error connecting to
     * conference')`. With `cb === false` the request is synchronous and the parsed answer is
     * returned.
     * @param {string} request  path relative to the conference, e.g. `participants/<uuid>/mute`
     * @param {object|null} [params]  JSON body
     * @param {AnswerCallback|false|null} [cb]  called with the parsed answer
     * @param {string} [req_method]
     * @param {number} [retries]  attempts already made
     * @param {number} [timeout]  ms
     * @returns {ApiAnswer|undefined}  the answer of a synchronous request
     */
    sendRequest(request, params, cb, req_method, retries, timeout) {
      const sync = cb === false;
      const method = req_method || 'POST';
      const attempt = retries || 0;
      const path = String(request).replace(/^\/+/, '');
      const xhr = new XMLHttpRequest();
      xhr.open(method, this.conferenceUrl(path), !sync);
      this.setAuthHeaders(xhr);
      const body = params === null || params === undefined ? null : JSON.stringify(params);
      if (body !== null) xhr.setRequestHeader('Content-type', 'application/json');
      this.log('PexRTC.sendRequest', method, path, params === undefined ? null : params);
      if (sync) return this.sendSync(xhr, body);
      const retry = () => {
        if (this.state !== 'ACTIVE') return;
        if (attempt + 1 > MAX_RETRIES) {
          this.connectionFailed();
          return;
        }
        const again = this.whileCurrent(() => this.sendRequest(path, params, cb, method, attempt + 1, timeout));
        setTimeout(again, (attempt + 1) * RETRY_STEP_MS);
      };
      xhr.timeout = timeout || this.xhr_timeout;
      xhr.onload = () => {
        if (RETRY_STATUSES.indexOf(xhr.status) !== -1) retry();
        else if (typeof cb === 'function') cb(parseAnswer(xhr));
      };
      xhr.onerror = retry;
      xhr.ontimeout = retry;
      xhr.onabort = retry;
      xhr.send(body);
      return undefined;
    }

    /**
     * @param {XMLHttpRequest} xhr  opened synchronously
     * @param {string|null} body
     * @returns {ApiAnswer}
     */
    sendSync(xhr, body) {
      try {
        xhr.send(body);
      } catch (error) {
        return { status: 'failed', result: String(error), http_status: 0, target: xhr };
      }
      return parseAnswer(xhr);
    }

    /**
     * A request as a promise of its answer (never rejects; a request that keeps failing never
     * settles, after `onError` has been reported).
     * @param {string} request
     * @param {object|null} [params]
     * @param {string} [method]
     * @param {number} [retries]
     * @param {number} [timeout]
     * @returns {Promise<ApiAnswer>}
     */
    ask(request, params, method, retries, timeout) {
      return new Promise((resolve) => {
        this.sendRequest(request, params, resolve, method, retries, timeout);
      });
    }

    /**
     * Sends a request and hands the answer to an optional application callback.
     * @param {string} request
     * @param {object|null} params
     * @param {AnswerCallback|undefined|null} cb
     * @param {string} [method]
     */
    command(request, params, cb, method) {
      this.sendRequest(request, params, typeof cb === 'function' ? cb : null, method);
    }

    /** The node kept failing: end the session and say so. */
    connectionFailed() {
      if (this.state === 'ACTIVE') this.disconnect();
      this.error = TRANS.ERROR_CONNECTING;
      this.emit('onError', TRANS.ERROR_CONNECTING);
    }

    // ---------------------------------------------------------------------------------------
    // Joining

    /**
     * Joins a conference (Pexip's `makeCall`). Requests a token; then opens the event stream and,
     * for call type `'none'`, calls `onSetup(null, pin_status, conference_extension, idp_choices)`;
     * for media call types, acquires the local stream first and calls `onSetup(stream, …)`.
     * The application answers `onSetup` with `connect(pin)`.
     * @param {string} node  `host[:port]` of the node (or a full origin)
     * @param {string} conference  alias
     * @param {string} name  display name
     * @param {string|number|null} [bw]  bandwidth in kbps
     * @param {string} [call_type]  `'none'`, `'video'`, `'audioonly'`, `'recvonly'`, `'presentation'`, `'screen'`, …
     * @param {unknown} [flash]  ignored (the 2022 file's Flash object)
     */
    makeCall(node, conference, name, bw, call_type, flash) {
      void flash;
      if (this.state === 'ACTIVE') this.disconnect(); // a second call replaces the first
      this.startSession(node, conference, name, bw);
      this.call_type = call_type === undefined ? null : call_type;
      this.requestToken(() => {
        this.createEventSource();
        if (this.state !== 'ACTIVE') return;
        if (call_type === 'none') {
          this.dropSavedStream();
          this.emitSetup(null);
        } else {
          this.addCall(call_type);
        }
      });
    }

    /**
     * Resets the per-session state for a new call.
     * @param {string} node
     * @param {string} conference
     * @param {string} name
     * @param {string|number|null|undefined} bw
     */
    startSession(node, conference, name, bw) {
      this._generation += 1;
      this.state = 'ACTIVE';
      this.node = node;
      this.conference = conference;
      this.conference_uri = encodeURIComponent(conference);
      this.display_name = name;
      this._bandwidthArg = bw === undefined ? null : bw;
      const bandwidth = parseInt(String(bw), 10);
      if (Number.isFinite(bandwidth) && bandwidth > 0) {
        this.bandwidth_in = bandwidth;
        this.bandwidth_out = bandwidth;
      }
      this.resetSessionState();
      this.hookPageUnload();
    }

    /** Forgets everything about the previous session. */
    resetSessionState() {
      this.token = null;
      this.uuid = null;
      this._mainUuid = null;
      this.role = null;
      this.error = null;
      this.pin_status = 'none';
      this.idp_choices = null;
      this.conference_extension = null;
      this._extensionAlias = null;
      this.rosterList = {};
      this.oldRosterList = null;
      this.breakout_roster = { main: this.rosterList };
      this.breakout_map = {};
      this.breakout_uuid = null;
      this.breakout_prefix = '';
      this.event_source_timeout = 0;
      this.presentation_requested = false;
      this.screenshare_requested = false;
      this._theme = null;
      this._queues = {};
      this._queueBusy = {};
    }

    /** Releases the token when the page goes away (Pexip releases it with sendBeacon). */
    hookPageUnload() {
      if (this._unloadHooked || typeof window !== 'object' || !window.addEventListener) return;
      this._unloadHooked = true;
      window.addEventListener('pagehide', () => {
        if (this.state === 'ACTIVE') this.disconnect();
      });
    }

    /**
     * Requests a token (`POST request_token`), then continues with `cb` when the node answered with
     * a token or a prompt (PIN, identity provider, extension). Other answers end the session with
     * `onError('Call Failed: <reason>')`.
     * @param {() => void} cb
     */
    requestToken(cb) {
      const params = this.tokenRequestBody();
      const done = this.whileCurrent((/** @type {ApiAnswer} */ answer) => this.tokenRequested(answer, cb));
      this.sendRequest('request_token', params, done, 'POST', MAX_RETRIES, TOKEN_REQUEST_TIMEOUT_MS);
    }

    /** The body of request_token. */
    tokenRequestBody() {
      /** @type {Object<string, any>} */
      const params = {
        display_name: this.display_name,
        chosen_idp: this.chosen_idp_uuid || 'none',
        sso_token: this.sso_token || 'none',
        direct_media: false,
        supports_direct_chat: true,
        client_id: this.client_id,
        node: String(this.node).replace(/^https?:\/\//i, '').replace(/\/+$/, ''),
      };
      if (this.registration_token) params.registration_token = this.registration_token;
      if (this.oneTimeToken) params.token = this.oneTimeToken;
      if (this._extensionAlias) params.conference_extension = this._extensionAlias;
      if (this.call_tag) params.call_tag = this.call_tag;
      if (this.sso_redirect_target) params.sso_redirect_target = this.sso_redirect_target;
      return params;
    }

    /**
     * Handles the answer of request_token (Pexip's `tokenRequested`).
     * @param {ApiAnswer} answer
     * @param {() => void} cb
     */
    tokenRequested(answer, cb) {
      this.oneTimeToken = null;
      const result = answer.result;
      if (answer.http_status === 200 && result && typeof result === 'object') {
        this.storeToken(result);
        this.startRefresh();
        this.fetchConferenceStatus();
        cb();
      } else if (answer.http_status === 403 && answer.status === 'success' && result && typeof result === 'object') {
        this.handlePrompt(result, cb);
      } else if (answer.http_status === 404 && this._extensionAlias) {
        this.error = TRANS.ERROR_CONNECTING_EXTENSION;
        this.emit('onError', TRANS.ERROR_CONNECTING_EXTENSION);
      } else {
        this.handleError(typeof result === 'string' ? result : 'HTTP ' + answer.http_status);
      }
    }

    /**
     * Stores what a granted token says about the session.
     * @param {Object<string, any>} result
     */
    storeToken(result) {
      this.token = result.token;
      this.uuid = result.participant_uuid;
      this._mainUuid = result.participant_uuid;
      this.role = result.role;
      this.version = result.version || null;
      this.expires = parseInt(result.expires, 10) || 120;
      const flags = ['chat_enabled', 'fecc_enabled', 'rtmp_enabled', 'rtsp_enabled', 'breakout_rooms',
        'live_captions_available', 'analytics_enabled', 'allow_1080p', 'guests_can_present', 'direct_media',
        'trickle_ice_enabled', 'use_relay_candidates_only', 'vp9_enabled'];
      const self = /** @type {any} */ (this);
      flags.forEach(function (flag) {
        if (flag in result) self[flag] = Boolean(result[flag]);
      });
      this.service_type = result.service_type || null;
      this.current_service_type = result.current_service_type || null;
      this.remote_call_type = result.call_type || null;
      this.conference_name = result.conference_name || result.service_name || this.conference;
      this.pex_datachannel_id = result.pex_datachannel_id === undefined ? null : result.pex_datachannel_id;
      this.client_stats_update_interval = result.client_stats_update_interval || null;
      this.storeBandwidth(result);
      this.pcConfig = { iceServers: this.iceServers(result) };
    }

    /**
     * The node's bandwidth limits, less Pexip's 64 kbps of overhead, cap ours.
     * @param {Object<string, any>} result
     */
    storeBandwidth(result) {
      if (result.bandwidth_in > BANDWIDTH_OVERHEAD_KBPS) {
        this.bandwidth_in = Math.min(this.bandwidth_in, result.bandwidth_in - BANDWIDTH_OVERHEAD_KBPS);
      }
      if (result.bandwidth_out > BANDWIDTH_OVERHEAD_KBPS) {
        this.bandwidth_out = Math.min(this.bandwidth_out, result.bandwidth_out - BANDWIDTH_OVERHEAD_KBPS);
      }
    }

    /**
     * ICE servers from the token and the app's settings (kept for compatibility; unused).
     * @param {Object<string, any>} result
     * @returns {RTCIceServer[]}
     */
    iceServers(result) {
      /** @type {RTCIceServer[]} */
      const servers = [];
      if (this.default_stun) servers.push({ urls: this.default_stun });
      (result.stun || []).forEach(function (/** @type {{url: string}} */ stun) { servers.push({ urls: stun.url }); });
      (result.turn || []).forEach(function (/** @type {RTCIceServer} */ turn) { servers.push(turn); });
      if (this.turn_server) servers.push.apply(servers, Array.isArray(this.turn_server) ? this.turn_server : [this.turn_server]);
      return servers;
    }

    /**
     * A 403 that asks for something: a PIN, an identity provider, an SSO login or an extension.
     * @param {Object<string, any>} result
     * @param {() => void} cb
     */
    handlePrompt(result, cb) {
      if ('pin' in result) {
        if (this.pin !== null && this.pin_status !== 'none') {
          // A PIN was sent and the node still asks for one: the PIN was wrong.
          this.handleError(TRANS.ERROR_INVALID_PIN);
          return;
        }
        this.pin_status = result.guest_pin === 'none' ? 'optional' : 'required';
      }
      if (result.idp) this.idp_choices = result.idp;
      if (result.conference_extension) this.conference_extension = result.conference_extension_type || 'standard';
      if (result.redirect_url) {
        this.ssoRedirect(result);
        return;
      }
      cb();
    }

    /**
     * SSO: hands the identity provider's URL to `onAuth`, or goes there (redirect flow).
     * @param {Object<string, any>} result
     */
    ssoRedirect(result) {
      const idp = result.redirect_idp || {};
      if (typeof this.onAuth === 'function') {
        this.emit('onAuth', result.redirect_url, idp.uuid, idp.name, Boolean(result.disable_popup_flow));
      } else if (typeof location === 'object') {
        location.assign(result.redirect_url);
      }
    }

    /**
     * Continues the join (Pexip's `connect`). With a PIN prompt pending: sends the PIN (`'none'` when
     * empty) and calls `onConnect` on success. With an extension: asks for the extension's
     * conference and calls `onSetup` again. Otherwise connects at once: `onConnect()` with no
     * arguments for call type `'none'`, `onConnect(stream)` for a call.
     * @param {string|null} [pin]
     * @param {string|null} [extension]  Virtual Reception target alias
     * @param {string|null} [idp_uuid]  chosen identity provider
     * @param {string|null} [sso_token]
     */
    connect(pin, extension, idp_uuid, sso_token) {
      if (this.state !== 'ACTIVE') return;
      if (this.pin_status !== 'none' && !this.token) {
        this.pin = pin || 'none';
        if (extension) this._extensionAlias = extension;
        this.requestToken(() => {
          this.createEventSource();
          this.doNext();
        });
      } else if (idp_uuid) {
        this.chosen_idp_uuid = idp_uuid;
        this.requestToken(() => this.doNext());
      } else if (sso_token) {
        this.sso_token = sso_token;
        this.requestToken(() => {
          this.createEventSource();
          this.doConnect();
        });
      } else if (extension) {
        this._extensionAlias = extension;
        this.requestToken(() => {
          this.createEventSource();
          this.emit('onSetup', null, this.pin_status, null, this.idp_choices);
        });
      } else {
        this.doConnect();
      }
    }

    /** After a token request in `connect`: connect, or prompt again when there is still no token. */
    doNext() {
      if (this.token) this.doConnect();
      else this.emit('onSetup', null, this.pin_status, this.conference_extension, this.idp_choices);
    }

    /** Connects the call if there is one; otherwise `onConnect()` with no arguments. */
    doConnect() {
      if (this.state !== 'ACTIVE') return;
      if (this.call) this.call.connect();
      else this.emit('onConnect');
    }

    /**
     * The call is up (at once, without media): apply mutes chosen before, then hand over.
     * @param {PexRTCConn} call
     */
    callConnected(call) {
      if (call !== this.call || this.state !== 'ACTIVE') return;
      if (this.mutedAudio) this.clientMute();
      if (this.mutedVideo) this.videoMuted();
      if (call.call_type === 'presentation') this.getPresentation();
      else if (call.call_type === 'screen') this.present('screen');
      else this.emit('onConnect', call.mediaStream);
    }

    /** @param {MediaStream|null|undefined} stream */
    emitSetup(stream) {
      this.emit('onSetup', stream, this.pin_status, this.conference_extension, this.idp_choices);
    }

    /** Sends `GET conference_status` and reports the answer through `onConferenceUpdate`. */
    fetchConferenceStatus() {
      const done = this.whileCurrent((/** @type {ApiAnswer} */ answer) => {
        if (answer.http_status === 200 && answer.result) this.processConferenceUpdate(answer.result);
      });
      this.sendRequest('conference_status', null, done, 'GET');
    }

    // ---------------------------------------------------------------------------------------
    // Token refresh

    /** Refreshes the token every `expires/3` seconds. */
    startRefresh() {
      this.stopRefresh();
      this._refreshTimer = setInterval(() => this.refreshToken(), (this.expires * 1000) / 3);
    }

    stopRefresh() {
      if (this._refreshTimer !== null) clearInterval(this._refreshTimer);
      this._refreshTimer = null;
    }

    /** `POST refresh_token`; a changed role is reported with `onRoleUpdate`. */
    refreshToken() {
      if (!this.token || this.state !== 'ACTIVE') return;
      if (this._refreshing) {
        this._refreshAgain = true;
        return;
      }
      this._refreshing = true;
      const done = this.whileCurrent((/** @type {ApiAnswer} */ answer) => {
        this._refreshing = false;
        this.tokenRefreshed(answer);
        if (this._refreshAgain) {
          this._refreshAgain = false;
          this.refreshToken();
        }
      });
      this.sendRequest('refresh_token', null, done, 'POST');
    }

    /** @param {ApiAnswer} answer */
    tokenRefreshed(answer) {
      const result = answer.result;
      if (answer.http_status !== 200 || !result || typeof result !== 'object') {
        this.handleError(typeof result === 'string' ? result : 'HTTP ' + answer.http_status);
        return;
      }
      this.token = result.token;
      const expires = parseInt(result.expires, 10);
      if (expires > 0 && expires !== this.expires) {
        this.expires = expires;
        this.startRefresh();
      }
      if (result.role && result.role !== this.role) {
        this.role = result.role;
        this.emit('onRoleUpdate', this.role);
        this.getParticipants(this.whileCurrent((/** @type {ApiAnswer} */ list) => this.participantsRefetched(list)));
      }
    }

    /**
     * After a role change, every participant is reported again (what one may see depends on it).
     * @param {ApiAnswer} answer
     */
    participantsRefetched(answer) {
      if (answer.http_status !== 200 || !Array.isArray(answer.result)) return;
      answer.result.forEach((/** @type {Participant} */ participant) => {
        this.rosterList[participant.uuid] = participant;
        this.emit('onParticipantUpdate', participant);
      });
      this.emitRoster();
    }

    // ---------------------------------------------------------------------------------------
    // Leaving

    /**
     * Leaves the conference: stops the refresh, the call and the event stream, and releases the
     * token (with sendBeacon, `release_token?token=`, body `{reason?, error?}`).
     * @param {string|null} [reason]
     * @param {boolean} [referral]  leaving because of a transfer (keeps the local stream)
     */
    disconnect(reason, referral) {
      this.state = 'DISCONNECTING';
      this._generation += 1;
      this.stopRefresh();
      this._refreshing = false;
      this.stopScreenshare();
      this.disconnectCall(referral);
      this.closeEventSource();
      if (this.token) this.releaseToken(reason);
      this.token = null;
      this.state = 'IDLE';
    }

    /**
     * Releases the token so the node removes the participant at once.
     * @param {string|null|undefined} reason
     */
    releaseToken(reason) {
      /** @type {Object<string, string>} */
      const params = {};
      if (reason) params.reason = reason;
      if (this.error) params.error = this.error;
      const url = this.conferenceUrl('release_token') + '?token=' + encodeURIComponent(String(this.token));
      // text/plain keeps the beacon a "simple" request, also to a node on another origin.
      const body = new Blob([JSON.stringify(params)], { type: 'text/plain;charset=UTF-8' });
      const beaconSent = typeof navigator === 'object' && typeof navigator.sendBeacon === 'function' &&
        navigator.sendBeacon(url, body);
      if (!beaconSent && typeof fetch === 'function') {
        fetch(url, { method: 'POST', body: body, keepalive: true }).catch(() => undefined);
      }
    }

    /**
     * Ends the session because of an error: `disconnect()`, then `onError('Call Failed: <err>')`
     * (the raw error for presentation and screen calls).
     * @param {unknown} err
     */
    handleError(err) {
      if (this.state !== 'ACTIVE') return;
      const detail = err && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
      this.disconnect();
      const presentationCall = this.call_type === 'presentation' || this.call_type === 'screen';
      this.error = presentationCall ? detail : TRANS.ERROR_CALL_FAILED + detail;
      this.emit('onError', this.error);
    }

    // ---------------------------------------------------------------------------------------
    // Event stream

    /** Opens the event stream (`events?token=`) if a token is held and no stream is open. */
    createEventSource() {
      if (!this.token || this.event_source || typeof EventSource !== 'function') return;
      const url = this.conferenceUrl('events') + '?token=' + encodeURIComponent(this.token);
      const source = new EventSource(url);
      this.event_source = source;
      source.onopen = () => {
        this.event_source_timeout = EVENT_SOURCE_OPEN_DELAY_MS;
      };
      source.onerror = () => this.eventSourceFailed(source);
      SERVER_EVENTS.forEach((name) => {
        source.addEventListener(name, (event) => {
          const message = /** @type {MessageEvent} */ (event);
          if (source === this.event_source) this.processEvent(name, parseEventData(message.data), undefined, message.lastEventId);
        });
      });
    }

    /**
     * The stream broke: reopen it after `event_source_timeout` ms (10 after a good connection,
     * growing by 1 s per failure); give up with `onError` once that exceeds 15 s.
     * @param {EventSource} source
     */
    eventSourceFailed(source) {
      if (source !== this.event_source) return;
      this.closeEventSource();
      if (this.state !== 'ACTIVE') return;
      if (this.event_source_timeout > EVENT_SOURCE_GIVE_UP_MS) {
        this.connectionFailed();
        return;
      }
      this.log('PexRTC: event stream lost; reconnecting in', this.event_source_timeout, 'ms');
      this._eventSourceTimer = setTimeout(this.whileCurrent(() => {
        this._eventSourceTimer = null;
        this.createEventSource();
      }), this.event_source_timeout);
      this.event_source_timeout += EVENT_SOURCE_BACKOFF_MS;
    }

    closeEventSource() {
      if (this._eventSourceTimer !== null) clearTimeout(this._eventSourceTimer);
      this._eventSourceTimer = null;
      if (this.event_source) this.event_source.close();
      this.event_source = null;
    }

    /**
     * Handles one event of the stream, of the main room or (with `breakout_uuid`) of a breakout.
     * @param {string} event_name
     * @param {any} msg  the event's JSON data
     * @param {string} [breakout_uuid]
     * @param {string} [event_id]  the SSE id (for `presentation_frame`)
     */
    processEvent(event_name, msg, breakout_uuid, event_id) {
      if (this.state !== 'ACTIVE') return;
      if (PERSONAL_EVENTS.has(event_name)) {
        this.processPersonalEvent(event_name, msg);
        return;
      }
      const room = breakout_uuid || MAIN_ROOM;
      if (room !== this.currentRoom()) {
        this.processOtherRoomEvent(room, event_name, msg);
        return;
      }
      this.processRoomEvent(event_name, msg, event_id);
    }

    /** @returns {string} `main` or the breakout uuid the participant is in */
    currentRoom() {
      return this.breakout_uuid || MAIN_ROOM;
    }

    /**
     * Events of the room the participant is in.
     * @param {string} name
     * @param {any} msg
     * @param {string} [event_id]
     */
    processRoomEvent(name, msg, event_id) {
      if (ROSTER_EVENTS.has(name)) this.processRosterEvent(name, msg);
      else if (name === 'message_received') this.processMessage(msg);
      else if (name === 'conference_update') this.processConferenceUpdate(msg);
      else if (name === 'presentation_start' || name === 'presentation_stop') this.processPresentation(name, msg);
      else if (name === 'presentation_frame') this.presentationFrame(event_id);
      else if (name === 'stage') this.emit('onStageUpdate', msg);
      else if (name === 'layout') this.emit('onLayoutUpdate', msg);
      else if (name === 'live_captions') this.emit('onLiveCaptions', msg);
      else this.log('PexRTC: unhandled event', name, msg);
    }

    /**
     * Events about the participant itself.
     * @param {string} name
     * @param {any} msg
     */
    processPersonalEvent(name, msg) {
      switch (name) {
        case 'disconnect':
          this.remoteDisconnect(msg && msg.reason ? msg.reason : TRANS.ERROR_DISCONNECTED);
          break;
        case 'refer':
          this.processRefer(msg);
          break;
        case 'refresh_token':
          this.refreshToken();
          break;
        case 'on_hold':
          this.holdresume(Boolean(msg && typeof msg === 'object' ? msg.setting : msg));
          break;
        case 'fecc':
          if (this.fecc_supported) this.emit('onFECC', msg);
          break;
        case 'splash_screen':
          this.splashScreen(msg);
          break;
        case 'breakout_begin':
        case 'breakout_end':
        case 'breakout_refer':
        case 'breakout_event':
          this.processBreakoutEvent(name, msg);
          break;
        default:
          // call_disconnected, peer_disconnect, new_offer, update_sdp, new_candidate: media events,
          // and there is no media call to apply them to.
          this.log('PexRTC: media event without a media call', name, msg);
      }
    }

    /**
     * The node ended the session (its token is gone): leave and report the reason.
     * @param {string} reason
     */
    remoteDisconnect(reason) {
      this.token = null;
      this.disconnect();
      this.emit('onDisconnect', reason);
    }

    // ---------------------------------------------------------------------------------------
    // Roster

    /** @returns {Participant[]} the participants of the current room */
    getRosterList() {
      return Object.keys(this.rosterList).map((uuid) => this.rosterList[uuid]);
    }

    /**
     * `participant_*` events of the current room. During a re-sync (between `participant_sync_begin`
     * and `_end`) the new roster is collected silently; at the end it is compared with the previous
     * one and every difference reported (create, update, delete).
     * @param {string} name
     * @param {any} msg
     */
    processRosterEvent(name, msg) {
      if (name === 'participant_sync_begin') this.syncBegin();
      else if (name === 'participant_sync_end') this.syncEnd();
      else if (!msg || typeof msg.uuid !== 'string') this.log('PexRTC: participant event without uuid', name, msg);
      else if (name === 'participant_delete') this.participantDeleted(msg.uuid);
      else this.participantChanged(name, msg);
    }

    syncBegin() {
      this.emit('onSyncBegin');
      this.oldRosterList = this.rosterList;
      this.setCurrentRoster({});
    }

    syncEnd() {
      const previous = this.oldRosterList || {};
      this.oldRosterList = null;
      this.getRosterList().forEach((participant) => {
        const before = previous[participant.uuid];
        if (!before) this.emit('onParticipantCreate', participant);
        else if (JSON.stringify(before) !== JSON.stringify(participant)) this.emit('onParticipantUpdate', participant);
      });
      Object.keys(previous).forEach((uuid) => {
        if (!(uuid in this.rosterList)) this.emit('onParticipantDelete', previous[uuid]);
      });
      this.emit('onSyncEnd');
      this.emitRoster();
    }

    /**
     * A participant was created or changed.
     * @param {string} name  participant_create or participant_update
     * @param {Participant} participant
     */
    participantChanged(name, participant) {
      const known = participant.uuid in this.rosterList;
      this.rosterList[participant.uuid] = participant;
      if (participant.uuid === this.uuid && participant.service_type) {
        this.current_service_type = participant.service_type;
      }
      if (this.oldRosterList) return;
      const isNew = name === 'participant_create' && !known;
      this.emit(isNew ? 'onParticipantCreate' : 'onParticipantUpdate', participant);
      this.emitRoster();
    }

    /** @param {string} uuid */
    participantDeleted(uuid) {
      const participant = this.rosterList[uuid] || { uuid: uuid };
      delete this.rosterList[uuid];
      if (this.oldRosterList) return;
      this.emit('onParticipantDelete', participant);
      this.emitRoster();
    }

    emitRoster() {
      // The list is built for each roster event: not when nobody takes it.
      if (typeof this.onRosterList === 'function') this.emit('onRosterList', this.getRosterList());
    }

    /** @param {Object<string, Participant>} roster */
    setCurrentRoster(roster) {
      this.rosterList = roster;
      this.breakout_roster[this.currentRoom()] = roster;
    }

    /**
     * Pexip's legacy `roster` message: the whole list at once.
     * @param {{roster: Participant[]}} msg
     */
    processRoster(msg) {
      this.emit('onRosterList', msg.roster);
    }

    /**
     * Fetches the current room's participants (`GET participants`).
     * @param {AnswerCallback} [cb]  receives `{status, result: Participant[]}`
     */
    getParticipants(cb) {
      this.command(this.breakout_prefix + 'participants', null, cb, 'GET');
    }

    // ---------------------------------------------------------------------------------------
    // Messages, conference status, presentation

    /**
     * `message_received`: text to onChatMessage (onDirectMessage when direct), other types to
     * onApplicationMessage.
     * @param {any} msg
     */
    processMessage(msg) {
      if (!msg) return;
      const type = String(msg.type || 'text/plain');
      if (type.indexOf('text/plain') !== 0) this.emit('onApplicationMessage', msg);
      else if (msg.direct && typeof this.onDirectMessage === 'function') this.emit('onDirectMessage', msg);
      else this.emit('onChatMessage', msg);
    }

    /**
     * A conference status (from `conference_status` or `conference_update`).
     * @param {any} msg
     */
    processConferenceUpdate(msg) {
      if (!msg || typeof msg !== 'object') return;
      if ('direct_media' in msg) this.direct_media = Boolean(msg.direct_media);
      if ('live_captions_available' in msg) this.live_captions_available = Boolean(msg.live_captions_available);
      if ('guests_can_present' in msg) this.guests_can_present = Boolean(msg.guests_can_present);
      this.emit('onConferenceUpdate', msg);
    }

    /**
     * `presentation_start`: `onPresentation(true, 'name <uri>', uuid, source)` (not for a revoked
     * presentation, whose fields are all empty); `presentation_stop`: `onPresentation(false, null)`.
     * @param {string} name
     * @param {any} msg
     */
    processPresentation(name, msg) {
      if (name === 'presentation_stop') {
        this.emit('onPresentation', false, null);
        if (this.presentation_requested) this.emit('onPresentationDisconnected', TRANS.ERROR_DISCONNECTED_PRESENTATION);
        return;
      }
      const info = msg || {};
      if (!info.presenter_name && !info.presenter_uri && !info.presenter_uuid) return;
      if (this.screenshare_requested && info.presenter_uuid !== this.uuid) {
        this.screenshareStopped(TRANS.ERROR_DISCONNECTED_SCREENSHARE);
      }
      const presenter = info.presenter_name && info.presenter_uri
        ? info.presenter_name + ' <' + info.presenter_uri + '>'
        : info.presenter_name || info.presenter_uri;
      this.emit('onPresentation', true, presenter, info.presenter_uuid, info.presenter_source);
    }

    /** @param {string|undefined} event_id */
    presentationFrame(event_id) {
      this.presentation_event_id = event_id || this.presentation_event_id;
      this.emit('onPresentationReload', this.getPresentationURL());
    }

    /**
     * The URL of the current presentation image (built only; the library does not fetch it).
     * @returns {string}
     */
    getPresentationURL() {
      let file = 'presentation.jpeg';
      if (this.png_presentation) file = 'presentation.png';
      else if (!this.bandwidth_in || this.bandwidth_in > 384) file = 'presentation_high.jpeg';
      return this.conferenceUrl(this.breakout_prefix + file) + '?id=' + encodeURIComponent(String(this.presentation_event_id || '')) +
        '&token=' + encodeURIComponent(String(this.token || ''));
    }

    /**
     * `refer`: leave, report `onCallTransfer(alias)`, and join `alias` with the one-time token,
     * keeping the call type (presentation and screen calls become `'none'`).
     * @param {{alias: string, token: string}} msg
     */
    processRefer(msg) {
      if (!msg || !msg.alias) return;
      const callType = this.call_type === 'presentation' || this.call_type === 'screen' ? 'none' : this.call_type;
      this.token = null; // the node has moved the participant; nothing to release
      this.disconnect(null, true);
      this.emit('onCallTransfer', msg.alias);
      if (this.state !== 'IDLE') return; // the application started something else meanwhile
      this.oneTimeToken = msg.token;
      this.pin = null;
      this.makeCall(String(this.node), msg.alias, String(this.display_name), this._bandwidthArg, callType || undefined);
    }

    /**
     * `splash_screen`: `onSplashScreen()` to clear, or with the theme's text and background.
     * @param {any} msg
     */
    splashScreen(msg) {
      if (!msg || !msg.screen_key) {
        this.emit('onSplashScreen');
        return;
      }
      this.loadTheme((theme) => {
        const screen = (theme && theme[msg.screen_key]) || {};
        const text = (screen.elements || []).filter((/** @type {any} */ e) => e.type === 'text').map((/** @type {any} */ e) => e.text).join('\n');
        const background = screen.background && screen.background.path
          ? this.conferenceUrl('theme/' + screen.background.path) + '?token=' + encodeURIComponent(String(this.token))
          : '';
        this.emit('onSplashScreen', { text: text, background: background, screen_key: msg.screen_key, display_duration: msg.display_duration });
      });
    }

    /** @param {(theme: any) => void} cb */
    loadTheme(cb) {
      if (this._theme) {
        cb(this._theme);
        return;
      }
      this.sendRequest('theme/', null, this.whileCurrent((/** @type {ApiAnswer} */ answer) => {
        this._theme = answer.http_status === 200 ? answer.result || {} : {};
        cb(this._theme);
      }), 'GET');
    }

    /**
     * Hold or resume (the `on_hold` event).
     * @param {boolean} setting
     */
    holdresume(setting) {
      this.onHold = setting;
      if (this.call) {
        this.call.muteTracks('audio', setting || this.mutedAudio);
        this.call.muteTracks('video', setting || this.mutedVideo);
      }
      this.emit('onHoldResume', setting);
    }

    // ---------------------------------------------------------------------------------------
    // Breakout rooms

    /**
     * `breakout_begin`, `breakout_end`, `breakout_refer` and `breakout_event`.
     * @param {string} name
     * @param {any} msg
     */
    processBreakoutEvent(name, msg) {
      if (!msg || !msg.breakout_uuid) return;
      const breakout = msg.breakout_uuid;
      if (name === 'breakout_begin') {
        this.breakout_map[breakout] = { participant_uuid: msg.participant_uuid };
        if (!this.breakout_roster[breakout]) this.breakout_roster[breakout] = {};
      } else if (name === 'breakout_end') {
        delete this.breakout_map[breakout];
        if (breakout !== this.breakout_uuid) delete this.breakout_roster[breakout];
        this.emit('onBreakoutEnd', breakout);
      } else if (name === 'breakout_refer') {
        this.moveToBreakout(breakout, msg.breakout_name);
      } else {
        this.processEvent(msg.event, msg.data, breakout, msg.id);
      }
    }

    /**
     * Events of a room the participant is not in: rosters for `onBreakoutParticipant`, help
     * requests for `onBreakoutHelp`, the rest for `onBreakoutUpdate`.
     * @param {string} room
     * @param {string} name
     * @param {any} msg
     */
    processOtherRoomEvent(room, name, msg) {
      if (ROSTER_EVENTS.has(name)) {
        this.updateOtherRoster(room, name, msg);
        this.emit('onBreakoutParticipant', room, name, msg || {});
      } else if (name === 'conference_update' && msg && msg.breakoutbuzz) {
        this.emit('onBreakoutHelp', room, Boolean(msg.breakoutbuzz.time));
      } else {
        this.emit('onBreakoutUpdate', room, name, msg);
      }
    }

    /**
     * @param {string} room
     * @param {string} name
     * @param {any} msg
     */
    updateOtherRoster(room, name, msg) {
      if (name === 'participant_sync_begin') this.breakout_roster[room] = {};
      const roster = this.breakout_roster[room] || (this.breakout_roster[room] = {});
      if (!msg || !msg.uuid) return;
      if (name === 'participant_delete') delete roster[msg.uuid];
      else if (name === 'participant_create' || name === 'participant_update') roster[msg.uuid] = msg;
    }

    /**
     * Moves this client into a breakout room (or back to the main room with a falsy uuid): the
     * participant uuid and request prefix switch, and the roster is replayed as deletes and creates.
     * @param {string|null} breakout_uuid
     * @param {string} [breakout_name]
     * @param {boolean} [is_retry]
     */
    moveToBreakout(breakout_uuid, breakout_name, is_retry) {
      void is_retry;
      const target = breakout_uuid && breakout_uuid !== MAIN_ROOM ? breakout_uuid : null;
      const leaving = this.getRosterList();
      const keepLocal = Boolean(this.call);
      if (this.call) this.disconnectCall(true);
      this.breakout_uuid = target;
      this.breakout_prefix = target ? 'breakouts/' + target + '/' : '';
      const mapped = target ? this.breakout_map[target] : null;
      this.uuid = (mapped && mapped.participant_uuid) || this._mainUuid;
      this.rosterList = this.breakout_roster[this.currentRoom()] || {};
      this.breakout_roster[this.currentRoom()] = this.rosterList;
      leaving.forEach((participant) => this.emit('onParticipantDelete', participant));
      this.getRosterList().forEach((participant) => this.emit('onParticipantCreate', participant));
      this.emitRoster();
      this.emit('onCallTransfer', target ? breakout_name || target : this.conference_uri);
      if (keepLocal && this.call_type) this.addCall(this.call_type);
    }

    /**
     * Creates a breakout room (host).
     * @param {string} name
     * @param {number} [duration]  seconds; 0 or absent: no end
     * @param {'disconnect'|'transfer'} [end_action]
     * @param {Object<string, string[]>} [participants]  room (`main` or breakout uuid) → participant uuids
     * @param {boolean} [guests_allowed_to_leave]
     * @param {AnswerCallback} [cb]  receives `{result: {breakout_uuid}}`
     */
    createBreakout(name, duration, end_action, participants, guests_allowed_to_leave, cb) {
      /** @type {Object<string, any>} */
      const params = { name: name };
      if (duration !== undefined && duration !== null) params.duration = duration;
      if (end_action) params.end_action = end_action;
      if (participants) params.participants = participants;
      if (guests_allowed_to_leave !== undefined && guests_allowed_to_leave !== null) {
        params.guests_allowed_to_leave = guests_allowed_to_leave;
      }
      this.command('breakouts', params, cb);
    }

    /**
     * @param {string} from_breakout  breakout uuid, or `main`
     * @param {string} to_breakout  breakout uuid, or '' for the main room
     * @param {string[]} participants
     */
    moveParticipantsFromBreakout(from_breakout, to_breakout, participants) {
      const path = from_breakout && from_breakout !== MAIN_ROOM ? 'breakouts/' + from_breakout + '/participants/breakout' : 'participants/breakout';
      this.command(path, { breakout_uuid: to_breakout, participants: participants }, null);
    }

    /** @param {string} breakout_uuid */
    closeBreakout(breakout_uuid) {
      this.command('breakouts/' + breakout_uuid + '/disconnect', null, null);
    }

    /** Asks the hosts for help from a breakout room (or withdraws the request). @param {boolean} setting */
    setBreakoutHand(setting) {
      this.command(this.breakout_prefix + (setting ? 'breakoutbuzz' : 'clearbreakoutbuzz'), null, null);
    }

    leaveBreakout() {
      this.command('leavebreakout', null, null);
    }

    // ---------------------------------------------------------------------------------------
    // Local media (preview only: no media path)

    /**
     * Sets up a call of `call_type`: a local stream for a preview when the type sends media, then
     * `onSetup(stream, …)`.
     * @param {string} [call_type]
     */
    addCall(call_type) {
      const type = call_type || 'default';
      this.call = new PexRTCConn(this, type);
      this.setMedia();
    }

    /** Gets the local stream (the app's, the one kept from before, or getUserMedia) and calls onSetup. */
    setMedia() {
      const call = this.call;
      if (!call) return;
      const constraints = this.mediaConstraints(call.call_type);
      if (!constraints) {
        this.emitSetup(undefined);
        return;
      }
      this.localStream(constraints).then(this.whileCurrent((/** @type {MediaStream|null} */ stream) => {
        if (call !== this.call) return;
        call.localStream = stream;
        call.muteTracks('audio', this.mutedAudio);
        call.muteTracks('video', this.mutedVideo);
        this.emitSetup(stream);
      }));
    }

    /**
     * What a call type sends: getUserMedia constraints, or null when it sends nothing.
     * @param {string} call_type
     * @returns {MediaStreamConstraints|null}
     */
    mediaConstraints(call_type) {
      if (call_type === 'none' || call_type === 'presentation' || call_type === 'screen' || call_type.indexOf('recvonly') === 0) {
        return null;
      }
      const audio = this.audio_source !== false;
      const video = call_type !== 'audioonly' && this.video_source !== false;
      if (!audio && !video) return null;
      return { audio: audio ? this.audioConstraints() : false, video: video ? this.videoConstraints() : false };
    }

    /** @returns {MediaTrackConstraints} */
    audioConstraints() {
      /** @type {MediaTrackConstraints} */
      const audio = {
        autoGainControl: this.autoGainControl,
        echoCancellation: this.echoCancellation,
        noiseSuppression: this.noiseSuppression,
      };
      if (this.sampleRate) audio.sampleRate = this.sampleRate;
      if (this.audio_source) audio.deviceId = { exact: this.audio_source };
      return audio;
    }

    /** @returns {MediaTrackConstraints} */
    videoConstraints() {
      const height = this.force_hd >= 1080 && this.allow_1080p ? 1080 : this.force_hd >= 720 ? 720 : 360;
      /** @type {MediaTrackConstraints} */
      const video = { width: { ideal: Math.round((height * 16) / 9) }, height: { ideal: height } };
      if (this.video_source) video.deviceId = { exact: this.video_source };
      return video;
    }

    /**
     * @param {MediaStreamConstraints} constraints
     * @returns {Promise<MediaStream|null>}  null when the browser does not grant one
     */
    localStream(constraints) {
      if (this.user_media_stream) return Promise.resolve(this.user_media_stream);
      const saved = this._savedStream;
      this._savedStream = null;
      if (saved && isLive(saved)) return Promise.resolve(saved);
      const media = typeof navigator === 'object' ? navigator.mediaDevices : undefined;
      if (!media || typeof media.getUserMedia !== 'function') return Promise.resolve(null);
      return media.getUserMedia(constraints).catch((error) => {
        this.log('PexRTC: no local media:', error && error.name, error && error.message);
        return null;
      });
    }

    /**
     * Drops the call; signalling stays. On a referral the local stream is kept for the next call.
     * @param {boolean} [referral]
     */
    disconnectCall(referral) {
      if (!this.call) return;
      const local = this.call.localStream;
      const appStream = local === this.user_media_stream;
      this.call.disconnect(Boolean(referral) || appStream);
      this._savedStream = referral && !appStream ? local : null;
      this.call = null;
    }

    /** Stops a local stream kept across a transfer that the new call does not use. */
    dropSavedStream() {
      stopTracks(this._savedStream);
      this._savedStream = null;
    }

    /** Stops and forgets the local stream (not one the application supplied). */
    clearLocalStream() {
      if (!this.call) return;
      if (this.call.localStream !== this.user_media_stream) stopTracks(this.call.localStream);
      this.call.localStream = null;
    }

    /**
     * Renegotiation has nothing to renegotiate without media; with `send_update` false the local
     * stream is re-acquired (e.g. after a device change).
     * @param {boolean} [send_update]
     */
    renegotiate(send_update) {
      if (!this.call || send_update) return;
      this.clearLocalStream();
      this.setMedia();
    }

    /**
     * Mutes or unmutes the own microphone (toggles without `setting`); with a call, switches the
     * local track and tells the node (`client_mute`/`client_unmute`).
     * @param {boolean} [setting]
     * @returns {boolean} muted
     */
    muteAudio(setting) {
      this.mutedAudio = setting === undefined ? !this.mutedAudio : Boolean(setting);
      if (this.call) {
        this.call.muteTracks('audio', this.mutedAudio);
        if (this.call.connected) this.ownCommand(this.mutedAudio ? 'client_mute' : 'client_unmute');
      }
      return this.mutedAudio;
    }

    /**
     * Mutes or unmutes the own camera (toggles without `setting`); with a call, switches the local
     * track and tells the node (`video_muted`/`video_unmuted`).
     * @param {boolean} [setting]
     * @returns {boolean} muted
     */
    muteVideo(setting) {
      this.mutedVideo = setting === undefined ? !this.mutedVideo : Boolean(setting);
      if (this.call) {
        this.call.muteTracks('video', this.mutedVideo);
        if (this.call.connected) this.ownCommand(this.mutedVideo ? 'video_muted' : 'video_unmuted');
      }
      return this.mutedVideo;
    }

    /**
     * Starts or stops sending a presentation. `'screen'` (any truthy value): the screen (from
     * `user_presentation_stream` or getDisplayMedia), then `take_floor` and
     * `onScreenshareConnected(stream)`; `'screen_http'`: `take_floor {jpegs: true}` and
     * `onScreenshareConnected({})`; falsy: `release_floor` and `onScreenshareStopped`. Without a
     * media path no pixels are sent, but everyone sees the presentation start and stop.
     * @param {string|null} [call_type]
     */
    present(call_type) {
      if (!call_type) {
        if (this.screenshare_requested) {
          this.ownCommand('release_floor');
          this.screenshareStopped(TRANS.ERROR_PRESENTATION_ENDED);
        }
        return;
      }
      if (call_type === 'screen_http') {
        this.takeFloor({ jpegs: true }, {});
        return;
      }
      this.presentationStream().then(this.whileCurrent((/** @type {MediaStream|null} */ stream) => {
        if (!stream) {
          this.emit('onScreenshareStopped', TRANS.ERROR_SCREENSHARE_CANCELLED);
          return;
        }
        this._presentationStream = stream;
        stream.getVideoTracks().forEach((track) => track.addEventListener('ended', () => {
          if (this._presentationStream === stream) this.present(null);
        }));
        this.takeFloor(null, stream);
      }));
    }

    /** @returns {Promise<MediaStream|null>} */
    presentationStream() {
      if (this.user_presentation_stream) return Promise.resolve(this.user_presentation_stream);
      const media = typeof navigator === 'object' ? navigator.mediaDevices : undefined;
      if (!media || typeof media.getDisplayMedia !== 'function') return Promise.resolve(null);
      /** @type {MediaTrackConstraints} */
      const video = { frameRate: this.screenshare_fps };
      if (this.screenshare_width) video.width = this.screenshare_width;
      if (this.screenshare_height) video.height = this.screenshare_height;
      return media.getDisplayMedia({ video: video, audio: false }).catch((error) => {
        this.log('PexRTC: screenshare not started:', error && error.name);
        return null;
      });
    }

    /**
     * `take_floor`; on success `onScreenshareConnected(what)`, else `'Screenshare rejected'`.
     * @param {object|null} params
     * @param {MediaStream|{}} what
     */
    takeFloor(params, what) {
      if (!this.uuid) return;
      const done = this.whileCurrent((/** @type {ApiAnswer} */ answer) => {
        if (answer.http_status === 200) {
          this.screenshare_requested = true;
          this.emit('onScreenshareConnected', what);
        } else {
          this.screenshareStopped(TRANS.ERROR_SCREENSHARE_REJECTED);
        }
      });
      this.sendRequest(this.ownPath('take_floor'), params, done);
    }

    /**
     * The own presentation ended: stop the screen capture and report why.
     * @param {string} reason
     */
    screenshareStopped(reason) {
      this.stopScreenshare();
      this.emit('onScreenshareStopped', reason);
    }

    stopScreenshare() {
      const stream = this._presentationStream;
      this._presentationStream = null;
      this.screenshare_requested = false;
      if (stream && stream !== this.user_presentation_stream) stopTracks(stream);
    }

    /**
     * Sends one JPEG frame of a `screen_http` presentation (`POST presentation`, multipart `frame`).
     * @param {Blob} file
     */
    sendPresentationImage(file) {
      if (!this.token) return;
      const form = new FormData();
      form.append('frame', file, 'frame.jpg');
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.conferenceUrl(this.breakout_prefix + 'presentation'), true);
      this.setAuthHeaders(xhr);
      xhr.send(form);
    }

    /**
     * Asks for the presentation video. Without a media path there is none to deliver: the request
     * is noted (`presentation_requested`) and `onPresentationDisconnected` reports its end.
     */
    getPresentation() {
      this.presentation_requested = true;
      this.log('PexRTC: presentation video needs a media path, which this node does not offer yet');
    }

    stopPresentation() {
      this.presentation_requested = false;
    }

    /**
     * Sends DTMF digits: to the call (`'call'`, the default; false as there is no media call), or to
     * a participant (`participants/<uuid>/dtmf`), queued one request at a time per target.
     * @param {string} digits
     * @param {string} [target]
     * @returns {boolean} whether the digits were queued
     */
    sendDTMF(digits, target) {
      const to = target || 'call';
      if (to === 'call') {
        if (!this.call || !this.call.call_uuid) return false;
        this.sendDTMFRequest(digits, to);
        return true;
      }
      this.sendDTMFRequest(digits, to);
      return true;
    }

    /**
     * @param {string} digits
     * @param {string} target
     */
    sendDTMFRequest(digits, target) {
      this.enqueue('dtmf:' + target, this.targetPath(target, 'dtmf'), { digits: digits });
    }

    /** @param {string} target */
    dtmfSent(target) {
      this.dequeue('dtmf:' + target);
    }

    /**
     * Far-end camera control: `{action, movement: [{axis, direction}], timeout}` to the call (false:
     * no media call) or to a participant.
     * @param {string} action  start, stop or continue
     * @param {string} axis  pan, tilt or zoom
     * @param {string} direction  left, right, up, down, in or out
     * @param {string} [target]
     * @param {number} [timeout]  ms
     * @returns {boolean}
     */
    sendFECC(action, axis, direction, target, timeout) {
      const to = target || 'call';
      if (to === 'call' && (!this.call || !this.call.call_uuid)) return false;
      /** @type {Object<string, any>} */
      const data = { action: action, movement: [{ axis: axis, direction: direction }] };
      if (timeout !== undefined) data.timeout = timeout;
      this.sendFECCRequest(data, to);
      return true;
    }

    /**
     * @param {object} data
     * @param {string} target
     */
    sendFECCRequest(data, target) {
      this.enqueue('fecc:' + target, this.targetPath(target, 'fecc'), data);
    }

    /** @param {string} target */
    feccSent(target) {
      this.dequeue('fecc:' + target);
    }

    /**
     * The path of a DTMF/FECC request to `'call'` or a participant.
     * @param {string} target
     * @param {string} request
     */
    targetPath(target, request) {
      if (target === 'call' && this.call) return this.ownPath('calls/' + this.call.call_uuid + '/' + request);
      return this.breakout_prefix + 'participants/' + target + '/' + request;
    }

    /**
     * Queues a request; one per queue is in flight at a time.
     * @param {string} queue
     * @param {string} path
     * @param {object} body
     */
    enqueue(queue, path, body) {
      (this._queues[queue] = this._queues[queue] || []).push({ path: path, body: body });
      if (!this._queueBusy[queue]) this.dequeue(queue);
    }

    /** Sends the next request of a queue. @param {string} queue */
    dequeue(queue) {
      const next = (this._queues[queue] || []).shift();
      this._queueBusy[queue] = Boolean(next);
      if (!next) return;
      const kind = queue.slice(0, queue.indexOf(':'));
      const target = queue.slice(queue.indexOf(':') + 1);
      this.sendRequest(next.path, next.body, () => {
        if (kind === 'dtmf') this.dtmfSent(target);
        else this.feccSent(target);
      });
    }

    /** @returns {Object<string, any>} `{}`: there are no media streams to measure */
    getMediaStatistics() {
      return {};
    }

    /** @returns {string} `''`: no DTLS session to derive a code from */
    getSecureCheckCode() {
      return '';
    }

    /** @returns {string} `'<version_id> (<pseudo_version>)'`, or `'Unknown'` */
    getVersion() {
      if (!this.version || !this.version.version_id) return 'Unknown';
      return this.version.version_id + ' (' + this.version.pseudo_version + ')';
    }

    /**
     * DataChannel messages (direct media) — there is no DataChannel without media; kept so that
     * code calling it does not break.
     * @param {MessageEvent} e
     */
    dataChannelMessage(e) {
      const msg = parseEventData(typeof e.data === 'string' ? e.data : '');
      if (!msg) return;
      if (msg.type === 'message') this.processMessage(msg.body);
      else if (msg.type === 'fecc' && this.fecc_supported) this.emit('onFECC', msg.body);
    }

    /**
     * Presentation image chunks over the DataChannel — never received without media.
     * @param {any} msg
     */
    gotImageChunk(msg) {
      this.log('PexRTC: image chunk without a DataChannel ignored', msg && msg.id);
    }

    // ---------------------------------------------------------------------------------------
    // Conference control (pexrtc.md §2.5)

    /**
     * The path of a request on one participant (of the current room).
     * @param {string} uuid
     * @param {string} request
     */
    participantPath(uuid, request) {
      return this.breakout_prefix + 'participants/' + uuid + '/' + request;
    }

    /** @param {string} request */
    ownPath(request) {
      return this.participantPath(String(this.uuid), request);
    }

    /**
     * A request on the own participant.
     * @param {string} request
     * @param {object|null} [params]
     * @param {AnswerCallback} [cb]
     */
    ownCommand(request, params, cb) {
      if (!this.uuid) return;
      this.command(this.ownPath(request), params || null, cb);
    }

    /**
     * @param {string} request  conference-level request of the current room
     * @param {object|null} [params]
     * @param {AnswerCallback} [cb]
     */
    roomCommand(request, params, cb) {
      this.command(this.breakout_prefix + request, params || null, cb);
    }

    /** @param {boolean} setting  lock (guests wait to be admitted) or unlock */
    setConferenceLock(setting) {
      this.roomCommand(setting ? 'lock' : 'unlock');
    }

    /** @param {boolean} setting */
    setMuteAllGuests(setting) {
      this.roomCommand(setting ? 'muteguests' : 'unmuteguests');
    }

    /**
     * @param {boolean} setting
     * @param {AnswerCallback} [cb]
     */
    setGuestsCanUnmute(setting, cb) {
      this.roomCommand('set_guests_can_unmute', { setting: Boolean(setting) }, cb);
    }

    startConference() {
      this.roomCommand('start_conference');
    }

    /** Disconnects everyone, this participant included. */
    disconnectAll() {
      this.roomCommand('disconnect');
    }

    /**
     * Sends a chat message to everyone, or to one participant when `uuid` is given.
     * @param {string} message
     * @param {string|null} [uuid]
     * @param {string} [payload_type]  default `text/plain`
     */
    sendChatMessage(message, uuid, payload_type) {
      const params = { type: payload_type || 'text/plain', payload: message };
      const path = uuid ? this.participantPath(uuid, 'message') : this.breakout_prefix + 'message';
      this.command(path, params, null);
    }

    /**
     * Sends an application message (`application/json`) to everyone or one participant.
     * @param {any} obj
     * @param {string|null} [uuid]
     */
    sendApplicationMessage(obj, uuid) {
      this.sendChatMessage(JSON.stringify(obj), uuid, 'application/json');
    }

    /**
     * Dials out from the conference. With `cb`: `cb({status, result: [new uuids]})`, or
     * `cb({status: 'failed', result: [], detail})`; without: a synchronous request whose parsed
     * answer is returned.
     * @param {string} destination
     * @param {string} [protocol]  `auto` (default), `sip`, `h323`, `rtmp`, `mssip`
     * @param {string} [role]  `'HOST'`/`'chair'` or `'GUEST'`
     * @param {((answer: Object<string, any>) => void)|null} [cb]
     * @param {Object<string, any>|string} [user_params]  extra fields; a string is the legacy presentation_uri
     * @returns {ApiAnswer|undefined}
     */
    dialOut(destination, protocol, role, cb, user_params) {
      const params = this.dialBody(destination, protocol, role, user_params);
      if (typeof cb !== 'function') return this.sendRequest(this.breakout_prefix + 'dial', params, false);
      this.sendRequest(this.breakout_prefix + 'dial', params, (answer) => {
        if (answer.http_status === 200) cb(answer);
        else cb({ status: 'failed', result: [], detail: answer.result });
      });
      return undefined;
    }

    /**
     * @param {string} destination
     * @param {string|undefined} protocol
     * @param {string|undefined} role
     * @param {Object<string, any>|string|undefined} user_params
     * @returns {Object<string, any>}
     */
    dialBody(destination, protocol, role, user_params) {
      /** @type {Object<string, any>} */
      const params = { destination: destination, protocol: protocol || 'auto' };
      const wanted = String(role || '').toUpperCase();
      if (wanted === 'GUEST') params.role = 'GUEST';
      else if (wanted === 'HOST' || wanted === 'CHAIR') params.role = 'HOST';
      if (params.protocol === 'rtmp') params.streaming = 'yes';
      if (typeof user_params === 'string') {
        params.presentation_uri = user_params;
        return params;
      }
      const extra = user_params || {};
      if (extra.presentation_uri) params.presentation_url = extra.presentation_uri;
      if (extra.presentation_url) params.presentation_url = extra.presentation_url;
      if (extra.streaming) params.streaming = 'yes';
      if (extra.overlay_text) params.text = extra.overlay_text;
      ['call_type', 'dtmf_sequence', 'keep_conference_alive', 'remote_display_name', 'prefer_ipv6',
        'source', 'source_display_name', 'custom_sip_headers'].forEach(function (key) {
        if (extra[key] !== undefined && extra[key] !== null) params[key] = extra[key];
      });
      return params;
    }

    /** @param {Object<string, any>} new_layout  passed through as the body */
    overrideLayout(new_layout) {
      this.roomCommand('override_layout', new_layout);
    }

    /**
     * @param {Object<string, any>} transforms  e.g. `{layout: '1:7'}`; `{}` resets
     * @param {AnswerCallback} [cb]
     */
    transformLayout(transforms, cb) {
      this.roomCommand('transform_layout', { transforms: transforms }, cb);
    }

    /** @param {AnswerCallback} cb  receives `{result: layout names}` */
    getAvailableLayouts(cb) {
      this.command(this.breakout_prefix + 'available_layouts', null, cb, 'GET');
    }

    /** @param {AnswerCallback} cb */
    getPinningConfig(cb) {
      this.command(this.breakout_prefix + 'get_pinning_config', null, cb, 'GET');
    }

    /**
     * @param {string} configName
     * @param {AnswerCallback} [cb]
     */
    setPinningConfig(configName, cb) {
      this.roomCommand('set_pinning_config', { pinning_config: configName }, cb);
    }

    /** @param {AnswerCallback} cb */
    getClassificationLevel(cb) {
      this.command(this.breakout_prefix + 'get_classification_level', null, cb, 'GET');
    }

    /**
     * @param {number} level
     * @param {AnswerCallback} [cb]
     */
    setClassificationLevel(level, cb) {
      this.roomCommand('set_classification_level', { level: level }, cb);
    }

    /** @param {AnswerCallback} cb  receives `{result: {text, set_time}}` */
    getMessageText(cb) {
      this.command(this.breakout_prefix + 'get_message_text', null, cb, 'GET');
    }

    /**
     * @param {string} messageText
     * @param {AnswerCallback} [cb]
     */
    setMessageText(messageText, cb) {
      this.roomCommand('set_message_text', { text: messageText }, cb);
    }

    clearSpotlights() {
      this.roomCommand('clearspotlights');
    }

    /** Lowers every raised hand. */
    clearAllBuzz() {
      this.roomCommand('clearallbuzz');
    }

    // ---------------------------------------------------------------------------------------
    // Per-participant requests (pexrtc.md §2.5)

    /**
     * @param {string} uuid
     * @param {boolean} setting  mute (host: anyone) or unmute
     */
    setParticipantMute(uuid, setting) {
      this.command(this.participantPath(uuid, setting ? 'mute' : 'unmute'), null, null);
    }

    /**
     * @param {string} uuid
     * @param {boolean} setting
     */
    setParticipantTxMute(uuid, setting) {
      this.command(this.participantPath(uuid, setting ? 'tx_mute' : 'tx_unmute'), null, null);
    }

    /**
     * @param {string} uuid
     * @param {boolean} setting  allow or deny receiving the presentation
     */
    setParticipantRxPresentation(uuid, setting) {
      this.command(this.participantPath(uuid, setting ? 'allowrxpresentation' : 'denyrxpresentation'), null, null);
    }

    /**
     * @param {string} uuid
     * @param {boolean} setting
     */
    setParticipantSpotlight(uuid, setting) {
      this.command(this.participantPath(uuid, setting ? 'spotlighton' : 'spotlightoff'), null, null);
    }

    /**
     * @param {string} uuid
     * @param {string} text  overlay text (the name shown in the video mix)
     */
    setParticipantText(uuid, text) {
      this.command(this.participantPath(uuid, 'overlaytext'), { text: text }, null);
    }

    /**
     * @param {string} uuid
     * @param {boolean} setting
     */
    setParticipantStudioSound(uuid, setting) {
      this.command(this.participantPath(uuid, 'studiosound'), { enabled: Boolean(setting) }, null);
    }

    /**
     * @param {string} uuid
     * @param {string} layoutGroup
     * @param {AnswerCallback} [cb]
     */
    setParticipantLayoutGroup(uuid, layoutGroup, cb) {
      this.command(this.participantPath(uuid, 'layout_group'), { layout_group: layoutGroup }, cb);
    }

    /**
     * Makes a participant host (`'chair'`) or guest (`'guest'`).
     * @param {string} uuid
     * @param {'chair'|'guest'} role
     */
    setRole(uuid, role) {
      if (role !== 'chair' && role !== 'guest') throw new Error("Invalid role: use 'chair' or 'guest'");
      this.command(this.participantPath(uuid, 'role'), { role: role }, null);
    }

    /** Lets a waiting guest into a locked conference. @param {string} uuid */
    unlockParticipant(uuid) {
      this.command(this.participantPath(uuid, 'unlock'), null, null);
    }

    /** @param {string} uuid */
    holdParticipant(uuid) {
      this.command(this.participantPath(uuid, 'hold'), null, null);
    }

    /** @param {string} uuid */
    resumeParticipant(uuid) {
      this.command(this.participantPath(uuid, 'resume'), null, null);
    }

    /** @param {string} uuid */
    disconnectParticipant(uuid) {
      this.command(this.participantPath(uuid, 'disconnect'), null, null);
    }

    /**
     * Moves a participant to another conference; `cb(result)` on success, `cb(false)` otherwise.
     * @param {string} uuid
     * @param {string} destination  conference alias
     * @param {string} [role]  `host` or `guest`
     * @param {string} [pin]
     * @param {(result: any) => void} [cb]
     */
    transferParticipant(uuid, destination, role, pin, cb) {
      /** @type {Object<string, string>} */
      const params = { conference_alias: destination };
      if (role) params.role = role;
      if (pin) params.pin = pin;
      this.sendRequest(this.participantPath(uuid, 'transfer'), params, (answer) => {
        if (typeof cb === 'function') cb(answer.http_status === 200 ? answer.result : false);
      });
    }

    /** Raises the own hand. */
    setBuzz() {
      this.ownCommand('buzz');
    }

    /** Lowers a hand (the own one without `uuid`). @param {string} [uuid] */
    clearBuzz(uuid) {
      this.command(this.participantPath(uuid || String(this.uuid), 'clearbuzz'), null, null);
    }

    /** Marks a participant's camera as muted (the own one without `uuid`). @param {string} [uuid] */
    videoMuted(uuid) {
      this.command(this.participantPath(uuid || String(this.uuid), 'video_muted'), null, null);
    }

    /** @param {string} [uuid] */
    videoUnmuted(uuid) {
      this.command(this.participantPath(uuid || String(this.uuid), 'video_unmuted'), null, null);
    }

    /** Marks the own microphone as muted in the roster. @param {string} [uuid] */
    clientMute(uuid) {
      this.command(this.participantPath(uuid || String(this.uuid), 'client_mute'), null, null);
    }

    /** @param {string} [uuid] */
    clientUnmute(uuid) {
      this.command(this.participantPath(uuid || String(this.uuid), 'client_unmute'), null, null);
    }

    notifyNotAFK() {
      this.ownCommand('notify_not_afk');
    }

    /**
     * @param {boolean} state
     * @param {string} [uuid]
     */
    setPresentationInMix(state, uuid) {
      this.command(this.participantPath(uuid || String(this.uuid), 'pres_in_mix'), { state: Boolean(state) }, null);
    }

    showLiveCaptions() {
      this.ownCommand('show_live_captions');
    }

    hideLiveCaptions() {
      this.ownCommand('hide_live_captions');
    }

    /**
     * @param {number} aspect  width / height, in (0, 2]
     * @param {string} [uuid]
     */
    requestAspectRatio(aspect, uuid) {
      this.command(this.participantPath(uuid || String(this.uuid), 'preferred_aspect_ratio'), { aspect_ratio: aspect }, null);
    }

    /**
     * @param {Array<{mix_name: string, prominent?: boolean}>} mixes
     * @param {string} [uuid]
     */
    setSendToAudioMixes(mixes, uuid) {
      this.command(this.participantPath(uuid || String(this.uuid), 'send_to_audio_mixes'), { mixes: mixes }, null);
    }

    /**
     * @param {string} mix
     * @param {string} [uuid]
     */
    setReceiveFromAudioMix(mix, uuid) {
      this.command(this.participantPath(uuid || String(this.uuid), 'receive_from_audio_mix'), { mix_name: mix }, null);
    }
  }

  /** Pexip's conversion helpers, also reachable as `PexRTC.t2b` etc. */
  Object.assign(PexRTC, { t2b: t2b, b2t: b2t, b2p: b2p, PexRTCConn: PexRTCConn });
  return PexRTC;
})();
