// Not a plugin: a type test of pex.d.ts (`tsc -p types`). Each call below has a shape the declarations
// must accept; each line after `@ts-expect-error` is a mistake they must reject.
(function () {
  'use strict';

  // --- Observables and actions -----------------------------------------------------------------------

  var chat = PEX.actions$.ofType(PEX.actions.RECEIVE_CHAT_MESSAGE).subscribe(function (action) {
    /** @type {string} */
    var text = action.payload.payload;
    /** @type {string} */
    var sender = action.payload.origin;
    return text + sender;
  });
  chat.unsubscribe();

  var chained = PEX.actions$
    .ofType(PEX.actions.PARTICIPANT_CONNECT_SUCCESS, PEX.actions.PARTICIPANT_DISCONNECT_SUCCESS)
    .filter(function (action, index) {
      return index >= 0 && action.type === PEX.actions.PARTICIPANT_CONNECT_SUCCESS;
    })
    .map(function (action) {
      return typeof action.payload === 'string' ? action.payload : action.payload.uuid;
    })
    .subscribe({
      next: function (uuid) {
        uuid.toUpperCase();
      },
      error: function (error) {
        console.error(error);
      }
    });
  /** @type {boolean} */
  var closed = chained.closed;

  PEX.actions$.ofType(PEX.actions.SELECT_EVENT).subscribe(function (action) {
    action.payload.action.payload.name.trim();
  });
  PEX.actions$.ofType(PEX.actions.SEND_CHAT_MESSAGE, PEX.actions.DISCONNECT_SUCCESS).subscribe(function () {});
  PEX.actions$.ofType('[Conference] Buzz Changed').subscribe(function (action) {
    return action.payload;
  });
  PEX.actions$.subscribe(
    function (action) {
      action.type.trim();
    },
    null,
    function () {}
  );
  PEX.dispatchAction({ type: '[Conference] Unmute Camera' });
  // @ts-expect-error: an action is an object with a type
  PEX.dispatchAction('[Conference] Mute Microphone');
  PEX.actions$.ofType(PEX.actions.RECEIVE_CHAT_MESSAGE).subscribe(function (action) {
    // @ts-expect-error: a chat message has no such member
    return action.payload.text;
  });

  // --- State -----------------------------------------------------------------------------------------

  var plain = PEX.pluginAPI.createNewState({ icon: 'a.svg#a', label: 'A' });
  plain.next({ icon: 'b.svg#b', label: 'B' });
  /** @type {string} */
  var label = plain.getValue().label + plain.value.icon;
  /** @type {PEX.PluginState<PEX.ParticipantStates>} */
  var perParticipant = PEX.pluginAPI.createNewState({});
  perParticipant.next({ 'uuid-1': { label: 'Mute' }, 'uuid-2': null, 'uuid-3': { icon: null } });
  var mixed = PEX.pluginAPI.createNewState();
  mixed.next({ icon: 'a.svg#a', label: 'A', 'uuid-1': { label: 'B' } });
  // @ts-expect-error: a label is a string
  PEX.pluginAPI.createNewState({ label: 42 });

  // --- Registration and `this` -----------------------------------------------------------------------

  /** @typedef {{count: number}} Counter */

  /**
   * @this {Counter}
   * @param {PEX.Observable<PEX.Participant[]>} participants$
   * @param {PEX.Observable<PEX.ConferenceDetails>} conferenceDetails$
   */
  function load(participants$, conferenceDetails$) {
    var plugin = this;
    participants$.subscribe(function (participants) {
      plugin.count = participants.length;
      participants[0].isVideoMuted.valueOf();
    });
    conferenceDetails$.subscribe(function (details) {
      return details.locked && details.guestsMuted && details.chatEnabled && details.started && details.mediaType;
    });
  }

  /** @this {Counter} @param {PEX.Participant[]} participants */
  function countAction(participants) {
    return this.count === participants.length;
  }

  PEX.pluginAPI.registerPlugin({
    id: 'counter',
    count: 0,
    load: load,
    unload: function () {
      this.count = 0;
    },
    countAction: countAction,
    state$: plain
  });
  // @ts-expect-error: `load` needs `this.count`, which this object lacks
  PEX.pluginAPI.registerPlugin({ id: 'no-count', load: load });
  // @ts-expect-error: the id is required
  PEX.pluginAPI.registerPlugin({ unload: function () {} });
  // Inline functions get their parameter types and `this` from the declarations.
  PEX.pluginAPI.registerPlugin({
    id: 'inline',
    seen: 0,
    load: function (participants$, conferenceDetails$) {
      var plugin = this;
      participants$.subscribe(function (participants) {
        plugin.seen = participants.length;
      });
      conferenceDetails$.subscribe(function (details) {
        return details.locked;
      });
    },
    show: function () {
      return this.seen + 1;
    }
  });
  PEX.pluginAPI.registerPlugin({
    id: 'async',
    load: async function () {
      await Promise.resolve();
    }
  });

  // --- Requests, dialling, layouts, chat ---------------------------------------------------------------

  PEX.pluginAPI.sendRequest('lock');
  PEX.pluginAPI.sendRequest('participants/uuid-1/dtmf', { digits: '1234' });
  PEX.pluginAPI.sendRequest('/unlock', undefined, function (answer) {
    return answer.status === 'success' && answer.result;
  });
  // @ts-expect-error: the path is a string
  PEX.pluginAPI.sendRequest(['lock']);
  PEX.pluginAPI.dialOut(
    'rtmp://example.com/live',
    'rtmp',
    'guest',
    function (answer) {
      return answer.result.length > 0 ? answer.result[0].trim() : answer.status;
    },
    { streaming: true }
  );
  PEX.pluginAPI.dialOut('sip:alice@example.com', 'auto', 'chair');
  // @ts-expect-error: not a protocol
  PEX.pluginAPI.dialOut('alice', 'smtp', 'guest');
  PEX.pluginAPI.disconnectParticipant('uuid-1');
  PEX.pluginAPI.spotlightOnParticipant('uuid-1');
  PEX.pluginAPI.spotlightOffParticipant('uuid-1');
  PEX.pluginAPI.transformConferenceLayout({ layout: '1:7', enable_overlay_text: true, streaming: { layout: '1:0' } });
  PEX.pluginAPI.transformConferenceLayout({});
  PEX.pluginAPI.changeConferenceLayout({ layouts: [] });
  PEX.pluginAPI.changeConferenceLayout({ layouts: [{ layout: '1:7', actors: ['uuid-1'], vad_backfill: true }] });
  PEX.pluginAPI.sendChatMessage('hello');
  PEX.pluginAPI.sendChatMessage({ type: 'SEND_CHAT_MESSAGE', payload: 'hello' });
  var item = PEX.pluginAPI.getPluginMenuItem('counter', 'main');
  item.hide();
  item.show();

  // --- Dialogs ---------------------------------------------------------------------------------------

  PEX.pluginAPI.openTemplateDialog({ title: 'T', body: '<p>…</p>' }).then(function (dialogRef) {
    dialogRef.close$.subscribe(function (result) {
      return result;
    });
    dialogRef.viewInit$.subscribe(function () {});
    dialogRef.close('done');
  });
  PEX.pluginAPI.openTemplateDialog({ title: null, isCloseDisabled: true }).subscribe(function (dialogRef) {
    dialogRef.close();
  });
  PEX.pluginAPI.openTemplateDialog({ title: 'Bare' }, 'ignored').subscribe();
  // @ts-expect-error: the body is an HTML string
  PEX.pluginAPI.openTemplateDialog({ body: document.createElement('div') });

  // --- Globals ---------------------------------------------------------------------------------------

  /** @type {string | null} */
  var self = window.PEX.selfUUID;
  /** @type {string | undefined} */
  var name = PEX.conferenceQueryParams.name;
  var rtc = PEX.pexrtc;
  if (rtc && rtc.state === 'ACTIVE' && rtc.role === 'HOST') {
    var previous = rtc.onParticipantUpdate;
    rtc.onParticipantUpdate = function (participant) {
      participant.uuid.trim();
      if (previous) previous(participant);
    };
    rtc.muteAudio(true);
    rtc.setParticipantText(rtc.uuid || '', 'overlay');
    rtc.sendChatMessage('direct', 'uuid-1');
    if (rtc.call && rtc.call.mediaStream) rtc.call.mediaStream.getTracks();
  }
  var second = new PexRTC();
  second.makeCall('node.example.com', 'meet', 'Bot', 0, 'none');
  second.connect('1234');

  return [closed, label, self, name];
})();
