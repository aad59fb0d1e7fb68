// Meeting tools: one toolbar button for hosts that opens a dialog to lock the meeting, mute guests,
// change the layout, spotlight the presenter and post a notice in the chat.
// Everything lives inside an IIFE so that nothing leaks into the app's global scope.
(function () {
  'use strict';

  var ICON = 'assets/meeting-tools.svg#meeting-tools';
  var LOCKED_ICON = 'assets/meeting-tools.svg#meeting-tools-locked';

  // The toolbar button's icon and label follow the conference: they change while it is locked.
  var state$ = PEX.pluginAPI.createNewState({ icon: ICON, label: 'Meeting tools' });
  var conference = { locked: false, guestsMuted: false };
  /** @type {PEX.Subscription[]} */
  var subscriptions = [];

  /**
   * @param {PEX.Observable<PEX.Participant[]>} participants$
   * @param {PEX.Observable<PEX.ConferenceDetails>} conferenceDetails$
   */
  function load(participants$, conferenceDetails$) {
    subscriptions.push(
      conferenceDetails$.subscribe(function (details) {
        conference = details;
        state$.next({
          icon: details.locked ? LOCKED_ICON : ICON,
          label: details.locked ? 'Meeting tools (locked)' : 'Meeting tools'
        });
      })
    );
  }

  function unload() {
    subscriptions.forEach(function (subscription) {
      subscription.unsubscribe();
    });
    subscriptions = [];
  }

  /** @param {PEX.Participant[]} participants */
  function presenterOf(participants) {
    return participants.filter(function (participant) {
      return participant.presenting;
    })[0];
  }

  /** @param {PEX.Participant[]} participants */
  function dialogBody(participants) {
    var presenter = presenterOf(participants);
    return (
      '<div class="pex-dialog-content-message">' +
      '<button id="meetingToolsLock" class="dialog-button blue-action-button">' +
      (conference.locked ? 'Unlock the meeting' : 'Lock the meeting') +
      '</button>' +
      '<button id="meetingToolsMute" class="dialog-button blue-action-button">' +
      (conference.guestsMuted ? 'Unmute guests' : 'Mute guests') +
      '</button>' +
      '<button id="meetingToolsEqual" class="dialog-button blue-action-button">Equal layout</button>' +
      '<button id="meetingToolsReset" class="dialog-button blue-action-button">Default layout</button>' +
      (presenter
        ? '<button id="meetingToolsSpotlight" class="dialog-button blue-action-button">Spotlight ' +
          presenter.name.replace(/[<>&"]/g, '') +
          '</button>'
        : '') +
      '<input id="meetingToolsNotice" class="pex-text-input" placeholder="Notice for everyone" />' +
      '<button id="meetingToolsPost" class="dialog-button green-action-button">Post notice</button>' +
      '</div>'
    );
  }

  /**
   * @param {string} id
   * @param {() => void} handler
   */
  function onClick(id, handler) {
    var button = document.getElementById(id);
    if (button) {
      button.addEventListener('click', function (event) {
        event.preventDefault();
        handler();
      });
    }
  }

  // The toolbar action: called with the participants of the conference.
  /** @param {PEX.Participant[]} participants */
  function openMeetingTools(participants) {
    PEX.pluginAPI
      .openTemplateDialog({ title: 'Meeting tools', body: dialogBody(participants) })
      .then(function (dialogRef) {
        onClick('meetingToolsLock', function () {
          PEX.pluginAPI.sendRequest(conference.locked ? 'unlock' : 'lock');
          dialogRef.close();
        });
        onClick('meetingToolsMute', function () {
          PEX.pluginAPI.sendRequest(conference.guestsMuted ? 'unmuteguests' : 'muteguests');
          dialogRef.close();
        });
        onClick('meetingToolsEqual', function () {
          PEX.pluginAPI.transformConferenceLayout({ layout: '4:0' });
          dialogRef.close();
        });
        onClick('meetingToolsReset', function () {
          PEX.pluginAPI.transformConferenceLayout({});
          dialogRef.close();
        });
        onClick('meetingToolsSpotlight', function () {
          var presenter = presenterOf(participants);
          if (presenter && presenter.spotlight) {
            PEX.pluginAPI.spotlightOffParticipant(presenter.uuid);
          } else if (presenter) {
            PEX.pluginAPI.spotlightOnParticipant(presenter.uuid);
          }
          dialogRef.close();
        });
        onClick('meetingToolsPost', function () {
          var input = /** @type {HTMLInputElement | null} */ (document.getElementById('meetingToolsNotice'));
          if (input && input.value) {
            PEX.pluginAPI.sendChatMessage('Notice: ' + input.value);
          }
          dialogRef.close();
        });
      });
  }

  PEX.pluginAPI.registerPlugin({
    id: 'meeting-tools',
    load: load,
    unload: unload,
    openMeetingTools: openMeetingTools,
    state$: state$
  });
})();
