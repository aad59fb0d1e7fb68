// The plugin host: loads the branding's plugins for the participant's role when they are in a
// conference, runs them as Webapp2 did (classic scripts, `registerPlugin`, `load`/`unload`, actions with
// `this` bound to the registered object), puts their menu items in the app, lists them under
// Settings → Plugins, and isolates their failures: whatever a plugin throws or rejects, wherever it
// runs, marks that plugin failed with the reason and leaves the app and the other plugins running.
//
// Blame is assigned three ways: code the host calls runs as its plugin (`runAs`, which subscriptions
// remember); a script being evaluated is `document.currentScript`; anything else (timers, promise
// chains, event listeners) is attributed through the stack trace, because every plugin script has its
// own URL.

import { extensions } from '../extensions.js';
import { pluginParticipant } from '../model.js';
import { errors, owners, runAs } from '../observable.js';
import { openSettings } from '../settings.js';
import { conferenceDetails$, participants$ } from '../state.js';
import { toast } from '../ui/toast.js';
import { brandingRoot, readBranding } from './branding.js';
import { readIconsOf } from './icons.js';
import { itemView, popupItem, toolbarButton } from './menus.js';
import { Plugin } from './plugin.js';
import { Preferences } from './preferences.js';

/** @typedef {import('../session.js').Session} Session */
/** @typedef {import('./package.js').Location} Location */
/** @typedef {import('./package.js').PackageItem} PackageItem */
/** @typedef {import('./plugin.js').Registration} Registration */
/** @typedef {import('../extensions.js').PluginEntry} PluginEntry */

/** How long a plugin's script may take, after it ran, to call `registerPlugin` (some fetch config first). */
const REGISTER_GRACE_MS = 10_000;

/**
 * A read-only view of a subject that still replays and exposes its current value.
 * @template T
 * @param {import('../observable.js').BehaviorSubject<T>} subject
 */
function readOnly(subject) {
  const view = /** @type {any} */ (subject.asObservable());
  Object.defineProperty(view, 'value', { get: () => subject.value });
  view.getValue = () => subject.value;
  return view;
}

const pluginParticipants$ = readOnly(participants$);
const pluginConferenceDetails$ = readOnly(conferenceDetails$);

/** @param {unknown} error */
export function describeError(error) {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

export class PluginHost {
  constructor() {
    this.root = brandingRoot();
    this.preferences = new Preferences(this.root);
    /** @type {Plugin[]} */
    this.plugins = [];
    /** @type {Session | null} */
    this.session = null;
    /** @type {'chair' | 'guest' | null} the role plugins are loaded for; null outside a conference */
    this.role = null;
    this._redrawScheduled = false;
    /**
     * The toolbar buttons drawn last, by their package item (each plugin's own), kept to be updated
     * in place.
     * @type {Map<PackageItem, ReturnType<typeof toolbarButton>>}
     */
    this._toolbarButtons = new Map();
    this.ready = readBranding(this.root, { fromPage: true }).then((branding) => {
      this.brandingId = branding.brandingId;
      this.plugins = this._pluginsOf(branding.packages);
      for (const problem of branding.problems) console.error(`[plugboard] branding: ${problem}`);
    });
    this._attribute();
    this._provideMenus();
  }

  /**
   * The web plugins of the branding; a second package with an id already taken cannot register.
   * @param {import('./package.js').PluginPackage[]} packages
   */
  _pluginsOf(packages) {
    const seen = new Set();
    return packages
      .filter((pkg) => pkg.forWeb)
      .map((pkg) => {
        if (seen.has(pkg.id) && !pkg.error) pkg.error = `another plugin of this branding already has the id “${pkg.id}”`;
        seen.add(pkg.id);
        return new Plugin(pkg);
      });
  }

  /**
   * Follow a session: plugins load when it is in the conference and unload when it leaves it.
   * @param {Session} session
   */
  attach(session) {
    this.session = session;
    const follow = () => {
      this.ready.then(() => this._follow(session));
    };
    session.on('phase', follow);
    session.on('role', follow);
    session.on('granted', (/** @type {'chair' | 'guest'} */ role) => {
      this.ready.then(() => this._runScripts(session, [role]));
    });
    this.ready.then(() => this._runScripts(session, ['chair', 'guest']));
    follow();
  }

  /**
   * Run the scripts of the plugins that will load for each of `roles` while the session is still
   * joining, so that they have registered by the time it is in the conference, where they load: those
   * for every role as the join starts, the others once the token says the role. (Scripts that arrive
   * later would wait for their turn behind the roster, which a large meeting sends as the join ends.)
   * @param {Session} session
   * @param {('chair' | 'guest')[]} roles
   */
  _runScripts(session, roles) {
    if (session !== this.session) return;
    for (const plugin of this.plugins) {
      const wanted = roles.every((role) => this._wanted(plugin, role));
      if (wanted && !plugin.registration && !plugin.script) {
        plugin.status = 'loading';
        this._inject(plugin);
      }
    }
  }

  /**
   * Whether the plugin is to be loaded for `role`: for it, readable, not failed, and switched on.
   * @param {Plugin} plugin
   * @param {'chair' | 'guest'} role
   */
  _wanted(plugin, role) {
    return plugin.pkg.forRole(role) && !plugin.pkg.error && !plugin.failed && this._enabled(plugin);
  }

  /** @param {Plugin} plugin */
  _enabled(plugin) {
    return this.preferences.enabled(plugin.id, plugin.pkg.enabledByDefault);
  }

  /** @param {Session} session */
  _follow(session) {
    if (session !== this.session) return;
    this.role = session.phase === 'conference' ? (session.isHost ? 'chair' : 'guest') : null;
    for (const plugin of this.plugins) this._settle(plugin);
    this._changed();
  }

  /**
   * Bring one plugin to where it should be for the current role and the user's choice.
   * @param {Plugin} plugin
   */
  _settle(plugin) {
    if (this.role === null || !plugin.pkg.forRole(this.role)) {
      this._stop(plugin, 'idle');
    } else if (plugin.failed) {
      // Stays failed until the user switches it off and on again.
    } else if (plugin.pkg.error) {
      this.fail(plugin, plugin.pkg.error, 'its package');
    } else if (!this._enabled(plugin)) {
      this._stop(plugin, 'disabled');
    } else {
      this._start(plugin);
    }
  }

  /** @param {Plugin} plugin */
  _start(plugin) {
    if (plugin.active) return;
    if (plugin.registration) {
      this._load(plugin);
    } else {
      plugin.status = 'loading';
      if (!plugin.script) this._inject(plugin);
    }
  }

  /**
   * Run the plugin's script as a classic script with its own URL.
   * @param {Plugin} plugin
   */
  _inject(plugin) {
    // Its own URL, made new each time it is run again.
    const url = new URL(/** @type {URL} */ (plugin.pkg.scriptUrl));
    if (plugin.generation > 0) url.searchParams.set('plugboard-reload', String(plugin.generation));
    const script = document.createElement('script');
    script.src = url.href;
    // Each runs as soon as it arrives, not in settings order: in order, every script would wait for the
    // one before it and then for a free turn of its own behind whatever the app has queued meanwhile
    // (a 1,000-person roster arriving while joining). Menus keep settings order regardless.
    script.async = true;
    script.dataset.pluginScript = plugin.id;
    script.addEventListener('load', () => {
      if (plugin.registration || plugin.failed || plugin.script !== script) return;
      plugin.registerTimer = setTimeout(() => {
        if (!plugin.registration && plugin.script === script) {
          this.fail(plugin, new Error('the script ran but never called PEX.pluginAPI.registerPlugin'), 'its script');
        }
      }, REGISTER_GRACE_MS);
    });
    script.addEventListener('error', () => {
      if (plugin.script === script) this.fail(plugin, new Error(`${url.pathname} could not be loaded`), 'its script');
    });
    plugin.script = script;
    document.head.appendChild(script);
    // Its icon files too, after the script (which is more urgent), so that its items draw them at once.
    readIconsOf(plugin.pkg);
  }

  /**
   * `PEX.pluginAPI.registerPlugin`.
   * @param {unknown} registration
   */
  register(registration) {
    const running = this._scriptPlugin();
    const reg = /** @type {Registration} */ (registration);
    if (typeof reg !== 'object' || reg === null || typeof reg.id !== 'string') {
      this._refuse(running, 'registerPlugin needs an object with the plugin’s id, e.g. {id, load, unload, …}');
      return;
    }
    const plugin = this.plugins.find((p) => p.id === reg.id);
    if (!plugin) {
      const declared = running ? ` (its package declares “${running.id}”)` : '';
      this._refuse(running, `registerPlugin was called with the id “${reg.id}”, which no plugin package of this branding declares${declared}`);
      return;
    }
    if (running && running !== plugin) {
      this._refuse(running, `registerPlugin was called with the id “${reg.id}” of another plugin`);
      return;
    }
    if (plugin.registration) {
      console.warn(`[plugboard] plugin ${plugin} registered twice; the first registration stays`);
      return;
    }
    clearTimeout(plugin.registerTimer);
    plugin.registration = reg;
    this._settle(plugin);
    this._changed();
  }

  /**
   * @param {Plugin | null} running the plugin whose script made the call, when known
   * @param {string} reason
   */
  _refuse(running, reason) {
    if (running) {
      this.fail(running, new Error(reason), 'registerPlugin');
    } else {
      console.error(`[plugboard] ${reason}`);
      toast(`A plugin could not register: ${reason}`, { kind: 'error', icon: 'alert-triangle' });
    }
  }

  /** @param {Plugin} plugin */
  _load(plugin) {
    const reg = /** @type {Registration} */ (plugin.registration);
    plugin.active = true;
    plugin.status = 'loaded';
    const state$ = reg.state$;
    if (state$ && typeof state$.subscribe === 'function') {
      const subscription = this.invoke(plugin, 'its state$', () =>
        state$.subscribe((/** @type {unknown} */ value) => {
          plugin.state = value;
          this._scheduleRedraw();
        }),
      );
      if (subscription && typeof subscription.unsubscribe === 'function') plugin.subscriptions.add(subscription);
    }
    if (typeof reg.load === 'function') {
      this.session?.catchUpPluginState();
      this.invoke(plugin, 'load', () => reg.load.call(reg, pluginParticipants$, pluginConferenceDetails$));
    }
  }

  /**
   * Unload the plugin if it is loaded, and give it `status` (a failed plugin stays failed).
   * @param {Plugin} plugin
   * @param {'idle' | 'disabled'} status
   */
  _stop(plugin, status) {
    if (plugin.active) {
      plugin.active = false;
      const reg = plugin.registration;
      if (reg && typeof reg.unload === 'function') this.invoke(plugin, 'unload', () => reg.unload.call(reg));
      plugin.endSubscriptions();
      plugin.state = undefined;
    }
    if (!plugin.failed) plugin.status = status;
  }

  /**
   * Call into a plugin: as its owner, with whatever it throws or its promise rejects with failing it.
   * @template R
   * @param {Plugin} plugin
   * @param {string} where what was called, for the failure reason
   * @param {() => R} fn
   * @returns {R | undefined}
   */
  invoke(plugin, where, fn) {
    if (plugin.failed) return undefined;
    try {
      const result = runAs(plugin, fn);
      const thenable = /** @type {any} */ (result);
      if (thenable && typeof thenable.then === 'function') {
        thenable.then(undefined, (/** @type {unknown} */ e) => this.fail(plugin, e, where));
      }
      return result;
    } catch (e) {
      this.fail(plugin, e, where);
      return undefined;
    }
  }

  /**
   * Mark a plugin failed: its subscriptions end, its menu items are disabled, a notice names it.
   * @param {Plugin} plugin
   * @param {unknown} error
   * @param {string} where
   */
  fail(plugin, error, where) {
    if (plugin.failed) return;
    plugin.status = 'failed';
    plugin.reason = `${describeError(error)} (in ${where})`;
    plugin.active = false;
    clearTimeout(plugin.registerTimer);
    plugin.endSubscriptions();
    console.error(`[plugboard] the plugin ${plugin} failed in ${where}:`, error);
    toast(`The plugin ${plugin.name} stopped working: ${plugin.reason}`, {
      kind: 'error',
      icon: 'alert-triangle',
      action: { label: 'Details', onClick: () => openSettings({ session: this.session, page: 'plugins' }) },
    });
    this._changed();
  }

  /**
   * Switch a plugin on or off for this branding (Settings → Plugins); switching a failed plugin on
   * gives it a fresh start, with its script run again.
   * @param {Plugin} plugin
   * @param {boolean} enabled
   */
  setEnabled(plugin, enabled) {
    this.preferences.choose(plugin.id, enabled);
    if (plugin.failed) {
      plugin.status = 'idle';
      plugin.reason = '';
      if (!plugin.registration) this._forgetScript(plugin);
    }
    this._settle(plugin);
    this._changed();
  }

  /**
   * Drop the plugin's script and registration, so that starting it runs its (new) script again.
   * @param {Plugin} plugin
   */
  _forgetScript(plugin) {
    clearTimeout(plugin.registerTimer);
    plugin.script?.remove();
    plugin.script = null;
    plugin.registration = null;
    plugin.generation += 1;
  }

  /**
   * Read the branding again after it changed (`plugboard dev`): the plugins `ids` (all when null) are
   * unloaded and run again from their new files, others stay as they are; plugins gone from the
   * branding are unloaded, new ones loaded. The participant stays in the conference throughout.
   * @param {string[] | null} ids
   */
  refresh(ids) {
    // One refresh after the other, each after the branding was first read.
    this.ready = this.ready
      .then(() => this._refresh(ids))
      .catch((e) => console.error('[plugboard] reading the changed branding failed:', e));
    return this.ready;
  }

  /** @param {string[] | null} ids */
  async _refresh(ids) {
    const branding = await readBranding(this.root);
    this.brandingId = branding.brandingId;
    const fresh = this._pluginsOf(branding.packages);
    /** @type {Plugin[]} */
    const next = fresh.map((plugin) => {
      const old = this.plugins.find((p) => p.id === plugin.id);
      if (!old) return plugin;
      if (ids !== null && !ids.includes(plugin.id) && !old.failed) return old;
      this._stop(old, 'idle');
      this._forgetScript(old);
      plugin.generation = old.generation;
      plugin.hiddenItems = old.hiddenItems;
      return plugin;
    });
    for (const old of this.plugins) {
      if (!next.includes(old) && !fresh.some((p) => p.id === old.id)) {
        this._stop(old, 'idle');
        this._forgetScript(old);
      }
    }
    this.plugins = next;
    for (const plugin of this.plugins) this._settle(plugin);
    this._changed();
  }

  // ----- who is to blame ---------------------------------------------------------------------------

  _attribute() {
    owners.guess = () => (this.plugins.length ? this._scriptPlugin() : null);
    owners.track = (owner, subscription) => {
      if (!(owner instanceof Plugin)) return undefined;
      owner.subscriptions.add(subscription);
      return () => owner.subscriptions.delete(subscription);
    };
    const reportUnblamed = errors.report;
    errors.report = (error, owner) => {
      const plugin = owner instanceof Plugin ? owner : this.pluginFromError(error);
      if (plugin) this.fail(plugin, error, 'a subscription');
      else reportUnblamed(error, owner);
    };
    window.addEventListener('error', (event) => {
      const byFile = this._pluginAt(event.filename);
      const plugin = byFile ?? this.pluginFromError(event.error);
      if (!plugin) return;
      // Handled: reported as the plugin's failure, not as an uncaught error of the page.
      event.preventDefault();
      const where = byFile && !plugin.registration ? `its script, line ${event.lineno}` : 'its code';
      this.fail(plugin, event.error ?? event.message, where);
    });
    window.addEventListener('unhandledrejection', (event) => {
      const plugin = this.pluginFromError(event.reason);
      if (!plugin) return;
      event.preventDefault();
      this.fail(plugin, event.reason, 'a promise it left rejected');
    });
  }

  /** The plugin whose script is being evaluated right now. */
  _scriptPlugin() {
    const script = document.currentScript;
    return script ? (this.plugins.find((p) => p.script === script) ?? null) : null;
  }

  /** @param {string | undefined} url */
  _pluginAt(url) {
    if (!url) return null;
    const bare = url.replace(/[?#].*$/, '');
    return this.plugins.find((p) => p.scriptHref === bare) ?? null;
  }

  /**
   * The plugin whose code appears first (innermost) in the error's stack trace.
   * @param {unknown} error
   */
  pluginFromError(error) {
    const stack = error instanceof Error ? error.stack : undefined;
    return stack ? this.pluginFromStack(stack) : null;
  }

  /** @param {string} stack */
  pluginFromStack(stack) {
    /** @type {Plugin | null} */
    let found = null;
    let at = Infinity;
    for (const plugin of this.plugins) {
      const index = plugin.scriptHref ? stack.indexOf(plugin.scriptHref) : -1;
      if (index >= 0 && index < at) {
        at = index;
        found = plugin;
      }
    }
    return found;
  }

  /** The plugin calling the plugin API right now, if it can be told. */
  caller() {
    if (owners.current instanceof Plugin) return owners.current;
    return this._scriptPlugin() ?? this.pluginFromStack(new Error().stack ?? '');
  }

  // ----- menus and Settings → Plugins --------------------------------------------------------------

  _provideMenus() {
    extensions.conferenceMenu.add(() =>
      this._popupItems('conference', undefined, () => [conferenceDetails$.value]),
    );
    extensions.participantMenu.add((p) =>
      this._popupItems('participants', p.uuid, () => [this.session?.pluginModel(p) ?? pluginParticipant(p)]),
    );
    extensions.pluginList.add(() => this._entries());
    extensions.on('toolbar', () => this._renderToolbar());
  }

  /** Plugins whose items show: loaded ones, and failed ones (their items disabled). */
  _shown() {
    const role = this.role;
    if (role === null) return [];
    return this.plugins.filter((p) => p.active || (p.failed && p.pkg.forRole(role)));
  }

  /**
   * @param {Location} location
   * @param {string | undefined} uuid
   * @param {() => unknown[]} args what the action gets
   */
  _popupItems(location, uuid, args) {
    /** @type {import('../ui/menu.js').MenuItem[]} */
    const items = [];
    for (const plugin of this._shown()) {
      for (const item of plugin.pkg.itemsAt(location)) {
        const view = itemView(plugin, item, uuid);
        if (view.hidden) continue;
        items.push(popupItem(plugin, item, view, () => this.act(plugin, item, args()), () => this._scheduleRedraw()));
      }
    }
    return items;
  }

  /**
   * Run a menu item's action with `this` bound to the registered object.
   * @param {Plugin} plugin
   * @param {PackageItem} item
   * @param {unknown[]} args
   */
  act(plugin, item, args) {
    const reg = plugin.registration;
    const action = reg?.[item.action];
    if (typeof action !== 'function') {
      this.fail(plugin, new Error(`it registered no function “${item.action}” for its menu item`), `action ${item.action}`);
      return;
    }
    this.invoke(plugin, `action ${item.action}`, () => action.apply(reg, args));
  }

  /**
   * `getPluginMenuItem(pluginId, itemId).hide()` / `.show()`.
   * @param {string} pluginId
   * @param {string} itemId
   * @param {boolean} hidden
   */
  setItemHidden(pluginId, itemId, hidden) {
    this.ready.then(() => {
      const plugin = this.plugins.find((p) => p.id === pluginId);
      if (!plugin) {
        console.warn(`[plugboard] getPluginMenuItem: no plugin has the id “${pluginId}”`);
        return;
      }
      if (hidden) plugin.hiddenItems.add(itemId);
      else plugin.hiddenItems.delete(itemId);
      this._scheduleRedraw();
    });
  }

  _toolbarArgs() {
    return [this.session?.pluginParticipants() ?? [], conferenceDetails$.value];
  }

  /** Draw the toolbar's plugin buttons: the ones already there follow their state in place. */
  _renderToolbar() {
    const slot = extensions.toolbarSlot;
    if (!slot) return;
    const focused = document.activeElement instanceof HTMLElement && slot.contains(document.activeElement) ? document.activeElement : null;
    const focusKey = focused ? `${focused.dataset.pluginId}|${focused.dataset.pluginAction}` : null;
    /** @type {Map<PackageItem, ReturnType<typeof toolbarButton>>} */
    const drawn = new Map();
    for (const plugin of this._shown()) {
      for (const item of plugin.pkg.itemsAt('toolbar')) {
        const view = itemView(plugin, item);
        if (view.hidden) continue;
        let button = this._toolbarButtons.get(item);
        if (!button || !button.update(view)) {
          const act = () => this.act(plugin, item, this._toolbarArgs());
          button = toolbarButton(plugin, item, view, act, () => this._scheduleRedraw());
        }
        drawn.set(item, button);
      }
    }
    this._toolbarButtons = drawn;
    const elements = [...drawn.values()].map((button) => button.element);
    const children = slot.children;
    if (children.length !== elements.length || elements.some((el, i) => children[i] !== el)) {
      slot.replaceChildren(...elements);
    }
    if (slot.hidden !== (elements.length === 0)) slot.hidden = elements.length === 0;
    if (focusKey && !slot.contains(document.activeElement)) {
      const again = [...slot.querySelectorAll('button')].find((b) => `${b.dataset.pluginId}|${b.dataset.pluginAction}` === focusKey);
      again?.focus();
    }
  }

  /** Redraw the toolbar once for any number of state changes in the same task. */
  _scheduleRedraw() {
    if (this._redrawScheduled) return;
    this._redrawScheduled = true;
    queueMicrotask(() => {
      this._redrawScheduled = false;
      this._renderToolbar();
      extensions.menusChanged();
    });
  }

  /** @returns {PluginEntry[]} */
  _entries() {
    const role = this.role;
    if (role === null) return [];
    return this.plugins
      .filter((p) => p.pkg.forRole(role) && p.status !== 'idle')
      .map((plugin) => ({
        id: plugin.id,
        name: plugin.name,
        description: plugin.pkg.description,
        version: plugin.pkg.version,
        status: /** @type {'loading' | 'loaded' | 'disabled' | 'failed'} */ (plugin.status),
        reason: plugin.reason,
        canToggle: plugin.pkg.allowUnload,
        onToggle: (/** @type {boolean} */ on) => this.setEnabled(plugin, on),
      }));
  }

  _changed() {
    extensions.pluginsChanged();
    this._scheduleRedraw();
  }
}
