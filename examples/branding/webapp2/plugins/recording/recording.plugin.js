// Recording: a toolbar button for hosts that streams (or records) the meeting. Starting asks for an
// address in a dialog and dials it out as a streaming participant; stopping disconnects that participant.
// The button's icon and label follow the roster: "Stop streaming" while a streaming participant is in.
(function () {
  'use strict';

  var START = { icon: 'icons/start-streaming.svg#start-streaming', label: 'Start streaming' };
  var STOP = { icon: 'icons/stop-streaming.svg#stop-streaming', label: 'Stop streaming' };
  // The last address used, remembered for the next time.
  var ALIAS_KEY = 'plugboardRecordingAlias';

  var state$ = PEX.pluginAPI.createNewState(START);
  /** @type {PEX.Subscription | null} */
  var subscription = null;

  /** @param {PEX.Participant[]} participants */
  function streamers(participants) {
    return participants.filter(function (participant) {
      return participant.isStreaming;
    });
  }

  /** @param {PEX.Observable<PEX.Participant[]>} participants$ */
  function load(participants$) {
    subscription = participants$.subscribe(function (participants) {
      state$.next(streamers(participants).length > 0 ? STOP : START);
    });
  }

  function unload() {
    if (subscription) subscription.unsubscribe();
    subscription = null;
  }

  // Toolbar actions receive the participants of the meeting.
  /** @param {PEX.Participant[]} participants */
  function toggleStreaming(participants) {
    var streaming = streamers(participants);
    if (streaming.length > 0) {
      streaming.forEach(function (participant) {
        PEX.pluginAPI.disconnectParticipant(participant.uuid);
      });
    } else {
      askForAddress();
    }
  }

  /**
   * RTMP addresses are dialled with protocol 'rtmp'; for anything else the node decides ('auto').
   * @param {string} alias
   */
  function protocolOf(alias) {
    return /^rtmps?:\/\//i.test(alias) ? 'rtmp' : 'auto';
  }

  function askForAddress() {
    PEX.pluginAPI
      .openTemplateDialog({
        title: 'Start streaming',
        body:
          '<form id="recordingForm">' +
          '<input id="recordingAlias" class="pex-text-input" placeholder="rtmp://example.com/live/key" />' +
          '<div id="recordingError" class="pex-dialog-content-message" hidden></div>' +
          '<button id="recordingStart" class="dialog-button green-action-button">Start</button>' +
          '</form>'
      })
      .then(function (dialogRef) {
        // The body is in the DOM now, so these elements exist.
        var form = /** @type {HTMLFormElement} */ (document.getElementById('recordingForm'));
        var input = /** @type {HTMLInputElement} */ (document.getElementById('recordingAlias'));
        var start = /** @type {HTMLButtonElement} */ (document.getElementById('recordingStart'));
        var error = /** @type {HTMLElement} */ (document.getElementById('recordingError'));
        input.value = localStorage.getItem(ALIAS_KEY) || '';
        input.focus();

        form.addEventListener('submit', function (event) {
          event.preventDefault();
          var alias = input.value.trim();
          if (!alias) return;
          localStorage.setItem(ALIAS_KEY, alias);
          start.disabled = true;
          error.hidden = true;
          PEX.pluginAPI.dialOut(
            alias,
            protocolOf(alias),
            'guest',
            function (answer) {
              // `result` holds the uuids of the new participants; it is empty when dialling failed.
              if (answer.result.length > 0) {
                dialogRef.close(answer.result[0]);
                return;
              }
              start.disabled = false;
              error.textContent = 'Could not call ' + alias + '. Check the address and try again.';
              error.hidden = false;
            },
            { streaming: true }
          );
        });
      });
  }

  PEX.pluginAPI.registerPlugin({
    id: 'recording',
    load: load,
    unload: unload,
    toggleStreaming: toggleStreaming,
    state$: state$
  });
})();
