// Broken on purpose. This plugin exists to prove that Plugboard isolates plugin failures: a plugin that
// throws is reported by name and marked failed, and the app and the other plugins keep working (in
// Webapp2 the whole app crashed). It is NOT listed in the default settings.json; the tests add it with a
// settings override. Its package is valid and `plugboard check` passes: every failure happens at run time.
//
// How it breaks is chosen with the page's query parameter `broken` (`PEX.conferenceQueryParams`):
//   (absent), load   `load` throws a TypeError
//   subscription     a `participants$` subscriber throws when it gets the roster
//   action           its toolbar action throws
//   promise          its toolbar action returns a promise that rejects
//   dialog           its toolbar action opens a dialog whose inline onclick handler throws
(function () {
  'use strict';

  var mode = PEX.conferenceQueryParams.broken || 'load';

  /** @param {PEX.Observable<PEX.Participant[]>} participants$ */
  function load(participants$) {
    if (mode === 'subscription') {
      participants$.subscribe(function () {
        throw new Error('broken on purpose: a participants$ subscriber');
      });
    }
    if (mode === 'load') {
      throw new TypeError('broken on purpose: load');
    }
  }

  function unload() {}

  function breakNow() {
    if (mode === 'promise') {
      return Promise.reject(new Error('broken on purpose: a rejected promise'));
    }
    if (mode === 'dialog') {
      PEX.pluginAPI.openTemplateDialog({
        title: 'Broken on purpose',
        body:
          '<button type="button" id="brokenThrow" class="dialog-button red-action-button" ' +
          'onclick="throw new Error(\'broken on purpose: an inline onclick handler\')">Throw</button>'
      });
      return undefined;
    }
    throw new Error('broken on purpose: an action');
  }

  PEX.pluginAPI.registerPlugin({
    id: 'broken',
    load: load,
    unload: unload,
    breakNow: breakNow
  });
})();
