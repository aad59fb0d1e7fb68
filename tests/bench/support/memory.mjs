// The page's memory through the Chrome DevTools Protocol, after a forced garbage collection.

/**
 * @typedef {object} MemorySample
 * @property {number} heapUsed  bytes (Runtime.getHeapUsage)
 * @property {number} heapTotal  bytes
 * @property {number} jsHeapUsed  bytes (Performance.getMetrics JSHeapUsedSize)
 * @property {number} nodes  DOM nodes alive (Memory.getDOMCounters)
 * @property {number} listeners  JS event listeners
 * @property {number} documents
 * @property {number} roster  `.pex-roster-list__user` entries
 */

/**
 * @param {import('playwright-core').Page} page
 */
export async function openMemoryProbe(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    /** @returns {Promise<MemorySample>} */
    async sample() {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (/** @type {string} */ name) => metrics.find((m) => m.name === name)?.value ?? NaN;
      const dom = await cdp.send('Memory.getDOMCounters');
      const roster = await page.evaluate(() => document.querySelectorAll('.pex-roster-list__user').length);
      return {
        heapUsed: heap.usedSize,
        heapTotal: heap.totalSize,
        jsHeapUsed: metric('JSHeapUsedSize'),
        nodes: dom.nodes,
        listeners: dom.jsEventListeners,
        documents: dom.documents,
        roster,
      };
    },
    detach: () => cdp.detach(),
  };
}
