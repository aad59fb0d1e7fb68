// Raise hand, for guests only (`participantRoles: ["guest"]`): a toolbar button that raises the guest's
// hand after a short reminder, and lowers it again. The reminder is a dialog without its own close button
// (`isCloseDisabled`), so it must be answered with one of the buttons in its body.
(function () {
  'use strict';

  var RAISE = { icon: 'icons/hand.svg#hand', label: 'Raise your hand' };
  var LOWER = { icon: 'icons/hand-down.svg#hand-down', label: 'Lower your hand' };

  var state$ = PEX.pluginAPI.createNewState(RAISE);
  /** @type {PEX.Subscription | null} */
  var subscription = null;
  var handRaised = false;

  /** @param {PEX.Observable<PEX.Participant[]>} participants$ */
  function load(participants$) {
    subscription = participants$.subscribe(function (participants) {
      var me = participants.filter(function (participant) {
        return participant.uuid === PEX.selfUUID;
      })[0];
      handRaised = Boolean(me && me.buzzTime); // when the hand went up; 0 while it is down
      state$.next(handRaised ? LOWER : RAISE);
    });
  }

  function unload() {
    if (subscription) subscription.unsubscribe();
    subscription = null;
  }

  /** @param {'buzz' | 'clearbuzz'} request */
  function sendOwn(request) {
    PEX.pluginAPI.sendRequest('participants/' + PEX.selfUUID + '/' + request);
  }

  // Toolbar actions receive the participants; this one uses its own view of them.
  function toggleHand() {
    if (handRaised) {
      sendOwn('clearbuzz');
      return;
    }
    PEX.pluginAPI
      .openTemplateDialog({
        title: 'Raise your hand?',
        body:
          '<div class="pex-dialog-content-message">The hosts see your raised hand in the participant list ' +
          'and can give you the floor. Lower it with the same button.</div>' +
          '<button type="button" id="raiseHandYes" class="dialog-button green-action-button">Raise my hand</button>' +
          '<button type="button" id="raiseHandNo" class="dialog-button red-action-button">Not now</button>',
        isCloseDisabled: true
      })
      .then(function (dialogRef) {
        var yes = /** @type {HTMLElement} */ (document.getElementById('raiseHandYes'));
        var no = /** @type {HTMLElement} */ (document.getElementById('raiseHandNo'));
        yes.addEventListener('click', function () {
          sendOwn('buzz');
          dialogRef.close('raised');
        });
        no.addEventListener('click', function () {
          dialogRef.close('not now');
        });
        // viewInit$ emits once the dialog is on screen (also to a late subscriber like this one).
        dialogRef.viewInit$.subscribe(function () {
          yes.focus();
        });
      });
  }

  PEX.pluginAPI.registerPlugin({
    id: 'raise-hand',
    load: load,
    unload: unload,
    toggleHand: toggleHand,
    state$: state$
  });
})();
