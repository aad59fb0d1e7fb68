// TypeScript declarations of `window.PEX`, the object through which Webapp2 plugins talk to the app,
// as Plugboard's plugin host provides it. Sources: the official plugin guide
// (`seed-webapp2-plugin-api.txt`) and what published plugins rely on beyond it (`webapp2-compat.md`).
//
// This is a global declaration file for classic-script plugins: it declares the global `PEX` (also
// reachable as `window.PEX`), the global `PexRTC` constructor, and the namespace `PEX` whose types you
// name in JSDoc, e.g. `/** @param {PEX.Participant} participant */`. See README.md next to this file.

declare namespace PEX {
  // ---------------------------------------------------------------------------------------------------
  // Observables: the RxJS-5-style subset plugins use.

  /** What receives an observable's values; every member is optional. */
  interface Observer<T> {
    /** Called with each value. */
    next?(value: T): void;
    /** Called once if the observable fails; nothing follows. */
    error?(error: unknown): void;
    /** Called once when the observable ends; nothing follows. */
    complete?(): void;
  }

  /** A running subscription. */
  interface Subscription {
    /** Stops receiving values. Calling it again does nothing. */
    unsubscribe(): void;
    /** Whether the subscription has ended (unsubscribed, completed or failed). */
    readonly closed: boolean;
  }

  /**
   * A stream of values: `participants$`, `conferenceDetails$`, `PEX.actions$`, a plugin's `state$`.
   * Operators return new observables and can be chained in the RxJS 5 style:
   * `PEX.actions$.ofType(type).filter(fn).map(fn).subscribe(fn)`.
   */
  interface Observable<T> {
    /**
     * Receive the values with an observer object `{next, error, complete}`.
     * An error thrown by a plugin's callback is reported against that plugin.
     */
    subscribe(observer?: Observer<T>): Subscription;
    /** Receive the values with callbacks. */
    subscribe(
      next: ((value: T) => void) | null | undefined,
      error?: ((error: unknown) => void) | null,
      complete?: (() => void) | null
    ): Subscription;
    /** Only the values for which `predicate` returns true (`index` counts the values seen). */
    filter<S extends T>(predicate: (value: T, index: number) => value is S): Observable<S>;
    /** Only the values for which `predicate` returns true (`index` counts the values seen). */
    filter(predicate: (value: T, index: number) => boolean): Observable<T>;
    /** Each value transformed by `project`. */
    map<R>(project: (value: T, index: number) => R): Observable<R>;
    /**
     * For action streams: only the actions whose `type` is one of `types`. With constants of
     * `PEX.actions` the result knows the payload's type.
     */
    ofType<N extends KnownActionName>(...types: Array<ActionType<N>>): Observable<KnownAction<N>>;
    /** For action streams: only the actions whose `type` is one of `types`. */
    ofType(...types: string[]): Observable<Action>;
  }

  /**
   * A plugin's state, made by `PEX.pluginAPI.createNewState`: an observable that remembers its current
   * value and gives it to every new subscriber (a BehaviorSubject).
   */
  interface PluginState<T> extends Observable<T> {
    /** Sets the current value and gives it to the subscribers. */
    next(value: T): void;
    /** The current value. */
    getValue(): T;
    /** The current value. */
    readonly value: T;
  }

  // ---------------------------------------------------------------------------------------------------
  // Menu item state.

  /**
   * How a menu item looks: an icon (`file.svg#id` relative to the package folder) and a label (the
   * text, or the tooltip in the toolbar). A missing member keeps the package's value; `null` hides the
   * item.
   */
  interface ItemState {
    icon?: string | null;
    label?: string | null;
  }

  /**
   * The per-participant form of `state$` for participants-menu items: the item's look for each
   * participant uuid; `null` hides the item in that participant's menu.
   */
  interface ParticipantStates {
    [uuid: string]: ItemState | null;
  }

  /**
   * Any value of `state$`: `{icon, label}` for every menu item of the plugin, `{<uuid>: {icon, label}}`
   * per participant, or both mixed (the per-participant entry wins for its participant).
   */
  interface StateValue {
    icon?: string | null;
    label?: string | null;
    [uuid: string]: ItemState | string | null | undefined;
  }

  // ---------------------------------------------------------------------------------------------------
  // What plugins see of the conference.

  /** A participant as `participants$` and participants-menu actions give it (Unix times in seconds). */
  interface Participant {
    /** The participant's uuid, for requests such as `participants/<uuid>/mute`. */
    uuid: string;
    /** The display name. */
    name: string;
    /** `'chair'` for a host, `'guest'` for a guest. */
    role: 'chair' | 'guest';
    /** The participant's URI. */
    uri: string;
    /** When the participant joined, in Unix seconds. */
    startTime: number;
    /** How the participant is connected; a Connect app joins as `'api'`. */
    protocol: 'api' | 'webrtc' | 'sip' | 'rtmp' | 'h323' | 'mssip' | (string & {});
    /** An external participant, e.g. from a Skype for Business / Lync meeting. */
    isExternal: boolean;
    /** Whether the participant is presenting. */
    presenting: boolean;
    /** Whether a host muted the participant (administrative mute). */
    muted: boolean;
    /** Whether the participant's camera is off. */
    isVideoMuted: boolean;
    /** A host of a VMR or Virtual Auditorium. */
    canControl: boolean;
    /** Whether the participant can be disconnected. */
    canDisconnect: boolean;
    /** Whether the participant can be transferred to another VMR. */
    canTransfer: boolean;
    /** Whether the participant can be muted. */
    canMute: boolean;
    /** Where the participant is: in the meeting, still being called, in the waiting room… */
    serviceType:
      | 'connecting'
      | 'waiting_room'
      | 'ivr'
      | 'conference'
      | 'lecture'
      | 'gateway'
      | 'test_call'
      | (string & {});
    /** `'video'`, `'audio'` or `'api'`. */
    callType: 'video' | 'audio' | 'api' | (string & {});
    /** When the participant was put in the spotlight, in Unix seconds; `0` when not in it. */
    spotlight: number;
    /** A streaming or recording participant (dialled out with `{streaming: true}` or over RTMP). */
    isStreaming: boolean;
    /** Speaking indication: `0` not speaking, `100` speaking. */
    vad: number;
    /** Place on the stage: `0` is the most recent speaker. */
    stageIndex: number;
    /** Whether the participant may receive the presentation. */
    rxPresentation: boolean;
    /** Whether far-end camera control messages can be sent to the participant. */
    feccSupported: boolean;
    /** When the participant raised their hand, in Unix seconds; `0` when the hand is down. */
    buzzTime: number;
  }

  /** The conference as `conferenceDetails$` and conference-menu actions give it. */
  interface ConferenceDetails {
    /** Whether the conference is locked (new guests wait to be admitted). */
    locked: boolean;
    /** Whether all guests are muted. */
    guestsMuted: boolean;
    /** Whether chat is enabled. */
    chatEnabled: boolean;
    /** `'video'`, `'audioonly'`, or `'none'` when only control-only participants are connected. */
    mediaType: 'video' | 'audioonly' | 'none' | (string & {});
    /** Whether the conference has started. */
    started: boolean;
  }

  // ---------------------------------------------------------------------------------------------------
  // The action stream.

  /** An action of the app: `{type, payload}`. */
  interface Action<P = unknown> {
    type: string;
    payload?: P;
  }

  /** A chat message as the app receives it; `payload` is the text. */
  interface ChatMessage {
    /** The sender's display name. */
    origin: string;
    /** The sender's uuid. */
    uuid: string;
    /** The MIME type, `'text/plain'` for chat. */
    type: string;
    /** The text. */
    payload: string;
    /** Set when the message was sent to this participant only. */
    direct?: boolean;
  }

  /** The payload of each action named in `PEX.actions`, by constant name. */
  interface ActionPayloads {
    /** The text the user sends. */
    SEND_CHAT_MESSAGE: string;
    /** The message received: `action.payload.payload` is its text. */
    RECEIVE_CHAT_MESSAGE: ChatMessage;
    /** The timeline event the user selected. */
    SELECT_EVENT: { action: { type: string; payload: { name: string } } };
    /** The participant who connected (Plugboard gives the participant as `participants$` does). */
    PARTICIPANT_CONNECT_SUCCESS: Participant;
    /** The uuid of the participant who left. */
    PARTICIPANT_DISCONNECT_SUCCESS: string;
    /** This app left the conference; no payload. */
    DISCONNECT_SUCCESS: undefined;
    /** This app joined the conference. */
    CONNECT_SUCCESS: { alias: string; displayName: string; joinRole: 'HOST' | 'guest'; serviceType: string };
    /** Joining failed. */
    CONNECT_FAIL: { msg: string };
    /** This app is leaving; no payload. */
    DISCONNECT: undefined;
    /** This participant's own uuid, once connected. */
    SET_SELF_UUID: string;
    /** The call type of this app's call (`'none'` for a control-only one). */
    SET_REMOTE_CALL_TYPE: string;
    /** A participant raised (buzzTime > 0) or lowered (0) their hand. */
    BUZZ_CHANGED: { buzzTime: number; name: string; uuid?: string };
    /** Dispatch it to mute this app's microphone; no payload. */
    MUTE_MICROPHONE: undefined;
    /** Dispatch it to unmute this app's microphone; no payload. */
    UNMUTE_MICROPHONE: undefined;
    /** Dispatch it to turn this app's camera off; no payload. */
    MUTE_CAMERA: undefined;
    /** Dispatch it to turn this app's camera on; no payload. */
    UNMUTE_CAMERA: undefined;
    /** A participant was muted or unmuted. */
    PARTICIPANT_MUTED_CHANGED: { uuid: string; muted: boolean };
    /** The screen the app shows (`home`, `conference`, …). */
    SCREEN_STATE: string;
    /** The raw participant of a `participant_update` event. */
    PEXRTC_PARTICIPANT_UPDATE: Record<string, unknown>;
  }

  /** The constant names of `PEX.actions`. */
  type KnownActionName = keyof ActionPayloads;

  /**
   * The action type string behind the constant `PEX.actions[N]`. Its exact value is the app's
   * business; compare with the constant, never with a string of your own.
   */
  type ActionType<N extends KnownActionName> = string & { readonly __pexAction?: N };

  /** An action of the type `PEX.actions[N]`, with its payload. */
  interface KnownAction<N extends KnownActionName> {
    type: ActionType<N>;
    payload: ActionPayloads[N];
  }

  /** `PEX.actions`: the action types plugins watch for on `PEX.actions$`. */
  type ActionConstants = { readonly [N in KnownActionName]: ActionType<N> };

  // ---------------------------------------------------------------------------------------------------
  // PEX.pluginAPI

  /** The answer of the REST API: `{status: 'success', result}` or `{status: 'failed', result}`. */
  interface RequestAnswer<R = unknown> {
    status: 'success' | 'failed' | (string & {});
    result: R;
  }

  /**
   * The answer of `dialOut`: `result` holds the uuids of the new participants, and is empty when the
   * call could not be placed.
   */
  interface DialOutAnswer {
    status: 'success' | 'failed' | (string & {});
    result: string[];
  }

  /** How `dialOut` calls: `'auto'` lets the conferencing node decide. */
  type DialOutProtocol = 'auto' | 'sip' | 'rtmp' | 'h323' | 'mssip';

  /** The role of the dialled participant (any case): a guest, or a host (`'chair'`/`'host'`). */
  type DialOutRole = 'guest' | 'chair' | 'host' | 'GUEST' | 'HOST';

  /** Options of `dialOut` (PexRTC's `user_params`). */
  interface DialOutOptions {
    /** Dial a streaming/recording participant (`isStreaming`). */
    streaming?: boolean;
    /** Where an RTMP participant receives the presentation as a separate stream. */
    presentation_url?: string;
    /** The same, under its older name. */
    presentation_uri?: string;
    /** `'video'`, `'video-only'` or `'audio'`. */
    call_type?: string;
    /** DTMF digits to send once the call is answered. */
    dtmf_sequence?: string;
    /** Keep the conference running while this participant alone remains. */
    keep_conference_alive?: 'keep_conference_alive' | 'keep_conference_alive_if_multiple' | 'keep_conference_alive_never';
    /** The name the participant is shown with. */
    remote_display_name?: string;
    /** The participant's overlay text. */
    overlay_text?: string;
    /** The calling address the far end sees. */
    source?: string;
    /** The calling name the far end sees. */
    source_display_name?: string;
    /** Extra SIP headers. */
    custom_sip_headers?: Record<string, string>;
    prefer_ipv6?: boolean;
  }

  /**
   * The REST `transforms` of `transformConferenceLayout`; `{}` resets the conference to its default
   * layout. Layouts are names such as `'1:0'`, `'1:7'`, `'1:21'`, `'2:21'`, `'4:0'`, `'9:0'`, `'16:0'`,
   * `'25:0'`, `'5:7'`, `'1:33'`, `'ac'`, `'teams'`.
   */
  interface LayoutTransforms {
    /** The layout for everyone (a VMR). */
    layout?: string;
    /** The hosts' layout (a Virtual Auditorium). */
    host_layout?: string;
    /** The guests' layout (a Virtual Auditorium). */
    guest_layout?: string;
    enable_overlay_text?: boolean;
    enable_active_speaker_indication?: boolean;
    enable_extended_ac?: boolean;
    streaming_indicator?: boolean;
    recording_indicator?: boolean;
    plus_n_pip_enabled?: boolean;
    /** Overlay texts, one per participant in the order they are shown. */
    free_form_overlay_text?: string[];
    /** The layout of streaming participants. */
    streaming?: {
      layout?: string;
      waiting_screen_enabled?: boolean;
      plus_n_pip_enabled?: boolean;
      indicators_enabled?: boolean;
    };
  }

  /** One layout of the deprecated `changeConferenceLayout` (the REST `override_layout`). */
  interface LayoutOverride {
    layout?: string;
    actors?: string[];
    actors_overlay_text?: string[];
    audience?: string[];
    plus_n?: boolean | number;
    vad_backfill?: boolean;
  }

  /** What `openTemplateDialog` shows. */
  interface TemplateDialogConfig {
    /** The title; `null` or absent for none. */
    title?: string | null;
    /**
     * The body, an HTML string inserted as is: inline `onclick` handlers work. The app's classes
     * `pex-text-input`, `dialog-button`, `green-action-button`, `blue-action-button`,
     * `red-action-button`, `green-non-action-button` and `pex-dialog-content-message` style it.
     */
    body?: string;
    /** Hide the dialog's own close button (the body must then offer a way to close it). */
    isCloseDisabled?: boolean;
  }

  /** An open dialog. */
  interface DialogRef {
    /** Closes the dialog; `close$` emits `result`. */
    close(result?: unknown): void;
    /** Emits once when the dialog closes (with the result given to `close`). */
    readonly close$: Observable<unknown>;
    /** Emits once the dialog's DOM is ready (also to subscribers that come later). */
    readonly viewInit$: Observable<void>;
  }

  /**
   * What `openTemplateDialog` returns: a promise of the dialog (`.then(dialogRef => …)`) that is also
   * an observable of it (`.subscribe(dialogRef => …)`, or a bare `.subscribe()`). Either way the
   * dialog's body is in the DOM when the callback runs.
   */
  interface DialogOpening extends PromiseLike<DialogRef> {
    catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): PromiseLike<DialogRef | R>;
    finally(onFinally?: (() => void) | null): PromiseLike<DialogRef>;
    subscribe(observer?: Observer<DialogRef>): Subscription;
    subscribe(next: ((dialogRef: DialogRef) => void) | null | undefined): Subscription;
  }

  /** A plugin's menu item, found by the `id` the package gives it. */
  interface PluginMenuItem {
    /** Hides the item wherever it shows. */
    hide(): void;
    /** Shows the item again. */
    show(): void;
  }

  /**
   * The object a plugin gives to `registerPlugin`. Besides the members below it holds the plugin's
   * menu actions (the names in the package's `menuItems[…].action`), which are called with:
   * - toolbar items: the participants (`Participant[]`);
   * - participants-menu items: the participant whose menu it is (`Participant`);
   * - conference-menu items: the conference (`ConferenceDetails`).
   *
   * `load`, `unload` and the actions run with `this` bound to this object, so a plugin may keep data
   * on it (declare such members in the object, e.g. `locked: false`).
   */
  interface PluginDefinition<Self = unknown> {
    /** The `id` of the plugin's package file. */
    id: string;
    /**
     * Runs when the plugin is loaded (and again after the user switches it back on). Both observables
     * give their current value to every new subscriber. May be `async`.
     */
    load?(
      this: Self,
      participants$: Observable<Participant[]>,
      conferenceDetails$: Observable<ConferenceDetails>
    ): void | PromiseLike<void>;
    /** Runs when the plugin is switched off or no longer applies (e.g. the user's role changed). */
    unload?(this: Self): void;
    /** The plugin's state: the icon and label of its menu items (see `StateValue`). */
    state$?: Observable<StateValue>;
    /** Menu actions, and any data the plugin keeps. */
    [member: string]: unknown;
  }

  /** `PEX.pluginAPI`: the functions plugins call. */
  interface PluginAPI {
    /**
     * Registers the plugin; `plugin.id` must be the id of its package file. Call it once, when the
     * script runs.
     */
    registerPlugin<T>(plugin: PluginDefinition<T> & T & ThisType<T>): void;

    /**
     * A new state for `state$`, holding `initial` (which menu items show until the plugin changes it;
     * `{}` keeps the package's icons and labels).
     */
    createNewState<T extends StateValue = StateValue>(initial?: T): PluginState<T>;

    /**
     * Sends a request to the conference through the client REST API.
     * @param path relative to the conference, with or without a leading `/`: `'lock'`, `'muteguests'`,
     *   `'participants/<uuid>/mute'`, `'/participants/<uuid>/overlaytext'`
     * @param payload the request body, e.g. `{digits: '1234'}` for `dtmf`; `undefined` for none
     * @param callback receives the parsed answer `{status, result}`
     */
    sendRequest<R = unknown>(
      path: string,
      payload?: object | null,
      callback?: (answer: RequestAnswer<R>) => void
    ): void;

    /**
     * Opens a dialog; extra arguments are ignored.
     * @returns both a promise and an observable of the open dialog
     */
    openTemplateDialog(config: TemplateDialogConfig, ...ignored: unknown[]): DialogOpening;

    /** Puts the participant in the spotlight (hosts only). */
    spotlightOnParticipant(uuid: string): void;

    /** Takes the participant out of the spotlight (hosts only). */
    spotlightOffParticipant(uuid: string): void;

    /**
     * Calls out from the conference (hosts only).
     * @param alias whom to call, e.g. `'sip:alice@example.com'` or `'rtmp://example.com/live/key'`
     * @param protocol how to call; `'rtmp'` for streaming addresses
     * @param role the role the new participant gets
     * @param callback receives `{status, result}`, `result` being the new participants' uuids, empty
     *   when the call could not be placed
     * @param options e.g. `{streaming: true}` for a streaming/recording participant
     */
    dialOut(
      alias: string,
      protocol?: DialOutProtocol,
      role?: DialOutRole,
      callback?: (answer: DialOutAnswer) => void,
      options?: DialOutOptions
    ): void;

    /** Disconnects the participant (hosts only, or yourself). */
    disconnectParticipant(uuid: string): void;

    /**
     * Deprecated: use `transformConferenceLayout`. Overrides the conference layout (the REST
     * `override_layout`); `{layouts: []}` clears the override.
     * @deprecated
     */
    changeConferenceLayout(layout: { layouts: LayoutOverride[] }): void;

    /**
     * Changes the conference layout and its indicators (the REST `transform_layout`); `{}` resets it to
     * the default.
     */
    transformConferenceLayout(transforms: LayoutTransforms): void;

    /**
     * Sends a chat message to everyone: the text, or an action-like object `{type, payload: text}`.
     */
    sendChatMessage(message: string | { type?: string; payload: string }): void;

    /**
     * One of a plugin's menu items, by the plugin's id and the `id` of the item in its package, to hide
     * or show it.
     */
    getPluginMenuItem(pluginId: string, menuItemId: string | number): PluginMenuItem;
  }

  // ---------------------------------------------------------------------------------------------------
  // PEX.pexrtc: the app's PexRTC client.

  /** A participant as the REST API and PexRTC callbacks give it (snake_case). */
  interface RawParticipant {
    uuid: string;
    display_name?: string;
    service_type?: string;
    role?: 'chair' | 'guest';
    [field: string]: unknown;
  }

  /** A chat message as PexRTC's `onChatMessage` and `onDirectMessage` give it. */
  interface RawChatMessage {
    origin: string;
    uuid: string;
    type: string;
    payload: string;
    direct?: boolean;
  }

  /** The media call of a PexRTC client. */
  interface PexRTCCall {
    /** The local camera/microphone stream. */
    mediaStream?: MediaStream | null;
    /** The WebRTC peer connection. */
    pc?: RTCPeerConnection | null;
  }

  /**
   * The members of a PexRTC client that plugins use. A plugin that wraps a callback must call the
   * previous one inside its wrapper, so that the app keeps working:
   * `var previous = rtc.onParticipantUpdate; rtc.onParticipantUpdate = function (p) { …; if (previous) previous(p); };`
   */
  interface PexRTC {
    /** The conference's name. */
    conference_name: string | null;
    /** The alias the client called. */
    conference: string | null;
    /** The conferencing node's host name. */
    node: string | null;
    /** This participant's display name. */
    display_name: string | null;
    /** The PIN used to join. */
    pin: string | null;
    /** This participant's uuid. */
    uuid: string | null;
    /** This participant's role. */
    role: 'HOST' | 'GUEST' | null;
    /** `'ACTIVE'` while connected. */
    state: 'IDLE' | 'ACTIVE' | 'DISCONNECTING';
    /** The media call, when there is one. */
    call: PexRTCCall | null;

    /** Mutes (`true`) or unmutes this client's microphone; toggles when `setting` is absent. */
    muteAudio(setting?: boolean): boolean;
    /** Turns this client's camera off (`true`) or on; toggles when `setting` is absent. */
    muteVideo(setting?: boolean): boolean;
    /** Sets a participant's overlay text. */
    setParticipantText(uuid: string, text: string): void;
    /** Sends a chat message to everyone, or to the participant `uuid` only. */
    sendChatMessage(message: string, uuid?: string): void;
    /**
     * Starts a client: `callType` `'none'` for control only, `'audioonly'` or `'recvonly'` for media
     * in one direction.
     */
    makeCall(node: string, conference: string, name: string, bandwidth?: number | string, callType?: string): void;
    /** Continues joining (with a PIN, when asked for one). */
    connect(pin?: string | null, extension?: string | null): void;
    /** Leaves the conference. */
    disconnect(reason?: string): void;

    onSetup: ((stream: MediaStream | null | undefined, pinStatus: 'none' | 'required' | 'optional') => void) | null;
    onConnect: ((stream?: MediaStream) => void) | null;
    onDisconnect: ((reason: string) => void) | null;
    onError: ((reason: string) => void) | null;
    onParticipantCreate: ((participant: RawParticipant) => void) | null;
    onParticipantUpdate: ((participant: RawParticipant) => void) | null;
    onParticipantDelete: ((participant: { uuid: string }) => void) | null;
    onRosterList: ((participants: RawParticipant[]) => void) | null;
    onChatMessage: ((message: RawChatMessage) => void) | null;
    onDirectMessage: ((message: RawChatMessage) => void) | null;
    onConferenceUpdate: ((properties: Record<string, unknown>) => void) | null;
  }

  // ---------------------------------------------------------------------------------------------------
  // window.PEX

  /** `window.PEX`. */
  interface Global {
    /** The plugin API. */
    readonly pluginAPI: PluginAPI;
    /**
     * Every action of the app, `{type, payload}`. Narrow it with `ofType(PEX.actions.…)`.
     */
    readonly actions$: Observable<Action>;
    /** The action types plugins watch for. */
    readonly actions: ActionConstants;
    /**
     * Puts an action on `PEX.actions$`. The app acts on `'[Conference] Mute Microphone'`,
     * `'[Conference] Unmute Microphone'`, `'[Conference] Mute Camera'` and `'[Conference] Unmute Camera'`
     * (its own microphone and camera), among others.
     */
    dispatchAction(action: Action): void;
    /** This participant's uuid once connected. */
    readonly selfUUID: string | null;
    /** The app's PexRTC client (also a direct property of `window`). */
    readonly pexrtc: PexRTC | null;
    /** The query parameters of the page URL, e.g. `{name: 'Alice', join: '1'}`. */
    readonly conferenceQueryParams: { readonly [name: string]: string | undefined };
  }
}

/** The app's plugin interface (also `window.PEX`). */
declare var PEX: PEX.Global;

/** The PexRTC client library's constructor: some plugins start a second client with it. */
declare var PexRTC: {
  new (): PEX.PexRTC;
  readonly prototype: PEX.PexRTC;
};
