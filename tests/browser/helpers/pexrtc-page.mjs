// A PexRTC client in a real page: headless Chromium loads the node's own
// /static/webrtc/js/pexrtc.js into a test page on the node's origin and records every callback.
//
//   const alice = await openClient(browser, node);
//   await alice.join('meet', 'Alice');                       // makeCall + onSetup + connect + onConnect + synced stream
//   await alice.call('sendChatMessage', 'hello');
//   const [message] = await bob.waitFor('onChatMessage', ([m]) => m.payload === 'hello');
//   await alice.close();
//
// The test page is not one of the node's files: Playwright fulfils
// `<node>/__pexrtc_test__/…` itself, so the page shares the node's origin (and PexRTC uses the
// page's protocol for it) without the node serving anything for the tests.

import assert from 'node:assert/strict';

export const TEST_ROOT = '/__pexrtc_test__/';
export const TEST_PAGE = `${TEST_ROOT}index.html`;
const POLL_MS = 25;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Every callback of pexrtc.md §2.7 (and the ones PexRTC declares without invoking). */
export const CALLBACKS = [
  'onSetup', 'onConnect', 'onError', 'onDisconnect', 'onCallDisconnect', 'onHoldResume',
  'onPresentation', 'onPresentationReload', 'onPresentationConnected', 'onPresentationDisconnected',
  'onScreenshareConnected', 'onScreenshareStopped', 'onScreenshareMissing', 'onRosterList',
  'onParticipantCreate', 'onParticipantUpdate', 'onParticipantDelete', 'onSyncBegin', 'onSyncEnd',
  'onChatMessage', 'onDirectMessage', 'onApplicationMessage', 'onConferenceUpdate', 'onLayoutUpdate',
  'onStageUpdate', 'onLiveCaptions', 'onFECC', 'onCallTransfer', 'onRoleUpdate', 'onAuth',
  'onSplashScreen', 'onIceRestart', 'onIceFailure', 'onMicActivity', 'onQualityLimitation',
  'onBreakoutEnd', 'onBreakoutHelp', 'onBreakoutUpdate', 'onBreakoutParticipant',
];

const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>PexRTC test page</title>
<script src="/static/webrtc/js/pexrtc.js"></script>
<script src="${TEST_ROOT}harness.js"></script>
</head>
<body></body>
</html>
`;

// Runs in the page: one PexRTC instance as `window.rtc`, every callback recorded in
// `window.calls` as {name, args} with MediaStreams summarised (they cannot leave the page).
const HARNESS_JS = `'use strict';
window.calls = [];
function summarise(value) {
  if (typeof MediaStream === 'function' && value instanceof MediaStream) {
    return { mediaStream: true, audio: value.getAudioTracks().length, video: value.getVideoTracks().length };
  }
  if (value === undefined) return { undefined: true };
  try {
    return JSON.parse(JSON.stringify(value));
  } catch (error) {
    return { unserialisable: String(value) };
  }
}
function record(name, args) {
  window.calls.push({ name: name, args: Array.prototype.map.call(args, summarise) });
}
window.rtc = new PexRTC();
window.rtc.onLog = function () {};
${JSON.stringify(CALLBACKS)}.forEach(function (name) {
  window.rtc[name] = function () { record(name, arguments); };
});
`;

/**
 * @typedef {object} Client
 * @property {import('playwright-core').Page} page
 * @property {import('playwright-core').BrowserContext} context
 * @property {string} nodeHost  `127.0.0.1:PORT`, what the page passes to makeCall
 * @property {(method: string, ...args: any[]) => Promise<any>} call  calls `rtc[method](...args)`
 * @property {(name: string) => Promise<any>} prop  reads `rtc[name]` (JSON)
 * @property {(name: string, match?: (args: any[]) => boolean, options?: WaitOptions) => Promise<any[]>} waitFor
 *   waits for a recorded callback whose arguments satisfy `match`; returns its arguments
 * @property {(name: string, since?: number) => Promise<any[][]>} calls  recorded arguments of a callback
 * @property {() => Promise<number>} mark  the number of callbacks recorded so far (for `since`)
 * @property {(conference: string, name: string, options?: JoinOptions) => Promise<void>} join
 * @property {() => Promise<void>} close  leaves (if still in a call) and closes the page
 * @property {string[]} pageErrors  uncaught exceptions in the page
 */
/** @typedef {{pin?: string|null, callType?: string}} JoinOptions */
/**
 * @typedef {object} WaitOptions
 * @property {number} [timeout]  ms (default 10 s)
 * @property {number} [since]  ignore callbacks recorded before this mark
 * @property {string[]} [failOn]  callbacks that end the wait with an error when they come first
 */

/**
 * Opens a page with a PexRTC instance, in its own browser context (like a separate person).
 * @param {import('playwright-core').Browser} browser
 * @param {{url: string}} node
 * @param {{files?: Record<string, string>, page?: string, contextOptions?: import('playwright-core').BrowserContextOptions, initScript?: string}} [options]
 *   `files`: more files under TEST_ROOT (name → content); `page`: the file to open instead of the test page
 * @returns {Promise<Client>}
 */
export async function openClient(browser, node, options = {}) {
  const context = await browser.newContext(options.contextOptions ?? {});
  const files = { 'index.html': PAGE_HTML, 'harness.js': HARNESS_JS, ...(options.files ?? {}) };
  await context.route(`${node.url}${TEST_ROOT}**`, (route) => fulfilTestFile(route, files));
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  if (options.initScript) await page.addInitScript(options.initScript);
  await page.goto(`${node.url}${TEST_ROOT}${options.page ?? 'index.html'}`);
  return clientFor(page, context, new URL(node.url).host, pageErrors);
}

/**
 * @param {import('playwright-core').Route} route
 * @param {Record<string, string>} files
 */
function fulfilTestFile(route, files) {
  const name = new URL(route.request().url()).pathname.slice(TEST_ROOT.length);
  if (!(name in files)) return route.fulfill({ status: 404, body: 'not a test file' });
  const contentType = name.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
  return route.fulfill({ status: 200, contentType, body: files[name] });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} nodeHost
 * @param {string[]} pageErrors
 * @returns {Client}
 */
function clientFor(page, context, nodeHost, pageErrors) {
  const call = (method, ...args) =>
    page.evaluate(([m, a]) => {
      const result = window.rtc[m](...a);
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    }, [method, args]);
  const prop = (name) => page.evaluate((n) => JSON.parse(JSON.stringify(window.rtc[n] ?? null)), name);
  const recorded = () => page.evaluate(() => window.calls);
  const calls = async (name, since = 0) =>
    (await recorded()).slice(since).filter((c) => c.name === name).map((c) => c.args);
  const mark = async () => (await recorded()).length;
  const waitFor = (name, match = () => true, options = {}) => waitForCallback(recorded, name, match, options);
  const client = {
    page, context, nodeHost, pageErrors, call, prop, calls, mark, waitFor,
    join: (conference, name, options) => joinConference(client, conference, name, options),
    close: async () => {
      await leaveBeforeClosing(page);
      await context.close();
      assert.deepEqual(pageErrors, [], 'no uncaught exceptions in the page');
    },
  };
  return client;
}

/**
 * Closing a context fires no pagehide and would cut the release beacon off: leave first, like a
 * closing tab does, and let the release reach the node so that rooms empty between tests.
 * @param {import('playwright-core').Page} page
 */
async function leaveBeforeClosing(page) {
  const released = page
    .waitForEvent('requestfinished', { predicate: (r) => r.url().includes('/release_token'), timeout: 3000 })
    .catch(() => null);
  const active = await page
    .evaluate(() => window.rtc?.state === 'ACTIVE' && Boolean(window.rtc.token) && (window.rtc.disconnect(), true))
    .catch(() => false);
  if (active) await released;
}

/**
 * Polls the recorded callbacks until one named `name` matches.
 * @param {() => Promise<Array<{name: string, args: any[]}>>} recorded
 * @param {string} name
 * @param {(args: any[]) => boolean} match
 * @param {WaitOptions} options
 */
async function waitForCallback(recorded, name, match, options) {
  const deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT_MS);
  const failOn = options.failOn ?? [];
  for (;;) {
    const all = await recorded();
    const found = all
      .slice(options.since ?? 0)
      .find((c) => (c.name === name && match(c.args)) || failOn.includes(c.name));
    if (found && found.name === name) return found.args;
    if (found) throw new Error(`${found.name}(${JSON.stringify(found.args)}) while waiting for ${name}`);
    if (Date.now() > deadline) {
      const seen = all.map((c) => `${c.name}(${JSON.stringify(c.args).slice(0, 160)})`).join('\n  ');
      throw new Error(`timed out waiting for ${name}; callbacks so far:\n  ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Joins like an application does: makeCall, answer onSetup with connect(pin), wait for onConnect.
 * @param {Client} client
 * @param {string} conference
 * @param {string} name
 * @param {JoinOptions} [options]
 */
export async function joinConference(client, conference, name, options = {}) {
  const since = await client.mark();
  await client.call('makeCall', client.nodeHost, conference, name, null, options.callType ?? 'none');
  const failOn = ['onError', 'onDisconnect'];
  await client.waitFor('onSetup', () => true, { since, failOn });
  await client.call('connect', options.pin ?? null);
  await client.waitFor('onConnect', () => true, { since, failOn });
  // onConnect comes before the event stream has synced; requests made earlier would show up in the
  // sync instead of as updates.
  await client.waitFor('onSyncEnd', () => true, { since, failOn });
}
