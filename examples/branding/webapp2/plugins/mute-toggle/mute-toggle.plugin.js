// Mute toggle: "Mute" or "Unmute" in each participant's menu, for hosts. It shows the per-participant
// form of `state$`, `{<uuid>: {icon, label}}`, where `null` hides the item for that participant.
(function () {
  'use strict';

  var MUTE = { icon: 'icons/mic-off.svg#mic-off', label: 'Mute' };
  var UNMUTE = { icon: 'icons/mic.svg#mic', label: 'Unmute' };

  /** @type {PEX.PluginState<PEX.ParticipantStates>} */
  var state$ = PEX.pluginAPI.createNewState({});
  /** @type {PEX.Subscription | null} */
  var subscription = null;

  /** @param {PEX.Observable<PEX.Participant[]>} participants$ */
  function load(participants$) {
    subscription = participants$.subscribe(function (participants) {
      /** @type {PEX.ParticipantStates} */
      var states = {};
      participants.forEach(function (participant) {
        if (!participant.canMute) {
          states[participant.uuid] = null;
        } else {
          states[participant.uuid] = participant.muted ? UNMUTE : MUTE;
        }
      });
      state$.next(states);
    });
  }

  function unload() {
    if (subscription) subscription.unsubscribe();
    subscription = null;
  }

  // Participants-menu actions receive the participant whose menu it is.
  /** @param {PEX.Participant} participant */
  function toggleMute(participant) {
    var request = participant.muted ? 'unmute' : 'mute';
    PEX.pluginAPI.sendRequest('participants/' + participant.uuid + '/' + request);
  }

  PEX.pluginAPI.registerPlugin({
    id: 'mute-toggle',
    load: load,
    unload: unload,
    toggleMute: toggleMute,
    state$: state$
  });
})();
