// Spotlight toggle: "Pin to stage" or "Unpin from stage" in each participant's menu, for hosts; it puts
// the participant in the spotlight (kept on everyone's stage) or takes them out of it. Its `state$` mixes
// both forms: a top-level `{icon, label}` for everyone, and `{<uuid>: {icon, label}}` entries that win for
// the participants in the spotlight.
(function () {
  'use strict';

  var ADD = { icon: 'icons/spotlight.svg#spotlight', label: 'Pin to stage' };
  var REMOVE = { icon: 'icons/spotlight-off.svg#spotlight-off', label: 'Unpin from stage' };

  /** @type {PEX.PluginState<PEX.StateValue>} */
  var state$ = PEX.pluginAPI.createNewState({});
  /** @type {PEX.Subscription | null} */
  var subscription = null;

  /** @param {PEX.Observable<PEX.Participant[]>} participants$ */
  function load(participants$) {
    subscription = participants$.subscribe(function (participants) {
      /** @type {PEX.StateValue} */
      var state = { icon: ADD.icon, label: ADD.label };
      participants
        .filter(function (participant) {
          return participant.spotlight > 0; // when they were put in the spotlight; 0 when not
        })
        .forEach(function (participant) {
          state[participant.uuid] = REMOVE;
        });
      state$.next(state);
    });
  }

  function unload() {
    if (subscription) subscription.unsubscribe();
    subscription = null;
  }

  // Participants-menu actions receive the participant whose menu it is.
  /** @param {PEX.Participant} participant */
  function toggleSpotlight(participant) {
    if (participant.spotlight) {
      PEX.pluginAPI.spotlightOffParticipant(participant.uuid);
    } else {
      PEX.pluginAPI.spotlightOnParticipant(participant.uuid);
    }
  }

  PEX.pluginAPI.registerPlugin({
    id: 'spotlight-toggle',
    load: load,
    unload: unload,
    toggleSpotlight: toggleSpotlight,
    state$: state$
  });
})();
