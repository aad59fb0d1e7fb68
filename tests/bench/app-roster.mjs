// The web app's roster benchmark (issue 4, item 7): with N participants in the room the app lists them
// all, applies participant_update events within a frame's budget, and keeps its memory flat over M
// minutes of joins and leaves. Prints figures for BENCHMARKS.md; not a test (the runner does not pick it
// up). Run it with `cargo xtask bench app`, or by hand:
//
//   PLUGBOARD_BIN=target/release/plugboard node tests/bench/app-roster.mjs [--participants 1000]
//     [--minutes 10] [--churn-per-minute 120] [--updates 200] [--profile-s 30]
//
// `--profile-s S` records a CPU profile of the page over the first S seconds of churn and prints where
// the time went (this slows the page meanwhile: use it to explain figures, not to take them).
// The room holds N: a steady crowd of N − 2 (`plugboard bench crowd`), the person in the browser, and a
// REST host who mutes and unmutes people for the update timings. Then the REST host leaves and a crowd of
// one replacing itself C times a minute comes in, for the memory phase.

import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { openMemoryProbe } from './support/memory.mjs';
import { installEventTimers, readEventTimings, waitForTimings } from './support/page-timing.mjs';
import { profilePage } from './support/profile.mjs';
import { BenchRoom, loadAverage, machine, numberFlag, pageClock, printReport, runBenchmark, sleep } from './support/room.mjs';
import { formatMiB, formatMs, slope, summarize } from './support/stats.mjs';

const SCRIPT = 'app-roster';
const UPDATE_TARGET_MS = 16;
const SAMPLE_EVERY_MS = 30_000;
/** The memory is called flat when the fitted line grows less than this over the whole run. */
const FLAT_GROWTH_BYTES = 1024 * 1024;

const { values: flags } = parseArgs({
  options: {
    participants: { type: 'string', default: '1000' },
    minutes: { type: 'string', default: '10' },
    'churn-per-minute': { type: 'string', default: '120' },
    updates: { type: 'string', default: '200' },
    'profile-s': { type: 'string', default: '0' },
  },
});
const PARTICIPANTS = numberFlag(SCRIPT, flags, 'participants', 4);
const MINUTES = numberFlag(SCRIPT, flags, 'minutes', 0.5);
const CHURN_PER_MINUTE = numberFlag(SCRIPT, flags, 'churn-per-minute', 1);
const UPDATES = numberFlag(SCRIPT, flags, 'updates', 20);
const PROFILE_S = numberFlag(SCRIPT, flags, 'profile-s', 0);

const room = new BenchRoom(SCRIPT);

/** @param {string} message */
const note = (message) => room.note(message);

async function main() {
  const loadAtStart = os.loadavg();
  await room.start({ participants: PARTICIPANTS });
  const person = await room.openApp();
  const chromiumVersion = room.browser?.version() ?? 'unknown';
  const { page } = person;

  // (a) From opening the link until every participant is listed.
  note('opening the web app');
  const opened = performance.now();
  await room.join(person, 'Zoe Browser');
  const listedInPageMs = await room.waitListed(page, PARTICIPANTS);
  const listedMs = performance.now() - opened;
  note(`all ${PARTICIPANTS} listed ${listedMs.toFixed(0)} ms after opening the link`);

  // (b) participant_update: the REST host mutes and unmutes crowd participants.
  const clock = await pageClock(page);
  await installEventTimers(page);
  await room.sendMuteUpdates(page, UPDATES);
  await waitForTimings(page, 'update', UPDATES);
  const updateTimings = await readEventTimings(page);
  const update = summarize(updateTimings.handler.update);
  const updateWithFrame = summarize(updateTimings.withFrame.update);

  // (c) Memory over M minutes of joins and leaves, with the room at N.
  await room.leaveHost();
  await room.addCrowd({ label: 'churn', participants: 1, churnPerMinute: CHURN_PER_MINUTE, namePrefix: 'Visitor' });
  const memory = await openMemoryProbe(page);
  const churnStarted = performance.now();
  const profiled = PROFILE_S > 0 ? profileChurn(page) : Promise.resolve();
  /** @type {(import('./support/memory.mjs').MemorySample & {minutes: number})[]} */
  const samples = [];
  note(`memory phase: ${MINUTES} min of churn at ${CHURN_PER_MINUTE}/min, a sample every ${SAMPLE_EVERY_MS / 1000} s`);
  printSampleHeader();
  for (let due = 0; due <= MINUTES * 60_000; due += SAMPLE_EVERY_MS) {
    const wait = churnStarted + due - performance.now();
    if (wait > 0) await sleep(wait);
    room.checkCrowds();
    const sample = { ...(await memory.sample()), minutes: (performance.now() - churnStarted) / 60_000 };
    samples.push(sample);
    printSample(sample);
  }
  await profiled;
  const churnTimings = await readEventTimings(page);
  await memory.detach();
  const errors = [...person.errors];
  const loadAtEnd = os.loadavg();
  await room.stop();

  report({
    listedMs,
    listedInPageMs,
    update,
    updateWithFrame,
    createHandler: summarize(churnTimings.handler.create),
    create: summarize(churnTimings.withFrame.create),
    removeHandler: summarize(churnTimings.handler.delete),
    remove: summarize(churnTimings.withFrame.delete),
    samples,
    chromiumVersion,
    clock,
    loadAtStart,
    loadAtEnd,
  });
  if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
  room.checkCrowdSummaries();
}

const COLUMN = 15;

/**
 * Profiles the page during churn and prints the functions with the most self time.
 * @param {import('playwright-core').Page} page
 */
async function profileChurn(page) {
  const file = join(os.tmpdir(), `app-roster-${Date.now()}.cpuprofile`);
  const { totalMs, ranked } = await profilePage(page, PROFILE_S * 1000, file);
  note(`CPU profile of ${(totalMs / 1000).toFixed(1)} s of churn in ${file}; most self time:`);
  for (const { name, ms } of ranked.slice(0, 25)) {
    note(`  ${ms.toFixed(1).padStart(9)} ms  ${((100 * ms) / totalMs).toFixed(1).padStart(5)} %  ${name}`);
  }
}

function printSampleHeader() {
  console.log(['t (min)', 'JS heap used', 'JS heap total', 'DOM nodes', 'listeners', 'documents', 'roster'].map((h) => h.padStart(COLUMN)).join(''));
}

/** @param {import('./support/memory.mjs').MemorySample & {minutes: number}} s */
function printSample(s) {
  const cells = [s.minutes.toFixed(1), formatMiB(s.heapUsed), formatMiB(s.heapTotal), s.nodes, s.listeners, s.documents, s.roster];
  console.log(cells.map((c) => String(c).padStart(COLUMN)).join(''));
}

/**
 * @param {{listedMs: number, listedInPageMs: number,
 *   update: ReturnType<typeof summarize>, updateWithFrame: ReturnType<typeof summarize>,
 *   createHandler: ReturnType<typeof summarize>, create: ReturnType<typeof summarize>,
 *   removeHandler: ReturnType<typeof summarize>, remove: ReturnType<typeof summarize>,
 *   samples: (import('./support/memory.mjs').MemorySample & {minutes: number})[],
 *   chromiumVersion: string, clock: string, loadAtStart: number[], loadAtEnd: number[]}} r
 */
function report(r) {
  const first = r.samples[0];
  const last = r.samples[r.samples.length - 1];
  const heapSlope = slope(r.samples.map((s) => ({ x: s.minutes, y: s.heapUsed })));
  const growth = heapSlope * (last.minutes - first.minutes);
  const maxHeap = Math.max(...r.samples.map((s) => s.heapUsed));
  const perChurn = heapSlope / CHURN_PER_MINUTE;
  /** @param {ReturnType<typeof summarize>} s */
  const line = (s) => `p50 ${formatMs(s.p50)}   p95 ${formatMs(s.p95)}   max ${formatMs(s.max)}   (${s.count} events)`;
  const rows = /** @type {[string, string][]} */ ([
    ['participants', `${PARTICIPANTS} (steady crowd ${PARTICIPANTS - 2}, REST host or churning visitor, the browser)`],
    ['roster listed', `${r.listedMs.toFixed(0)} ms after opening the link (${r.listedInPageMs.toFixed(0)} ms after the page's navigation start)`],
    ['participant_update, handler', line(r.update)],
    ['participant_update, + frame', line(r.updateWithFrame)],
    ['participant_create, handler', line(r.createHandler)],
    ['participant_create, + frame', line(r.create)],
    ['participant_delete, handler', line(r.removeHandler)],
    ['participant_delete, + frame', line(r.remove)],
    ['JS heap (after GC)', `first ${formatMiB(first.heapUsed)}, last ${formatMiB(last.heapUsed)}, max ${formatMiB(maxHeap)}`],
    ['JS heap slope', `${(heapSlope / 1024).toFixed(1)} KiB/min over ${last.minutes.toFixed(1)} min (${perChurn.toFixed(0)} bytes per join+leave at ${CHURN_PER_MINUTE}/min)`],
    ['DOM nodes', `first ${first.nodes}, last ${last.nodes}; listeners first ${first.listeners}, last ${last.listeners}`],
    ['crowds', room.crowdSummaries.join('; ')],
    ['machine', machine(r.chromiumVersion)],
    ['clock', r.clock],
    ['load average', `${loadAverage(r.loadAtStart)} at start, ${loadAverage(r.loadAtEnd)} at end`],
  ]);
  printReport('Plugboard web app roster benchmark', rows);
  const updateMet = r.updateWithFrame.p95 <= UPDATE_TARGET_MS;
  const flat = Math.abs(growth) < FLAT_GROWTH_BYTES;
  console.log(`\ntarget participant_update p95 ≤ ${UPDATE_TARGET_MS} ms (handler + frame): ${updateMet ? 'met' : 'MISSED'} (${formatMs(r.updateWithFrame.p95)})`);
  console.log(`target memory flat (fitted growth under ${formatMiB(FLAT_GROWTH_BYTES)} over the run): ${flat ? 'met' : 'MISSED'} (${(growth / 1024).toFixed(0)} KiB)`);
}

runBenchmark(SCRIPT, () => room, main);
