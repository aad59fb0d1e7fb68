// Lock toggle: a toolbar button for hosts that locks or unlocks the meeting with `sendRequest`. Its icon
// and label follow `conferenceDetails$`. It cannot be switched off in Settings (`allowUnload: false`).
//
// It keeps what it knows on `this`: the app calls `load`, `unload` and the actions with `this` bound to
// the object given to `registerPlugin`, which declares those members (`locked`, `subscription`).
(function () {
  'use strict';

  var LOCK = { icon: 'icons/lock-open.svg#lock-open', label: 'Lock the meeting' };
  var UNLOCK = { icon: 'icons/lock.svg#lock', label: 'Unlock the meeting' };

  var state$ = PEX.pluginAPI.createNewState(LOCK);

  /** @typedef {{locked: boolean, subscription: PEX.Subscription | null}} LockToggle */

  /**
   * @this {LockToggle}
   * @param {PEX.Observable<PEX.Participant[]>} participants$
   * @param {PEX.Observable<PEX.ConferenceDetails>} conferenceDetails$
   */
  function load(participants$, conferenceDetails$) {
    var plugin = this;
    // An observer object works as well as a function.
    plugin.subscription = conferenceDetails$.subscribe({
      next: function (details) {
        plugin.locked = details.locked;
        state$.next(details.locked ? UNLOCK : LOCK);
      }
    });
  }

  /** @this {LockToggle} */
  function unload() {
    if (this.subscription) this.subscription.unsubscribe();
    this.subscription = null;
  }

  /** @this {LockToggle} */
  function toggleLock() {
    if (!this.locked) {
      // A path relative to the conference, without payload or callback.
      PEX.pluginAPI.sendRequest('lock');
      return;
    }
    // A leading '/' works too. No payload here; the callback receives the answer {status, result}.
    PEX.pluginAPI.sendRequest('/unlock', undefined, function (answer) {
      if (answer.status !== 'success') {
        console.warn('[lock-toggle] the meeting could not be unlocked:', answer.result);
      }
    });
  }

  PEX.pluginAPI.registerPlugin({
    id: 'lock-toggle',
    locked: false,
    subscription: null,
    load: load,
    unload: unload,
    toggleLock: toggleLock,
    state$: state$
  });
})();
