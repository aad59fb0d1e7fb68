// One plugin of the branding while the app runs: its package, whether it is loaded, disabled or failed
// (and why), what it registered, its current `state$` value and the subscriptions it holds.

/** @typedef {import('./package.js').PluginPackage} PluginPackage */
/** @typedef {import('../observable.js').Subscription} Subscription */

/**
 * - `idle`: not for this participant (role, platform) or nothing asked for it yet
 * - `loading`: its script is being fetched and run, or it has not registered yet
 * - `loaded`: registered and its `load` ran
 * - `disabled`: switched off (by `enabled: false` or the user)
 * - `failed`: it broke; `reason` says how
 * @typedef {'idle' | 'loading' | 'loaded' | 'disabled' | 'failed'} PluginStatus
 */

/**
 * What a plugin passes to `registerPlugin`: its id, `load`, `unload`, `state$` and its actions.
 * @typedef {Record<string, any> & {id: string}} Registration
 */

export class Plugin {
  /** @param {PluginPackage} pkg */
  constructor(pkg) {
    this.pkg = pkg;
    /** @type {PluginStatus} */
    this.status = 'idle';
    this.reason = '';
    /** @type {Registration | null} */
    this.registration = null;
    /** @type {HTMLScriptElement | null} */
    this.script = null;
    /** @type {any} the last value of its `state$` */
    this.state = undefined;
    /** @type {Set<Subscription>} subscriptions made while its code ran, ended when it unloads */
    this.subscriptions = new Set();
    /** @type {Set<string>} menu item ids hidden through `getPluginMenuItem(…).hide()` */
    this.hiddenItems = new Set();
    /** Whether its `load` ran and `unload` has not. */
    this.active = false;
    /** How often its script was run again (after a failure, or a change in development). */
    this.generation = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} gives up waiting for `registerPlugin` */
    this.registerTimer = undefined;
  }

  get id() {
    return this.pkg.id;
  }

  get name() {
    return this.pkg.name;
  }

  /** The script URL without query, as stack traces show it. */
  get scriptHref() {
    return this.pkg.scriptUrl?.href ?? '';
  }

  get failed() {
    return this.status === 'failed';
  }

  /** End every subscription its code made. */
  endSubscriptions() {
    for (const subscription of [...this.subscriptions]) subscription.unsubscribe();
    this.subscriptions.clear();
  }

  /** A short description for messages: `“Name” (id)`. */
  toString() {
    return this.name === this.id ? `“${this.name}”` : `“${this.name}” (${this.id})`;
  }
}
