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

import { plugboardBinary, startNode } from '../support/node.mjs';
import { restJoin } from '../browser/helpers/pexrtc-rest.mjs';
import { inConference, joinByLink, launchAppBrowser, openPerson } from '../browser/helpers/app-session.mjs';
import { startCrowd } from './support/crowd.mjs';
import { openMemoryProbe } from './support/memory.mjs';
import { installEventTimers, readEventTimings, waitForTimings } from './support/page-timing.mjs';
import { profilePage } from './support/profile.mjs';
import { formatMiB, formatMs, slope, summarize } from './support/stats.mjs';

const ALIAS = 'big';
const CONFIG = `token_expiry = 120\n[[vmr]]\nname = "${ALIAS}"\n`;
const UPDATE_TARGET_MS = 16;
const SAMPLE_EVERY_MS = 30_000;
/** Spacing between updates, so that each one's frame is its own. */
const UPDATE_SPACING_MS = 60;
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
const PARTICIPANTS = positive('participants', 4);
const MINUTES = positive('minutes', 0.5);
const CHURN_PER_MINUTE = positive('churn-per-minute', 1);
const UPDATES = positive('updates', 20);
const PROFILE_S = positive('profile-s', 0);

/**
 * @param {'participants' | 'minutes' | 'churn-per-minute' | 'updates' | 'profile-s'} name
 * @param {number} least
 */
function positive(name, least) {
  const value = Number(flags[name]);
  if (!Number.isFinite(value) || value < least) {
    console.error(`app-roster: --${name} must be a number of at least ${least}, not ${flags[name]}`);
    process.exit(2);
  }
  return value;
}

/** Everything started, in the order it must be stopped. */
const running = {
  /** @type {import('playwright-core').Browser | undefined} */ browser: undefined,
  /** @type {import('./support/crowd.mjs').RunningCrowd[]} */ crowds: [],
  /** @type {Awaited<ReturnType<typeof restJoin>> | undefined} */ restHost: undefined,
  /** @type {Awaited<ReturnType<typeof startNode>> | undefined} */ node: undefined,
};

/** @type {string[]} */
const crowdSummaries = [];
let crowdFailed = false;

async function stopEverything() {
  await running.browser?.close().catch(() => {});
  running.browser = undefined;
  for (const crowd of running.crowds.splice(0)) {
    const { code, summary } = await crowd.stop();
    crowdSummaries.push(`${crowd.label}: ${summary}`);
    if (code !== 0) crowdFailed = true;
  }
  await running.restHost?.leave().catch(() => {});
  running.restHost = undefined;
  await running.node?.stop();
  running.node = undefined;
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    console.error(`app-roster: ${signal}: stopping`);
    stopEverything().finally(() => process.exit(130));
  });
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} message */
const note = (message) => console.error(`app-roster: ${message}`);

async function main() {
  const loadAtStart = os.loadavg();
  const binary = plugboardBinary();
  running.node = await startNode({ config: CONFIG });
  const target = running.node.url;
  note(`node at ${target}; ${PARTICIPANTS - 2} participants joining`);

  running.crowds.push(
    await startCrowd({ binary, label: 'steady', target, alias: ALIAS, participants: PARTICIPANTS - 2 }),
  );
  running.restHost = await restJoin(target, ALIAS, 'Rita Host (REST)');
  const host = running.restHost;

  running.browser = await launchAppBrowser();
  const chromiumVersion = running.browser.version();
  const person = await openPerson(running.browser, 'bench');
  const { page } = person;

  // (a) From opening the link until every participant is listed.
  note('opening the web app');
  const opened = performance.now();
  await joinByLink(person, target, ALIAS, 'Zoe Browser');
  await inConference(person);
  const listedAt = await page.waitForFunction(
    (n) => document.querySelectorAll('.pex-roster-list__user').length === n && performance.now(),
    PARTICIPANTS,
    { timeout: 120_000 },
  );
  const listedMs = performance.now() - opened;
  const listedInPageMs = /** @type {number} */ (await listedAt.jsonValue());
  note(`all ${PARTICIPANTS} listed ${listedMs.toFixed(0)} ms after opening the link`);

  // (b) participant_update: the REST host mutes and unmutes crowd participants.
  await installEventTimers(page);
  const selfUuid = await page.evaluate(() => /** @type {any} */ (window).PEX.selfUUID);
  const roster = await host.get('participants');
  /** @type {string[]} */
  const targets = roster.json.result
    .map((/** @type {{uuid: string}} */ p) => p.uuid)
    .filter((/** @type {string} */ uuid) => uuid !== selfUuid && uuid !== host.uuid);
  if (targets.length === 0) throw new Error('no crowd participants to mute');
  note(`sending ${UPDATES} mute/unmute updates`);
  for (let i = 0; i < UPDATES; i++) {
    const uuid = targets[(Math.floor(i / 2) * 37) % targets.length];
    const reply = await host.post(`participants/${uuid}/${i % 2 ? 'unmute' : 'mute'}`);
    if (reply.status !== 200) throw new Error(`mute request ${i} answered ${reply.status}`);
    await sleep(UPDATE_SPACING_MS);
  }
  await waitForTimings(page, 'update', UPDATES);
  const updateTimings = await readEventTimings(page);
  const update = summarize(updateTimings.handler.update);
  const updateWithFrame = summarize(updateTimings.withFrame.update);

  // (c) Memory over M minutes of joins and leaves, with the room at N.
  await host.leave();
  running.restHost = undefined;
  running.crowds.push(
    await startCrowd({
      binary,
      label: 'churn',
      target,
      alias: ALIAS,
      participants: 1,
      churnPerMinute: CHURN_PER_MINUTE,
      namePrefix: 'Visitor',
    }),
  );
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
    for (const crowd of running.crowds) {
      if (!crowd.running()) throw new Error(`crowd ${crowd.label} stopped during the run`);
    }
    const sample = { ...(await memory.sample()), minutes: (performance.now() - churnStarted) / 60_000 };
    samples.push(sample);
    printSample(sample);
  }
  await profiled;
  const churnTimings = await readEventTimings(page);
  await memory.detach();
  const errors = [...person.errors];
  const loadAtEnd = os.loadavg();
  await stopEverything();

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
    loadAtStart,
    loadAtEnd,
  });
  if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
  if (crowdFailed) throw new Error('a crowd reported failures (see its summary above)');
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
 *   chromiumVersion: string, loadAtStart: number[], loadAtEnd: number[]}} r
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
  const rows = [
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
    ['crowds', crowdSummaries.join('; ')],
    ['machine', `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Chromium ${r.chromiumVersion}`],
    ['load average', `${r.loadAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ${r.loadAtEnd.map((l) => l.toFixed(2)).join(' ')} at end`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('\nPlugboard web app roster benchmark');
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  const updateMet = r.updateWithFrame.p95 <= UPDATE_TARGET_MS;
  const flat = Math.abs(growth) < FLAT_GROWTH_BYTES;
  console.log(`\ntarget participant_update p95 ≤ ${UPDATE_TARGET_MS} ms (handler + frame): ${updateMet ? 'met' : 'MISSED'} (${formatMs(r.updateWithFrame.p95)})`);
  console.log(`target memory flat (fitted growth under ${formatMiB(FLAT_GROWTH_BYTES)} over the run): ${flat ? 'met' : 'MISSED'} (${(growth / 1024).toFixed(0)} KiB)`);
}

main().catch(async (error) => {
  console.error(`app-roster: failed: ${error instanceof Error ? error.stack ?? error.message : error}`);
  const output = running.node?.output();
  await stopEverything();
  for (const summary of crowdSummaries) console.error(`app-roster: crowd ${summary}`);
  if (output) console.error(`app-roster: the node's last output:\n${output.slice(-4000)}`);
  process.exitCode = 1;
});
