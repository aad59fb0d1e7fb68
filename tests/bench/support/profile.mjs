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
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await cdp.send('Profiler.start');
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  const { profile } = /** @type {{profile: Profile}} */ (await cdp.send('Profiler.stop'));
  await cdp.detach();
  writeFileSync(file, JSON.stringify(profile));
  return selfTimes(profile);
}

/**
 * Self time per function (name and place), most first, in milliseconds.
 * @param {Profile} profile
 */
export function selfTimes(profile) {
  /** @type {Map<number, ProfileNode>} */
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  profile.samples.forEach((id, index) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url ? frame.url.replace(/^.*\//, '') : '';
    const key = file ? `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}` : frame.functionName;
    // Each sample's delta is the time since the previous one, in microseconds.
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  });
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const ranked = [...byFunction].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs, ranked };
}
