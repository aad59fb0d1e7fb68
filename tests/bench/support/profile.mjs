// A CPU profile of the page through the Chrome DevTools Protocol, summarized by self time per function,
// to say where the time goes when a figure misses its target. The full profile is written to a file that
// Chromium's DevTools open (Performance panel, "Load profile").

import { writeFileSync } from 'node:fs';

/** Samples every 200 µs: fine enough for handlers of a few milliseconds. */
const SAMPLING_INTERVAL_US = 200;

/**
 * @typedef {{id: number, callFrame: {functionName: string, url: string, lineNumber: number},
 *   children?: number[]}} ProfileNode
 * @typedef {{nodes: ProfileNode[], samples: number[], timeDeltas: number[], startTime: number,
 *   endTime: number}} Profile
 */

/**
 * Profiles the page for `durationMs`, writes the profile to `file` and returns the functions with the
 * most self time.
 * @param {import('playwright-core').Page} page
 * @param {number} durationMs
 * @param {string} file
 */
export async function profilePage(page, durationMs, file) {
  const profiling = await startProfile(page);
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  return profiling.stop(file);
}

/**
 * Starts profiling the page; `stop(file, groups)` ends it, writes the profile to `file` and returns the
 * self times (as `selfTimes` does).
 * @param {import('playwright-core').Page} page
 */
export async function startProfile(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await cdp.send('Profiler.start');
  return {
    /**
     * @param {string} file
     * @param {Record<string, (stack: string[]) => boolean>} [groups]
     */
    async stop(file, groups) {
      const { profile } = /** @type {{profile: Profile}} */ (await cdp.send('Profiler.stop'));
      await cdp.detach();
      writeFileSync(file, JSON.stringify(profile));
      return selfTimes(profile, groups);
    },
  };
}

/**
 * Self time per function (name and place), most first, in milliseconds; also per script (`files`), the
 * total time per function, callees included (`inclusive`, each function counted once per sample), and
 * for each of `groups` the time of the samples whose stack (functions as `name file:line`) it accepts.
 * @param {Profile} profile
 * @param {Record<string, (stack: string[]) => boolean>} [groups]
 */
export function selfTimes(profile, groups = {}) {
  /** @type {Map<number, ProfileNode>} */
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<number, number>} child id → parent id */
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  /** @type {Map<string, number>} */
  const byFile = new Map();
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  /** @type {Record<string, number>} */
  const grouped = Object.fromEntries(Object.keys(groups).map((name) => [name, 0]));
  /** @param {Map<string, number>} times @param {string} key @param {number} ms */
  const add = (times, key, ms) => times.set(key, (times.get(key) ?? 0) + ms);
  profile.samples.forEach((id, index) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    // Each sample's delta is the time since the previous one, in microseconds.
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    add(byFunction, describe(frame), ms);
    add(byFile, scriptName(frame) || frame.functionName, ms);
    const onStack = new Set();
    for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parents.get(at)) {
      const caller = nodes.get(at)?.callFrame;
      if (caller && caller.url) onStack.add(describe(caller));
    }
    for (const key of onStack) add(inclusive, key, ms);
    const stack = [...onStack];
    for (const [name, accepts] of Object.entries(groups)) if (accepts(stack)) grouped[name] += ms;
  });
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  /** @param {Map<string, number>} times */
  const rank = (times) => [...times].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  // Entries without a script are the VM's own (`(program)`, `(garbage collector)`, `(idle)`).
  return { totalMs, ranked: rank(byFunction), files: rank(byFile), inclusive: rank(inclusive), groups: grouped };
}

/** @param {ProfileNode['callFrame']} frame */
function scriptName(frame) {
  return frame.url ? frame.url.replace(/[?#].*$/, '').replace(/^.*\//, '') : '';
}

/** @param {ProfileNode['callFrame']} frame */
function describe(frame) {
  const file = scriptName(frame);
  return file ? `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}` : frame.functionName;
}
