// Times, inside the page, what the web app does with each participant event, as a plugin would see it:
// the client's callback is wrapped, and after the app's handler the style and layout it caused are
// forced. The app also redraws its stage on the next animation frame, so that frame's work (script,
// style and layout up to the end of the frame's callbacks; not paint) is timed too and added.

/** @typedef {'update' | 'create' | 'delete'} EventKind */
/** @typedef {{handler: Record<EventKind, number[]>, withFrame: Record<EventKind, number[]>}} PageTimings */

/**
 * Wraps `onParticipantUpdate`, `onParticipantCreate` and `onParticipantDelete` of `window.pexrtc`.
 * @param {import('playwright-core').Page} page
 */
export async function installEventTimers(page) {
  await page.evaluate(() => {
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
        forceLayout();
        const handled = performance.now() - started;
        timings.handler[kind].push(handled);
        requestAnimationFrame(() => {
          forceLayout();
          timings.withFrame[kind].push(handled + (performance.now() - frameStart));
        });
      };
    }
  });
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
