// The plugin host benchmark (issue 5, item 12): with P plugins loaded and N participants in the room,
// how much the plugin host adds to the handling of a participant_update, and how soon after joining
// every plugin menu item is there. Prints figures for BENCHMARKS.md; not a test (the runner does not
// pick it up). Run it with `cargo xtask bench plugins`, or by hand:
//
//   PLUGBOARD_BIN=target/release/plugboard node tests/bench/plugin-host.mjs [--plugins 20]
//     [--participants 1000] [--updates 200] [--rounds 1] [--join link|form] [--script-kib 20]
//     [--profile]
//
// Two passes, each with a node of its own (`plugboard serve --branding DIR`) and a fresh Chromium:
// (A) a branding without plugins, (B) the package `plugboard bench check --keep-in DIR` generates, P
// plugins that subscribe to participants$ and conferenceDetails$ and derive their state$ from every
// emission (crates/cli/src/bench_package.rs). In each pass the room is filled to N as in app-roster.mjs
// (support/room.mjs), the web app joins as a host, and the page records:
//
// - joining: when the conference screen appears (`#conference-container`, seen by a MutationObserver),
//   when every plugin item carries its state-derived label — the toolbar buttons
//   (`[data-plugin-slot="toolbar"] [data-plugin-id]`), and the items the conference menu and a crowd
//   participant's roster menu draw when opened (`extensions.conferenceItems()` and
//   `extensions.participantItems()`, checked each time the host says its menus changed) — and when all
//   N are listed. The target counts from the app having joined: its conference screen with all N
//   listed, which takes the app about 300 ms with N = 1,000 with or without plugins (pass A shows it),
//   and before which the items of roster entries cannot exist; the time from the conference screen
//   alone is printed too;
// - participant_update: U mute/unmute updates from the REST host, timed as app-roster.mjs does but
//   with the microtasks they cause (support/page-timing.mjs, `microtasks`), and, in a task of its own
//   after it, the emission of participants$ to the plugins: the host builds the plugin models, the
//   plugins' subscribers run, the host redraws the toolbar (`plugins`: the *plugin task*). The time in
//   the plugins' own code is measured apart (the host runs it as the plugin: page-timing.mjs), so
//   what the host adds to an update is the p95 of B's updates, each with the plugin task after it,
//   outside plugin code, less the p95 of A's. Style and layout of what changed are in each figure.
//
// While joining, the script also asks the node for the branding's manifest.json every 20 ms and
// reports how long the answers took: the node, the crowd and Chromium share the machine, and the app
// fetches the plugin scripts during the join (the branding's JSON files come in the page; the report
// counts any fetched).
//
// `--join form` joins through the home page's form once the app has read the branding, instead of
// the direct link (`join=1`).
//
// `--rounds R` runs A, B, A, B, … R times each and pools each pass's update timings, so that a change
// of the machine's load during the run weighs on both passes alike.
//
// `--profile` records CPU profiles of joining and of the updates in both passes, prints where the time
// went and keeps the `.cpuprofile` files for DevTools (profiling slows the page: use it to explain
// figures, not to take them).

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { plugboardBinary } from '../support/node.mjs';
import { rosterEntry, showPanel } from '../browser/helpers/app-session.mjs';
import { installEventTimers, readEventTimings, waitForTimings } from './support/page-timing.mjs';
import { startProfile } from './support/profile.mjs';
import { BenchRoom, loadAverage, machine, numberFlag, pageClock, printReport, runBenchmark } from './support/room.mjs';
import { formatMs, summarize } from './support/stats.mjs';

const SCRIPT = 'plugin-host';
const UPDATE_TARGET_MS = 2;
const ITEMS_TARGET_MS = 300;
const JOIN_TIMEOUT_MS = 120_000;
const POLL_EVERY_MS = 20;
/** In a profile's stacks: a generated plugin's function, and what the app does only for plugins. */
const PLUGIN_FRAME = / bench-\d+\.plugin\.js:/;
const HOST_FRAME = / (host|api|menus|icons|plugin|package|branding|dialogs|preferences)\.js:|^(_emitPluginState|pluginParticipants) session\.js:/;
/** @type {Record<string, (stack: string[]) => boolean>} */
const PROFILE_GROUPS = {
  plugins: (stack) => stack.some((f) => PLUGIN_FRAME.test(f)),
  host: (stack) => stack.some((f) => HOST_FRAME.test(f)) && !stack.some((f) => PLUGIN_FRAME.test(f)),
};

const { values: flags } = parseArgs({
  options: {
    plugins: { type: 'string', default: '20' },
    participants: { type: 'string', default: '1000' },
    updates: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '1' },
    join: { type: 'string', default: 'link' },
    'script-kib': { type: 'string', default: '20' },
    profile: { type: 'boolean', default: false },
  },
});
const PLUGINS = numberFlag(SCRIPT, flags, 'plugins', 1);
const PARTICIPANTS = numberFlag(SCRIPT, flags, 'participants', 4);
const UPDATES = numberFlag(SCRIPT, flags, 'updates', 20);
const ROUNDS = numberFlag(SCRIPT, flags, 'rounds', 1);
if (flags.join !== 'link' && flags.join !== 'form') {
  console.error(`${SCRIPT}: --join is link or form, not ${flags.join}`);
  process.exit(2);
}
const JOIN = /** @type {'link' | 'form'} */ (flags.join);
const SCRIPT_KIB = numberFlag(SCRIPT, flags, 'script-kib', 1);

/** @param {string} message */
const note = (message) => console.error(`${SCRIPT}: ${message}`);

/** @type {BenchRoom | undefined} the pass running now */
let room;

/**
 * How many plugin items each menu location has, and what the page must see.
 * @typedef {{participants: number, toolbar: number, conference: number, roster: number, crowdUuid: string}} Expected
 */

/**
 * What the page recorded while joining, in its `performance.now()` (0 = navigation start); 0 when it
 * did not happen.
 * `scripts`: when the first plugin script was requested and the last one received (resource timing).
 * @typedef {{conference: number, toolbar: number, conferenceMenu: number, rosterMenu: number, items: number,
 *   fullRoster: number, listed: number, scripts: {requested: number, received: number}, brandingFetches: number, done: boolean,
 *   seen: string}} JoinTimeline
 */

/**
 * @typedef {object} PassResult
 * @property {string} label
 * @property {JoinTimeline} join
 * @property {number[]} handler  the updates' handler times
 * @property {number[]} withFrame  the same with their frames
 * @property {number[]} handlerPlugins  of each handler time, the part in plugin code
 * @property {import('./support/page-timing.mjs').PageTimings['pluginTask']} pluginTask  each emission
 *   of participants$ to the plugins after an update (see page-timing.mjs)
 * @property {{conference: number, roster: number}} menus  plugin items in the opened menus
 * @property {number[]} polls  how long the node took to answer each poll while the app joined
 * @property {string} chromiumVersion
 * @property {string} clock  what the page's clock resolves
 */

async function main() {
  const loadAtStart = os.loadavg();
  const dir = mkdtempSync(join(os.tmpdir(), 'plugin-host-'));
  try {
    const empty = join(dir, 'no-plugins');
    writeEmptyBranding(empty);
    const withPlugins = join(dir, 'plugins');
    const generated = generatePackage(withPlugins);
    const locations = countLocations(withPlugins);
    note(`${PLUGINS} plugins generated (${(generated.javascript_bytes / 1024).toFixed(0)} KiB of JavaScript): ${describeLocations(locations)}`);

    /** @type {PassResult[]} */
    const a = [];
    /** @type {PassResult[]} */
    const b = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const of = ROUNDS > 1 ? `, round ${round} of ${ROUNDS}` : '';
      a.push(await pass(`A (no plugins${of})`, empty, { toolbar: 0, conference: 0, roster: 0 }));
      b.push(await pass(`B (${PLUGINS} plugins${of})`, withPlugins, locations));
    }
    report(a, b, locations, generated, loadAtStart, os.loadavg());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A branding like the generated one, without plugins.
 * @param {string} root
 */
function writeEmptyBranding(root) {
  mkdirSync(join(root, 'webapp2'), { recursive: true });
  writeFileSync(join(root, 'webapp2/manifest.json'), '{\n  "brandingID": "1700000000000",\n  "isSettingsBranded": true\n}\n');
  writeFileSync(join(root, 'webapp2/settings.json'), '{\n  "plugins": []\n}\n');
}

/**
 * `plugboard bench check` writes the package (and checks it once: it must be clean).
 * @param {string} root
 * @returns {{javascript_bytes: number, errors: number, warnings: number}}
 */
function generatePackage(root) {
  const args = ['bench', 'check', '--plugins', String(PLUGINS), '--script-kib', String(SCRIPT_KIB), '--runs', '1', '--keep-in', root, '--json'];
  const out = execFileSync(plugboardBinary(), args, { encoding: 'utf8' });
  const result = JSON.parse(out);
  if (result.errors !== 0 || result.warnings !== 0) {
    throw new Error(`the generated package does not check clean: ${out.trim()}`);
  }
  return result;
}

/**
 * How many plugins of the package put their item where, read from its package files.
 * @param {string} root
 * @returns {{toolbar: number, conference: number, roster: number}}
 */
function countLocations(root) {
  const webapp2 = join(root, 'webapp2');
  /** @type {{plugins: {srcURL: string}[]}} */
  const settings = JSON.parse(readFileSync(join(webapp2, 'settings.json'), 'utf8'));
  const counts = { toolbar: 0, conference: 0, roster: 0 };
  for (const entry of settings.plugins) {
    const pkg = JSON.parse(readFileSync(join(webapp2, entry.srcURL), 'utf8'));
    /** @type {Record<string, unknown[]>} */
    const menu = pkg.menuItems ?? {};
    counts.toolbar += menu.toolbar?.length ?? 0;
    counts.conference += menu.conference?.length ?? 0;
    counts.roster += menu.participants?.length ?? 0;
  }
  return counts;
}

/** @param {{toolbar: number, conference: number, roster: number}} l */
function describeLocations(l) {
  return `${l.toolbar} toolbar buttons, ${l.conference} conference menu items, ${l.roster} roster menu items`;
}

/**
 * One pass: a node serving `branding`, the room filled, the app joining, the updates.
 * @param {string} label
 * @param {string} branding
 * @param {{toolbar: number, conference: number, roster: number}} locations
 * @returns {Promise<PassResult>}
 */
async function pass(label, branding, locations) {
  note(`pass ${label}`);
  room = new BenchRoom(SCRIPT);
  await room.start({ participants: PARTICIPANTS, branding });
  const crowd = await room.crowdMembers();
  /** @type {Expected} */
  const expected = { participants: PARTICIPANTS, ...locations, crowdUuid: crowd[0].uuid };
  const person = await room.openApp();
  const chromiumVersion = room.browser?.version() ?? 'unknown';
  const { page } = person;
  await person.context.addInitScript(watchJoining, expected);

  const joinProfiling = flags.profile ? await startProfile(page) : undefined;
  const polling = pollNode(`${room.url}/webapp2/custom_configuration/manifest.json`);
  await room.join(person, 'Zoe Browser', JOIN);
  const finished = await page
    .waitForFunction(() => /** @type {any} */ (window).__pluginBench.done, undefined, { timeout: JOIN_TIMEOUT_MS, polling: 100 })
    .then(() => true, () => false);
  const polls = await polling.stop();
  if (joinProfiling) printProfile(`joining, pass ${label}`, await joinProfiling.stop(profileFile(label, 'join')));
  /** @type {JoinTimeline} */
  const timeline = await page.evaluate(() => /** @type {any} */ (window).__pluginBench);
  if (!finished) throw new Error(`pass ${label}: not every plugin item showed within ${JOIN_TIMEOUT_MS / 1000} s: ${JSON.stringify(timeline)}`);
  note(`joined; plugin items ${(timeline.items - timeline.conference).toFixed(0)} ms and all listed ${(timeline.listed - timeline.conference).toFixed(0)} ms after the conference screen`);

  const clock = await pageClock(page);
  await installEventTimers(page, { microtasks: true, plugins: true });
  const profiling = flags.profile ? await startProfile(page) : undefined;
  await room.sendMuteUpdates(page, UPDATES);
  await waitForTimings(page, 'update', UPDATES);
  if (profiling) {
    const profile = await profiling.stop(profileFile(label, 'updates'), PROFILE_GROUPS);
    printProfile(`updates, pass ${label}`, profile);
    const each = (/** @type {number} */ ms) => `${ms.toFixed(0)} ms (${(ms / UPDATES).toFixed(2)} ms an update)`;
    note(`  JavaScript time in the plugins' own code: ${each(profile.groups.plugins)}; in the host for plugins (web/app/js/plugins/, participants$ in session.js), outside plugin code: ${each(profile.groups.host)}; style and layout are not JavaScript and not in these`);
  }
  const timings = await readEventTimings(page);

  const menus = await openedMenus(person, crowd[0].name);
  if (menus.conference !== locations.conference || menus.roster !== locations.roster) {
    throw new Error(`pass ${label}: the opened menus show ${menus.conference} conference and ${menus.roster} roster plugin items, not ${locations.conference} and ${locations.roster}`);
  }
  const errors = [...person.errors];
  room.checkCrowds();
  await room.stop();
  for (const summary of room.crowdSummaries) note(`crowd ${summary}`);
  room.checkCrowdSummaries();
  if (errors.length) throw new Error(`pass ${label}: the page reported errors:\n${errors.join('\n')}`);
  return {
    label,
    join: timeline,
    handler: timings.handler.update,
    withFrame: timings.withFrame.update,
    handlerPlugins: timings.handlerPlugins.update,
    pluginTask: timings.pluginTask,
    menus,
    polls,
    chromiumVersion,
    clock,
  };
}

/**
 * Asks for `url` every POLL_EVERY_MS until stopped; `stop` gives how long each answer took, in ms.
 * @param {string} url
 */
function pollNode(url) {
  /** @type {number[]} */
  const took = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      took.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return took;
    },
  };
}

/**
 * Runs in the page before its scripts (an init script): records the joining timeline in
 * `window.__pluginBench` and stops watching once everything is there.
 * @param {Expected} expected
 */
function watchJoining(expected) {
  const w = /** @type {any} */ (window);
  if (w.__pluginBench) return;
  /** @type {JoinTimeline} */
  const t = {
    conference: 0, toolbar: 0, conferenceMenu: 0, rosterMenu: 0, items: 0, fullRoster: 0, listed: 0,
    scripts: { requested: 0, received: 0 }, brandingFetches: 0, done: false, seen: '',
  };
  w.__pluginBench = t;
  const STATE_LABEL = /^Bench \d+ · \d+ muted of (\d+)/;
  const ROSTER_LABEL = /^(Uns|S)potlight /;
  const users = document.getElementsByClassName('pex-roster-list__user');
  /** @type {any} */
  let extensions = null;
  /** @type {(() => void) | null} */
  let stopMenus = null;

  /**
   * Whether `labels` are `count` state-derived labels; whether they count the whole roster.
   * @param {(string | null | undefined)[]} labels
   * @param {number} count
   * @param {RegExp} pattern
   */
  const judge = (labels, count, pattern) => ({
    ok: labels.length === count && labels.every((l) => pattern.test(l ?? '')),
    full: labels.every((l) => STATE_LABEL.exec(l ?? '')?.[1] === String(expected.participants)),
  });

  const checkItems = () => {
    if (!t.conference || !extensions || t.fullRoster) return;
    const now = performance.now();
    const toolbar = [...document.querySelectorAll('[data-plugin-slot="toolbar"] [data-plugin-id]')].map((b) => b.getAttribute('aria-label'));
    const onToolbar = judge(toolbar, expected.toolbar, STATE_LABEL);
    t.seen = JSON.stringify({ toolbar });
    if (onToolbar.ok && !t.toolbar) t.toolbar = now;
    // Drawing the pop-up menus' items costs more (each with its icon): only once the toolbar is there.
    if (!onToolbar.ok) return;
    /** @param {any[]} items */
    const pluginLabels = (items) => items.filter((i) => i.dataset?.pluginId).map((i) => /** @type {string} */ (i.label));
    const conference = pluginLabels(extensions.conferenceItems());
    const roster = pluginLabels(extensions.participantItems({ uuid: expected.crowdUuid }));
    t.seen = JSON.stringify({ toolbar, conference, roster });
    const inConference = judge(conference, expected.conference, STATE_LABEL);
    const inRoster = judge(roster, expected.roster, ROSTER_LABEL);
    if (inConference.ok && !t.conferenceMenu) t.conferenceMenu = now;
    if (inRoster.ok && !t.rosterMenu) t.rosterMenu = now;
    if (inConference.ok && inRoster.ok) {
      if (!t.items) t.items = now;
      if (onToolbar.full && inConference.full) t.fullRoster = now;
    }
    finish();
  };

  const finish = () => {
    if (!t.fullRoster || !t.listed || t.done) return;
    t.done = true;
    observer.disconnect();
    stopMenus?.();
    const resources = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
    t.brandingFetches = resources.filter((e) => /custom_configuration\/.*\.json(\?|$)/.test(e.name)).length;
    const scripts = resources.filter((e) => /\.plugin\.js(\?|$)/.test(e.name));
    if (scripts.length) {
      t.scripts = { requested: Math.min(...scripts.map((e) => e.startTime)), received: Math.max(...scripts.map((e) => e.responseEnd)) };
    }
  };

  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (!t.conference && document.getElementById('conference-container')) {
      t.conference = now;
      checkItems();
    }
    if (t.conference && !t.listed && users.length === expected.participants) {
      t.listed = now;
      finish();
    }
  });
  observer.observe(document, { childList: true, subtree: true });

  // The app's modules have run by DOMContentLoaded; importing one again gives the same instance.
  document.addEventListener('DOMContentLoaded', () => {
    import(new URL('js/extensions.js', document.baseURI).href).then((module) => {
      extensions = module.extensions;
      // The host redraws the toolbar, then says its menus changed, after every change of a plugin's state.
      stopMenus = extensions.on('menus', checkItems);
      checkItems();
    });
  });
}

/**
 * Opens the conference menu and a crowd participant's roster menu and counts their plugin items.
 * @param {import('../browser/helpers/app-session.mjs').Person} person
 * @param {string} name a crowd participant's name
 */
async function openedMenus(person, name) {
  const { page } = person;
  /** @param {import('playwright-core').Locator} menu */
  const pluginItems = async (menu) => {
    await menu.waitFor();
    const count = await menu.locator('[data-plugin-id]').count();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    return count;
  };
  await page.getByRole('button', { name: 'Meeting controls' }).click();
  const conference = await pluginItems(page.getByRole('menu', { name: 'Meeting controls' }));
  await showPanel(person, 'participants');
  await rosterEntry(person, name).first().getByRole('button', { name: `Actions for ${name}` }).click();
  const roster = await pluginItems(page.getByRole('menu', { name: `Actions for ${name}` }));
  return { conference, roster };
}

/**
 * Where a pass's profile of a phase goes: the temporary folder, kept.
 * @param {string} label the pass's label; its first letter names the file
 * @param {'join' | 'updates'} phase
 */
function profileFile(label, phase) {
  return join(os.tmpdir(), `plugin-host-${label[0]}-${phase}-${Date.now()}.cpuprofile`);
}

/**
 * @param {string} title
 * @param {Awaited<ReturnType<Awaited<ReturnType<typeof startProfile>>['stop']>>} profile
 */
function printProfile(title, { totalMs, ranked, files, inclusive }) {
  note(`CPU profile of ${title} (${(totalMs / 1000).toFixed(1)} s):`);
  /** @param {string} title @param {{name: string, ms: number}[]} rows @param {number} count */
  const list = (title, rows, count) => {
    note(`  ${title}`);
    for (const { name, ms } of rows.slice(0, count)) {
      note(`    ${ms.toFixed(1).padStart(9)} ms  ${((100 * ms) / totalMs).toFixed(1).padStart(5)} %  ${name}`);
    }
  };
  list('self time by script:', files, 15);
  list('self time by function:', ranked, 25);
  list('total time by function (callees included):', inclusive, 30);
}

/**
 * How long after the app had joined every plugin item was there: joined is when the conference screen
 * shows with the whole roster listed, which is what a person sees as being in the meeting (and before
 * which roster-menu items, belonging to roster entries, cannot exist). Negative when the items came first.
 * @param {PassResult} pass
 */
function itemsAfterJoined(pass) {
  // `listed` is taken only once the conference screen is there.
  return pass.join.items - pass.join.listed;
}

/**
 * What the host adds to a participant_update, p95: each of B's updates costs its handler time outside
 * plugin code plus the host's part of the plugin task that followed it (when updates shared one, the
 * last of them is charged with it); the p95 of that, less the p95 of A's handler time.
 * @param {PassResult[]} a
 * @param {PassResult[]} b
 */
function hostShare(a, b) {
  /** @param {PassResult} p the handler times outside plugin code */
  const handlerCosts = (p) => p.handler.map((ms, i) => ms - p.handlerPlugins[i]);
  /** @param {PassResult} p the host's part of each plugin task */
  const taskCosts = (p) => p.pluginTask.total.map((ms, i) => ms - p.pluginTask.plugins[i]);
  const perUpdate = b.flatMap((p) => {
    const costs = handlerCosts(p);
    taskCosts(p).forEach((ms, i) => {
      const after = p.pluginTask.after[i];
      if (after > 0 && after <= costs.length) costs[after - 1] += ms;
    });
    return costs;
  });
  const handlerA = summarize(a.flatMap((p) => p.handler)).p95;
  const withTask = summarize(perUpdate);
  return {
    handler: summarize(b.flatMap(handlerCosts)).p95 - handlerA,
    task: summarize(b.flatMap(taskCosts)),
    withTask,
    p95: withTask.p95 - handlerA,
  };
}

/**
 * @param {PassResult[]} a  the passes without plugins, one a round
 * @param {PassResult[]} b  the passes with plugins
 * @param {{toolbar: number, conference: number, roster: number}} locations
 * @param {{javascript_bytes: number}} generated
 * @param {number[]} loadAtStart
 * @param {number[]} loadAtEnd
 */
function report(a, b, locations, generated, loadAtStart, loadAtEnd) {
  /** @param {ReturnType<typeof summarize>} s @param {string} [counted] what `s` counted */
  const line = (s, counted = 'events') => `p50 ${formatMs(s.p50)}   p95 ${formatMs(s.p95)}   max ${formatMs(s.max)}   (${s.count} ${counted})`;
  /** @param {number} ms */
  const signed = (ms) => `${ms >= 0 ? '+' : '−'}${formatMs(Math.abs(ms))}`;
  /** @param {number} ms */
  const whole = (ms) => `${ms.toFixed(0)} ms`;
  /** @param {number} ms */
  const signedWhole = (ms) => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(0)} ms`;
  /** @param {number[]} values @param {(v: number) => string} show */
  const each = (values, show) => values.map(show).join(' / ');
  /** @param {PassResult[]} passes @param {'handler' | 'withFrame'} kind */
  const pooled = (passes, kind) => summarize(passes.flatMap((p) => p[kind]));
  /** @param {PassResult} p @param {'listed' | 'items' | 'toolbar' | 'conferenceMenu' | 'rosterMenu' | 'fullRoster'} at */
  const after = (p, at) => p.join[at] - p.join.conference;
  /** @param {PassResult[]} passes @param {'listed' | 'items' | 'toolbar' | 'conferenceMenu' | 'rosterMenu' | 'fullRoster'} at */
  const afterEach = (passes, at) => each(passes.map((p) => after(p, at)), whole);
  /** @param {PassResult[]} passes @param {'p50' | 'max'} which */
  const polled = (passes, which) => each(passes.map((p) => summarize(p.polls)[which]), whole);
  const handlerA = pooled(a, 'handler');
  const handlerB = pooled(b, 'handler');
  const frameA = pooled(a, 'withFrame');
  const frameB = pooled(b, 'withFrame');
  const items = b.map((p) => after(p, 'items'));
  const afterJoined = b.map(itemsAfterJoined);
  const perRound = ROUNDS > 1
    ? ` (rounds: ${each(b.map((p, i) => summarize(p.handler).p95 - summarize(a[i].handler).p95), signed)})`
    : '';
  const hostAdds = hostShare(a, b);
  const roundsAdd = ROUNDS > 1 ? ` (rounds: ${each(b.map((p, i) => hostShare([a[i]], [p]).p95), signed)})` : '';
  const tasks = b.flatMap((p) => p.pluginTask.total);
  const inPlugins = b.flatMap((p) => p.pluginTask.plugins);
  const layout = summarize(b.flatMap((p) => p.pluginTask.layout));
  const updates = b.reduce((n, p) => n + p.handler.length, 0);
  const rows = /** @type {[string, string][]} */ ([
    ['participants', `${PARTICIPANTS} (steady crowd ${PARTICIPANTS - 2}, the REST host, the browser)`],
    ['plugins (pass B)', `${PLUGINS}: ${describeLocations(locations)}; ${(generated.javascript_bytes / 1024).toFixed(0)} KiB of JavaScript`],
    ['rounds', `${ROUNDS} (A then B, each pass with a node and a browser of its own); joining ${JOIN === 'link' ? 'with the direct link' : 'through the form, the branding read'}`],
    ['A: joining', `conference screen ${each(a.map((p) => p.join.conference), whole)} after navigation start; all ${PARTICIPANTS} listed ${afterEach(a, 'listed')} after it`],
    ['B: joining', `conference screen ${each(b.map((p) => p.join.conference), whole)} after navigation start; all ${PARTICIPANTS} listed ${afterEach(b, 'listed')} after it`],
    ['B: plugin items', `all ${PLUGINS} with state labels ${each(afterJoined, signedWhole)} from the app having joined (its screen with all ${PARTICIPANTS} listed), ${each(items, whole)} after the conference screen`],
    ['B: … by location', `toolbar ${afterEach(b, 'toolbar')}; conference menu ${afterEach(b, 'conferenceMenu')}; roster menu ${afterEach(b, 'rosterMenu')}; labels counting all ${PARTICIPANTS}: ${afterEach(b, 'fullRoster')}`],
    ['B: plugin scripts', `first requested ${each(b.map((p) => p.join.scripts.requested - p.join.conference), signedWhole)}, last received ${each(b.map((p) => p.join.scripts.received - p.join.conference), signedWhole)} from the conference screen; branding JSON fetched by the page: ${each(b.map((p) => p.join.brandingFetches), String)}`],
    ['node while joining', `manifest.json polled: A answered in p50 ${polled(a, 'p50')}, max ${polled(a, 'max')}; B in p50 ${polled(b, 'p50')}, max ${polled(b, 'max')}`],
    ['A: update, handler', line(handlerA)],
    ['B: update, handler', line(handlerB)],
    ['A: update, + frame', line(frameA)],
    ['B: update, + frame', line(frameB)],
    ['B − A', `handler p50 ${signed(handlerB.p50 - handlerA.p50)}, p95 ${signed(handlerB.p95 - handlerA.p95)}${perRound}; + frame p50 ${signed(frameB.p50 - frameA.p50)}, p95 ${signed(frameB.p95 - frameA.p95)}`],
    ['B: plugin task', line(summarize(tasks), `emissions of participants$ for ${updates} updates`)],
    ['B: … plugin code', `in the plugin task ${line(summarize(inPlugins), 'emissions')}; in the handler p95 ${formatMs(summarize(b.flatMap((p) => p.handlerPlugins)).p95)}`],
    ['B: … the host', `in the plugin task, outside plugin code: ${line(hostAdds.task, 'emissions')}; of which style and layout p50 ${formatMs(layout.p50)}, p95 ${formatMs(layout.p95)}`],
    ['B: host per update', `handler and the plugin task after it, outside plugin code: ${line(hostAdds.withTask)}`],
    ['host adds', `p95 ${signed(hostAdds.p95)}${roundsAdd}: B's update with its plugin task, outside plugin code − A's update (handler alone: ${signed(hostAdds.handler)})`],
    ['opened menus (B)', `${b[0].menus.conference} plugin items in the conference menu, ${b[0].menus.roster} in a roster menu`],
    ['machine', machine(b[0].chromiumVersion)],
    ['clock', [...new Set([...a, ...b].map((p) => p.clock))].join('; ')],
    ['load average', `${loadAverage(loadAtStart)} at start, ${loadAverage(loadAtEnd)} at end`],
  ]);
  printReport('Plugboard plugin host benchmark', rows);
  const added = hostAdds.p95;
  const slowest = Math.max(...afterJoined);
  console.log(`\ntarget the host adds ≤ ${UPDATE_TARGET_MS} ms p95 to a participant_update (handler and plugin task, outside plugin code, B − A): ${added <= UPDATE_TARGET_MS ? 'met' : 'MISSED'} (${signed(added)})`);
  console.log(`target all plugin menu items ≤ ${ITEMS_TARGET_MS} ms after joining (the conference screen with everyone listed): ${slowest <= ITEMS_TARGET_MS ? 'met' : 'MISSED'} (${signedWhole(slowest)}${ROUNDS > 1 ? ', the slowest round' : ''}; ${whole(Math.max(...items))} after the conference screen alone)`);
}

runBenchmark(SCRIPT, () => room, main);
