// {{title}}: {{summary}}.
// Created by `plugboard new plugin`; make it yours.
// {{package_file}} says where its menu item appears, with which icon and label, and for whom;
// webapp2/settings.json lists the plugin.
(function () {
  'use strict';

  var ID = {{id_js}};
  var LABEL = {{label_js}};

  // The menu item shows the icon and label of the package file. While the plugin runs,
  // `state$.next({ icon: {{icon_js}}, label: 'Other label' })` changes them, and `null` for the icon or
  // label hides the item; the empty state it starts with keeps the package file's.
  var state$ = PEX.pluginAPI.createNewState({});

  /** @type {PEX.Subscription[]} what `load` subscribed to; `unload` ends them */
  var subscriptions = [];
  /** @type {PEX.Participant[]} everyone in the conference, as of the last update */
  var roster = [];
  /** @type {PEX.ConferenceDetails | null} the conference, as of the last update */
  var conference = null;

  /**
   * Called when the plugin is loaded: when the user joins, or turns the plugin on in Settings → Plugins.
   * Both observables give their current value at once, then every change.
   * @param {PEX.Observable<PEX.Participant[]>} participants$
   * @param {PEX.Observable<PEX.ConferenceDetails>} conferenceDetails$
   */
  function load(participants$, conferenceDetails$) {
    subscriptions.push(
      participants$.subscribe(function (participants) {
        roster = participants;
      }),
      conferenceDetails$.subscribe(function (details) {
        conference = details;
      })
    );
  }

  /** Called when the plugin is unloaded: leave nothing running behind. */
  function unload() {
    subscriptions.forEach(function (subscription) {
      subscription.unsubscribe();
    });
    subscriptions = [];
  }

{{action_function}}
  /**
   * A small dialog with a Close button. The body is HTML: escape whatever comes from people.
   * @param {string} body
   */
  function openDialog(body) {
    var closeId = ID + '-close';
    PEX.pluginAPI
      .openTemplateDialog({
        title: LABEL,
        body:
          '<div class="pex-dialog-content-message">' + body + '</div>' +
          '<button class="dialog-button green-action-button" id="' + closeId + '">Close</button>'
      })
      .then(function (dialogRef) {
        var button = document.getElementById(closeId);
        if (button) {
          button.addEventListener('click', function () {
            dialogRef.close();
          });
        }
      });
  }

  /** What the plugin knows from its subscriptions, as HTML. */
  function conferenceSummary() {
    var count = roster.length === 1 ? '1 participant' : roster.length + ' participants';
    if (!conference) {
      return count + '.';
    }
    return count + '; the conference is ' + (conference.locked ? 'locked' : 'not locked') + '.';
  }

  /** @param {string} text */
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (character) {
      return '&#' + character.charCodeAt(0) + ';';
    });
  }

  PEX.pluginAPI.registerPlugin({
    id: ID,
    load: load,
    unload: unload,
    {{action}}: {{action}},
    state$: state$
  });
})();
