// A full room for the web app benchmarks (app-roster.mjs, plugin-host.mjs): a node (`plugboard serve`,
// with a branding when given), a steady crowd of N − 2 (`plugboard bench crowd`), a host over the REST
// API who mutes and unmutes people, and the web app in headless Chromium as the N-th participant, a
// host too (the room has no PINs); the harness kept off one CPU where possible (cpus.mjs). Plus what
// both scripts do around it: their flags, stopping everything on a signal or a failure, and printing a
// report.
//
//   const room = new BenchRoom('app-roster');
//   await room.start({ participants: 1000 });
//   const person = await room.openApp();
//   await room.join(person, 'Zoe Browser');
//   await room.sendMuteUpdates(person.page, 200);
//   await room.stop();

import os from 'node:os';

import { plugboardBinary, startNode } from '../../support/node.mjs';
import { restJoin } from '../../browser/helpers/pexrtc-rest.mjs';
import { fillJoinForm, inConference, joinByLink, launchAppBrowser, openPerson } from '../../browser/helpers/app-session.mjs';
import { cpuPlan } from './cpus.mjs';
import { startCrowd } from './crowd.mjs';

export const ALIAS = 'big';
const CONFIG = `token_expiry = 120\n[[vmr]]\nname = "${ALIAS}"\n`;
/** Spacing between updates, so that each one's frame is its own. */
const UPDATE_SPACING_MS = 60;

/** Where the harness runs (see cpus.mjs). */
const CPUS = cpuPlan();

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class BenchRoom {
  /** @param {string} script the benchmark's name, for messages */
  constructor(script) {
    this.script = script;
    this.binary = plugboardBinary();
    /** @type {Awaited<ReturnType<typeof startNode>> | undefined} */
    this.node = undefined;
    /** @type {import('./crowd.mjs').RunningCrowd[]} */
    this.crowds = [];
    /** @type {Awaited<ReturnType<typeof restJoin>> | undefined} */
    this.restHost = undefined;
    /** @type {import('playwright-core').Browser | undefined} */
    this.browser = undefined;
    /** @type {string[]} each stopped crowd's `label: crowd done: …` */
    this.crowdSummaries = [];
    this.crowdFailed = false;
  }

  /** The node's base URL. */
  get url() {
    if (!this.node) throw new Error('the room has no node yet');
    return this.node.url;
  }

  /** @param {string} message */
  note(message) {
    console.error(`${this.script}: ${message}`);
  }

  /**
   * Starts the node and fills the room with a steady crowd and the REST host, leaving one place for
   * the browser.
   * @param {{participants: number, branding?: string}} options `branding`: a branding folder to serve
   */
  async start({ participants, branding }) {
    this.node = await startNode({ config: CONFIG, branding, prefix: CPUS.harness });
    this.note(`node at ${this.url}; ${participants - 2} participants joining`);
    await this.addCrowd({ label: 'steady', participants: participants - 2 });
    this.restHost = await restJoin(this.url, ALIAS, 'Rita Host (REST)');
  }

  /**
   * Another crowd in the room (e.g. one that churns).
   * @param {{label: string, participants: number, churnPerMinute?: number, namePrefix?: string}} options
   */
  async addCrowd(options) {
    this.crowds.push(await startCrowd({ binary: this.binary, target: this.url, alias: ALIAS, prefix: CPUS.harness, ...options }));
  }

  /** Throws when a crowd stopped on its own. */
  checkCrowds() {
    for (const crowd of this.crowds) {
      if (!crowd.running()) throw new Error(`crowd ${crowd.label} stopped during the run`);
    }
  }

  /** The REST host, while it is in the room. */
  get host() {
    if (!this.restHost) throw new Error('the REST host is not in the room');
    return this.restHost;
  }

  /** The REST host leaves the room. */
  async leaveHost() {
    const host = this.restHost;
    this.restHost = undefined;
    await host?.leave();
  }

  /**
   * Launches Chromium and opens a person's page (not joined yet).
   * @returns {Promise<import('../../browser/helpers/app-session.mjs').Person>}
   */
  async openApp() {
    this.browser = await launchAppBrowser();
    return openPerson(this.browser, 'bench');
  }

  /**
   * Joins and waits until the person is in the conference: with the direct link (`…?name=&join=1`),
   * or through the home page's form once the app has read its branding (as when someone types their
   * name first).
   * @param {import('../../browser/helpers/app-session.mjs').Person} person
   * @param {string} name
   * @param {'link' | 'form'} [how]
   */
  async join(person, name, how = 'link') {
    await isolateNextDocument(person.page, this.url);
    if (how === 'link') {
      await joinByLink(person, this.url, ALIAS, name);
    } else {
      await person.page.goto(`${this.url}/webapp2/`);
      await person.page.evaluate(() => /** @type {any} */ (window).plugboardApp.plugins.ready);
      await fillJoinForm(person, ALIAS, name);
    }
    await inConference(person);
  }

  /**
   * Waits until the page lists `count` participants; the page's `performance.now()` then.
   * @param {import('playwright-core').Page} page
   * @param {number} count
   */
  async waitListed(page, count) {
    const listedAt = await page.waitForFunction(
      (n) => document.querySelectorAll('.pex-roster-list__user').length === n && performance.now(),
      count,
      { timeout: 120_000 },
    );
    return /** @type {number} */ (await listedAt.jsonValue());
  }

  /**
   * The crowd in the roster, as the REST host sees it: everyone but the host and, when `page` is given,
   * the person in it.
   * @param {import('playwright-core').Page} [page]
   * @returns {Promise<{uuid: string, name: string}[]>}
   */
  async crowdMembers(page) {
    const selfUuid = page ? await page.evaluate(() => /** @type {any} */ (window).PEX.selfUUID) : undefined;
    const roster = await this.host.get('participants');
    /** @type {{uuid: string, display_name: string}[]} */
    const everyone = roster.json.result;
    return everyone
      .filter((p) => p.uuid !== selfUuid && p.uuid !== this.host.uuid)
      .map((p) => ({ uuid: p.uuid, name: p.display_name }));
  }

  /**
   * The REST host mutes and unmutes crowd participants, `count` updates UPDATE_SPACING_MS apart.
   * @param {import('playwright-core').Page} page
   * @param {number} count
   */
  async sendMuteUpdates(page, count) {
    const targets = (await this.crowdMembers(page)).map((p) => p.uuid);
    if (targets.length === 0) throw new Error('no crowd participants to mute');
    this.note(`sending ${count} mute/unmute updates`);
    for (let i = 0; i < count; i++) {
      const uuid = targets[(Math.floor(i / 2) * 37) % targets.length];
      const reply = await this.host.post(`participants/${uuid}/${i % 2 ? 'unmute' : 'mute'}`);
      if (reply.status !== 200) throw new Error(`mute request ${i} answered ${reply.status}`);
      await sleep(UPDATE_SPACING_MS);
    }
  }

  /** Stops everything started, browser first; crowd summaries go to `crowdSummaries`. */
  async stop() {
    await this.browser?.close().catch(() => {});
    this.browser = undefined;
    for (const crowd of this.crowds.splice(0)) {
      const { code, summary } = await crowd.stop();
      this.crowdSummaries.push(`${crowd.label}: ${summary}`);
      if (code !== 0) this.crowdFailed = true;
    }
    await this.leaveHost().catch(() => {});
    await this.node?.stop();
    this.node = undefined;
  }

  /** Throws when a crowd reported failures. */
  checkCrowdSummaries() {
    if (this.crowdFailed) throw new Error('a crowd reported failures (see its summary above)');
  }
}

/**
 * The next page the app loads is served cross-origin isolated (COOP + COEP headers added by Playwright
 * to that one response; everything the app loads comes from the node's own origin, which COEP allows):
 * Chromium then gives `performance.now()` a resolution of 5 µs instead of 100 µs, which matters for
 * handlers well under a millisecond timed as sums of many short spans.
 * @param {import('playwright-core').Page} page
 * @param {string} url the node's base URL
 */
async function isolateNextDocument(page, url) {
  await page.route(
    (target) => target.href.startsWith(`${url}/webapp2/`),
    async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
      await route.fulfill({ response, headers });
    },
    { times: 1 },
  );
}

/**
 * What `performance.now()` resolves in the page, for the report.
 * @param {import('playwright-core').Page} page
 */
export async function pageClock(page) {
  const isolated = await page.evaluate(() => crossOriginIsolated);
  return isolated ? 'performance.now() to 5 µs (page cross-origin isolated)' : 'performance.now() to 100 µs (page not cross-origin isolated)';
}

/**
 * Runs a benchmark's `main` with the room(s) that `current` names stopped on SIGINT, SIGTERM and
 * failures; on a failure the node's last output is printed and the exit code is 1.
 * @param {string} script
 * @param {() => BenchRoom | undefined} current the room running now
 * @param {() => Promise<void>} main
 */
export function runBenchmark(script, current, main) {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      console.error(`${script}: ${signal}: stopping`);
      (current()?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }
  main().catch(async (error) => {
    console.error(`${script}: failed: ${error instanceof Error ? error.stack ?? error.message : error}`);
    const room = current();
    const output = room?.node?.output();
    await room?.stop();
    for (const summary of room?.crowdSummaries ?? []) console.error(`${script}: crowd ${summary}`);
    if (output) console.error(`${script}: the node's last output:\n${output.slice(-4000)}`);
    process.exitCode = 1;
  });
}

/**
 * A number flag of at least `least` (`parseArgs` gives strings); exits with 2 otherwise.
 * @param {string} script
 * @param {Record<string, string | boolean | undefined>} flags
 * @param {string} name
 * @param {number} least
 */
export function numberFlag(script, flags, name, least) {
  const value = Number(flags[name]);
  if (!Number.isFinite(value) || value < least) {
    console.error(`${script}: --${name} must be a number of at least ${least}, not ${flags[name]}`);
    process.exit(2);
  }
  return value;
}

/**
 * The machine, for the report.
 * @param {string} chromiumVersion
 */
export function machine(chromiumVersion) {
  return `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Chromium ${chromiumVersion}; ${CPUS.description}`;
}

/** @param {number[]} load */
export function loadAverage(load) {
  return load.map((l) => l.toFixed(2)).join(' ');
}

/**
 * Prints a report: a title, then aligned `label  value` rows.
 * @param {string} title
 * @param {[string, string][]} rows
 */
export function printReport(title, rows) {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}
