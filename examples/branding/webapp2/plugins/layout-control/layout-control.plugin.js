// Layout control: an item of the meeting controls menu, for hosts, that opens a dialog of layout buttons.
// The buttons are plain HTML with inline `onclick` handlers that call the plugin API directly, which is
// all a simple dialog needs. The dialog is handled through the Observable form of openTemplateDialog.
(function () {
  'use strict';

  /**
   * A button of the dialog that runs `code` when clicked.
   * @param {string} label
   * @param {string} code
   */
  function button(label, code) {
    return '<button type="button" class="dialog-button blue-action-button" onclick="' + code + '">' + label + '</button>';
  }

  var BODY =
    '<div class="pex-dialog-content-message">Choose the layout everyone sees.</div>' +
    '<div style="display: flex; flex-wrap: wrap; gap: 8px; justify-content: center;">' +
    button('Equal', "window.PEX.pluginAPI.transformConferenceLayout({layout: '4:0'})") +
    button('Speaker and 7', "window.PEX.pluginAPI.transformConferenceLayout({layout: '1:7'})") +
    // `{}` resets the layout to the meeting's default.
    button('Default', 'window.PEX.pluginAPI.transformConferenceLayout({})') +
    // changeConferenceLayout is deprecated but still found in published plugins; `{layouts: []}` clears
    // a layout override set with it.
    button('Clear override', 'window.PEX.pluginAPI.changeConferenceLayout({layouts: []})') +
    '</div>' +
    '<button type="button" id="layoutControlDone" class="dialog-button green-non-action-button">Done</button>';

  // The open dialog, if any: a second click does not open another one, and unload closes it.
  /** @type {PEX.DialogRef | null} */
  var openDialog = null;

  // Nothing to prepare: the dialog is built when the menu item is chosen.
  function load() {}

  function unload() {
    if (openDialog) openDialog.close();
  }

  // Conference menu actions receive the conference details; this one does not need them.
  function openLayoutControl() {
    if (openDialog) return;
    PEX.pluginAPI.openTemplateDialog({ title: 'Layout control', body: BODY }).subscribe(function (dialogRef) {
      openDialog = dialogRef;
      var done = /** @type {HTMLElement} */ (document.getElementById('layoutControlDone'));
      done.addEventListener('click', function () {
        dialogRef.close();
      });
      dialogRef.close$.subscribe(function () {
        openDialog = null;
      });
    });
  }

  PEX.pluginAPI.registerPlugin({
    id: 'layout-control',
    load: load,
    unload: unload,
    openLayoutControl: openLayoutControl
  });
})();
