// Where the plugin host plugs into the app: extra items for the meeting-controls menu and for each
// participant's menu, a slot in the toolbar, and the list under Settings → Plugins.
// The app owns the DOM; the plugin host only supplies items through these hooks.

import { Emitter } from './emitter.js';

/** @typedef {import('./ui/menu.js').MenuItem} MenuItem */
/** @typedef {import('./model.js').RawParticipant} RawParticipant */

/**
 * An entry of Settings → Plugins. It renders as `[data-plugin-id][data-plugin-status]`, with the
 * failure reason as its text when it failed (`loading` lasts only until the plugin registers).
 * @typedef {{
 *   id: string, name: string, description?: string, version?: string,
 *   status: 'loading' | 'loaded' | 'disabled' | 'failed', reason?: string,
 *   canToggle?: boolean, onToggle?: (enabled: boolean) => void
 * }} PluginEntry
 */

class Extensions extends Emitter {
  constructor() {
    super();
    /** @type {Set<() => MenuItem[]>} */
    this.conferenceMenu = new Set();
    /** @type {Set<(participant: RawParticipant) => MenuItem[]>} */
    this.participantMenu = new Set();
    /** @type {Set<() => PluginEntry[]>} */
    this.pluginList = new Set();
    /** @type {HTMLElement | null} the toolbar's plugin slot while a conference is shown */
    this.toolbarSlot = null;
  }

  /** Items plugins add to the meeting-controls menu. */
  conferenceItems() {
    return [...this.conferenceMenu].flatMap((provide) => safe(() => provide()));
  }

  /** @param {RawParticipant} participant */
  participantItems(participant) {
    return [...this.participantMenu].flatMap((provide) => safe(() => provide(participant)));
  }

  plugins() {
    return [...this.pluginList].flatMap((provide) => safe(() => provide()));
  }

  /** Settings → Plugins should redraw (a plugin loaded, failed, or was switched). */
  pluginsChanged() {
    this.emit('plugins');
  }

  /** Plugin menu items changed (a plugin loaded or failed, or its `state$` moved). */
  menusChanged() {
    this.emit('menus');
  }

  /** @param {HTMLElement | null} slot */
  setToolbarSlot(slot) {
    this.toolbarSlot = slot;
    this.emit('toolbar', slot);
  }
}

/**
 * @template T
 * @param {() => T[]} fn
 * @returns {T[]}
 */
function safe(fn) {
  try {
    const items = fn();
    return Array.isArray(items) ? items : [];
  } catch (e) {
    console.error('[plugboard] an extension failed', e);
    return [];
  }
}

export const extensions = new Extensions();
