// Times, inside the page, what the web app does with each participant event, as a plugin would see it:
// the client's callback is wrapped, and after the app's handler the style and layout it caused are
// forced. The app also redraws its stage on the next animation frame, so that frame's work (script,
// style and layout up to the end of the frame's callbacks; not paint) is timed too and added.
//
// With `{microtasks: true}` the handler's time also covers the microtasks it caused: the app hands
// participants$ to plugins in a microtask (session.js `_schedulePluginState`), the plugins' subscribers
// run there, and the plugin host redraws the toolbar and the open menus in a microtask of its own
// (host.js `_scheduleRedraw`). After the app's handler returns, the timer queues a chain of
// MICROTASK_HOPS microtasks, each queuing the next; the queue is first in, first out, so every
// microtask queued before a hop runs before it, and anything nested fewer than MICROTASK_HOPS deep
// behind the app's handler runs before the last hop. The last hop forces style and layout and stops
// the clock: *handler* is then the update's whole synchronous cost up to the end of the microtask
// checkpoint, before any other task (the chain itself costs a few microseconds).

/** @typedef {'update' | 'create' | 'delete'} EventKind */
/** @typedef {{handler: Record<EventKind, number[]>, withFrame: Record<EventKind, number[]>}} PageTimings */

/** Microtasks queued one after the other behind each handler when microtasks are timed. */
const MICROTASK_HOPS = 64;

/**
 * Wraps `onParticipantUpdate`, `onParticipantCreate` and `onParticipantDelete` of `window.pexrtc`.
 * @param {import('playwright-core').Page} page
 * @param {{microtasks?: boolean}} [options] `microtasks`: the handler's time runs to the end of the
 *   microtasks it caused (see above)
 */
export async function installEventTimers(page, { microtasks = false } = {}) {
  await page.evaluate(([hops]) => {
    const w = /** @type {any} */ (window);
    const rtc = w.pexrtc;
    /** @type {PageTimings} */
    const timings = {
      handler: { update: [], create: [], delete: [] },
      withFrame: { update: [], create: [], delete: [] },
    };
    w.__rosterBench = timings;
    const forceLayout = () => {
      document.querySelector('.pex-sidebar__list')?.getBoundingClientRect();
      void document.body.offsetHeight;
    };
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
        const started = performance.now();
        previous.apply(this, args);
        const handled = () => {
          forceLayout();
          const ms = performance.now() - started;
          timings.handler[kind].push(ms);
          requestAnimationFrame(() => {
            forceLayout();
            timings.withFrame[kind].push(ms + (performance.now() - frameStart));
          });
        };
        if (hops === 0) {
          handled();
          return;
        }
        let left = hops;
        const hop = () => {
          left -= 1;
          if (left > 0) queueMicrotask(hop);
          else handled();
        };
        queueMicrotask(hop);
      };
    }
  }, [microtasks ? MICROTASK_HOPS : 0]);
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
