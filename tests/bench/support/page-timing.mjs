// Times, inside the page, what the web app does with each participant event, as a plugin would see it:
// the client's callback is wrapped, and after the app's handler the style and layout it caused are
// forced. The app also redraws its stage on the next animation frame, so that frame's work (script,
// style and layout up to the end of the frame's callbacks; not paint) is timed too and added.
//
// With `{microtasks: true}` the handler's time also covers the microtasks it caused (the plugin host
// redraws the toolbar and the open menus in a microtask, host.js `_scheduleRedraw`). After the app's
// handler returns, the timer queues a chain of MICROTASK_HOPS microtasks, each queuing the next; the
// queue is first in, first out, so every microtask queued before a hop runs before it, and anything
// nested fewer than MICROTASK_HOPS deep behind the app's handler runs before the last hop. The last
// hop forces style and layout and stops the clock: *handler* is then the update's whole synchronous
// cost up to the end of the microtask checkpoint, before any other task (the chain itself costs a few
// microseconds).
//
// With `{plugins: true}` two more things are timed, for the plugin host benchmark:
// - the *plugin task*: the app hands `participants$` to plugins in a task of its own after the one
//   that handled the event (session.js `_schedulePluginState`), so the handler's time leaves it out.
//   `Session.prototype._emitPluginState` is wrapped and timed like a handler (its microtasks, then
//   style and layout): building the plugin models, the plugins' subscribers, the host's redraws;
// - the time spent in the plugins' own code, in the handler and in the plugin task: the plugin host
//   runs plugin code with `owners.current` set to the plugin and its own code with it `null`
//   (observable.js `runAs`), so an accessor on `owners.current` sees every switch between the two.
/** @typedef {'update' | 'create' | 'delete'} EventKind */
/**
 * `handlerPlugins`: of each `handler` time, how much ran in plugin code (with `{plugins: true}`).
 * `pluginTask`: each emission of `participants$`: its whole time, the part in plugin code, the style
 * and layout it left to do (forced at its end), and how many updates the page had received before it
 * (so `after - 1` is the index of the update it followed in `handler.update`).
 * @typedef {{
 *   handler: Record<EventKind, number[]>, withFrame: Record<EventKind, number[]>,
 *   handlerPlugins: Record<EventKind, number[]>, pluginTask: {total: number[], plugins: number[], layout: number[], after: number[]}
 * }} PageTimings
 */

/** Microtasks queued one after the other behind each handler when microtasks are timed. */
const MICROTASK_HOPS = 64;

/**
 * Wraps `onParticipantUpdate`, `onParticipantCreate` and `onParticipantDelete` of `window.pexrtc`.
 * @param {import('playwright-core').Page} page
 * @param {{microtasks?: boolean, plugins?: boolean}} [options] `microtasks`: the handler's time runs to
 *   the end of the microtasks it caused; `plugins`: the plugin task and plugin code are timed too (see above)
 */
export async function installEventTimers(page, { microtasks = false, plugins = false } = {}) {
  await page.evaluate(async ([hops, timePlugins]) => {
    const w = /** @type {any} */ (window);
    const rtc = w.pexrtc;
    /** @type {PageTimings} */
    const timings = {
      handler: { update: [], create: [], delete: [] },
      withFrame: { update: [], create: [], delete: [] },
      handlerPlugins: { update: [], create: [], delete: [] },
      pluginTask: { total: [], plugins: [], layout: [], after: [] },
    };
    w.__rosterBench = timings;
    const forceLayout = () => {
      document.querySelector('.pex-sidebar__list')?.getBoundingClientRect();
      void document.body.offsetHeight;
    };
    /** Calls `done` once the microtasks queued so far (and those they queue, `hops` deep) have run. */
    const afterMicrotasks = (/** @type {() => void} */ done) => {
      if (hops === 0) {
        done();
        return;
      }
      let left = hops;
      const hop = () => {
        left -= 1;
        if (left > 0) queueMicrotask(hop);
        else done();
      };
      queueMicrotask(hop);
    };

    // Milliseconds spent in plugin code so far (see above); stays 0 unless plugins are timed.
    let pluginMs = 0;
    let updatesReceived = 0;
    if (timePlugins) {
      // The app's modules are loaded; importing one again gives the same instance.
      const load = (/** @type {string} */ path) => import(new URL(path, document.baseURI).href);
      const [{ owners }, { Session }] = await Promise.all([load('js/observable.js'), load('js/session.js')]);
      let current = owners.current;
      let since = 0;
      Object.defineProperty(owners, 'current', {
        configurable: true,
        get: () => current,
        set(owner) {
          if (current === null && owner !== null) since = performance.now();
          if (current !== null && owner === null) pluginMs += performance.now() - since;
          current = owner;
        },
      });
      const emit = Session.prototype._emitPluginState;
      Session.prototype._emitPluginState = function () {
        const started = performance.now();
        const pluginsBefore = pluginMs;
        const after = updatesReceived;
        emit.call(this);
        afterMicrotasks(() => {
          const scripted = performance.now();
          forceLayout();
          const ended = performance.now();
          timings.pluginTask.total.push(ended - started);
          timings.pluginTask.plugins.push(pluginMs - pluginsBefore);
          timings.pluginTask.layout.push(ended - scripted);
          timings.pluginTask.after.push(after);
        });
      };
    }
    /** @type {[string, 'update' | 'create' | 'delete'][]} */
    const callbacks = [
      ['onParticipantUpdate', 'update'],
      ['onParticipantCreate', 'create'],
      ['onParticipantDelete', 'delete'],
    ];
    for (const [callback, kind] of callbacks) {
      const previous = rtc[callback];
      rtc[callback] = function (/** @type {any[]} */ ...args) {
        // Registered before the app's own frame callback, so it marks the start of the frame's work.
        let frameStart = 0;
        requestAnimationFrame(() => {
          frameStart = performance.now();
        });
        if (kind === 'update') updatesReceived += 1;
        const started = performance.now();
        const pluginsBefore = pluginMs;
        previous.apply(this, args);
        afterMicrotasks(() => {
          forceLayout();
          const ms = performance.now() - started;
          timings.handler[kind].push(ms);
          timings.handlerPlugins[kind].push(pluginMs - pluginsBefore);
          requestAnimationFrame(() => {
            forceLayout();
            timings.withFrame[kind].push(ms + (performance.now() - frameStart));
          });
        });
      };
    }
  }, /** @type {[number, boolean]} */ ([microtasks ? MICROTASK_HOPS : 0, plugins]));
}

/**
 * @param {import('playwright-core').Page} page
 * @returns {Promise<PageTimings>}
 */
export function readEventTimings(page) {
  return page.evaluate(() => /** @type {any} */ (window).__rosterBench);
}

/**
 * Waits until the page has timed at least `count` events of `kind`, frames included.
 * @param {import('playwright-core').Page} page
 * @param {EventKind} kind
 * @param {number} count
 */
export async function waitForTimings(page, kind, count) {
  await page.waitForFunction(
    ([k, n]) => /** @type {any} */ (window).__rosterBench.withFrame[k].length >= n,
    /** @type {[EventKind, number]} */ ([kind, count]),
    { timeout: 60_000, polling: 250 },
  );
}
