// The plugin host under test: a node serving a branding package of test plugins
// (tests/fixtures/plugin-host), people in the web app, and what the plugins recorded.
//
//   const suite = await startPluginSuite();                      // fixture branding, numbered rooms
//   const host = await suite.join('host', rooms.pinned(), 'Hannah Host', HOST_PIN);
//   await pluginItem(host, 'probe', 'fromToolbar').click();
//   const entry = await waitForLog(host, 'probe', 'action');
//   await suite.stop();                                          // asserts no unexpected page errors
//
// The test plugins push `{plugin, event, data}` onto `window.__pluginLog`.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startNode } from '../../support/node.mjs';
import { inConference, joinByLink, launchAppBrowser, openPerson, rosterEntry, showPanel } from './app-session.mjs';
import { roomsConfig } from './pexrtc-rooms.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** The fixture branding package (a folder with `webapp2/`). */
export const FIXTURE = resolve(here, '../../fixtures/plugin-host');
/** The example branding package `plugboard serve` shows by default. */
export const EXAMPLES = resolve(here, '../../../examples/branding');

/** @typedef {import('./app-session.mjs').Person} Person */
/** @typedef {{plugin: string, event: string, data: any}} LogEntry */

/**
 * A temporary copy of a branding package whose settings.json lists `plugins` (id → enabled),
 * each at `plugins/<id>/<id>.plugin.package.json` unless `srcURL` says otherwise.
 * @param {Record<string, boolean | {enabled: boolean, srcURL: string}>} plugins
 * @param {{from?: string}} [options]  `from`: the package to copy (default: the fixture)
 * @returns {{dir: string, remove: () => void}}
 */
export function brandingCopy(plugins, { from = FIXTURE } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'plugboard-branding-'));
  cpSync(resolve(from, 'webapp2'), join(dir, 'webapp2'), { recursive: true });
  const list = Object.entries(plugins).map(([id, entry]) =>
    typeof entry === 'boolean'
      ? { id, srcURL: `plugins/${id}/${id}.plugin.package.json`, enabled: entry }
      : { id, srcURL: entry.srcURL, enabled: entry.enabled },
  );
  writeFileSync(join(dir, 'webapp2', 'settings.json'), `${JSON.stringify({ plugins: list }, null, 2)}\n`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The node's options: `branding` and `config` as given, null for the node's defaults.
 * @param {string | null} branding
 * @param {string | null} config
 */
function nodeOptions(branding, config) {
  return { ...(branding === null ? {} : { branding }), ...(config === null ? {} : { config }) };
}

/**
 * One node and one browser for a test file.
 * @param {{branding?: string | null, config?: string | null}} [options]  `branding`: the package to
 *   serve (default: the fixture; null for the example package `plugboard serve` shows by default);
 *   `config`: the node's TOML (default: numbered rooms of pexrtc-rooms.mjs; null for the demo rooms)
 */
export async function startPluginSuite({ branding = FIXTURE, config = roomsConfig() } = {}) {
  const node = await startNode(nodeOptions(branding, config));
  const browser = await launchAppBrowser();
  /** @type {Person[]} */
  const people = [];
  /** @param {string} label */
  const person = async (label) => {
    const p = await openPerson(browser, label);
    people.push(p);
    return p;
  };
  return {
    node,
    browser,
    people,
    person,
    /**
     * A new person who joins `room` by link and is in the conference.
     * @param {string} label
     * @param {string} room
     * @param {string} name
     * @param {string} [pin]
     */
    async join(label, room, name, pin) {
      const p = await person(label);
      await enter(p, node.url, room, name, pin);
      return p;
    },
    /**
     * Close everything; then no page may have logged an error other than the plugin failures the
     * test provoked (`expectedFailures`: plugin names) and failed resource loads.
     * @param {string[]} [expectedFailures]
     */
    async stop(expectedFailures = []) {
      await browser?.close();
      await node?.stop();
      assert.deepEqual(unexpectedErrors(people, expectedFailures), [], 'no unexpected page errors');
    },
  };
}

/**
 * Join `room` by link and wait until in the conference.
 * @param {Person} p
 * @param {string} nodeUrl
 * @param {string} room
 * @param {string} name
 * @param {string} [pin]
 */
export async function enter(p, nodeUrl, room, name, pin) {
  await joinByLink(p, nodeUrl, room, name, pin);
  await inConference(p);
}

/**
 * The errors of `people` other than the host's report of an expected plugin failure
 * (`[plugboard] the plugin “Name” failed in …`).
 * @param {Person[]} people
 * @param {string[]} expectedFailures  plugin names
 */
export function unexpectedErrors(people, expectedFailures) {
  return people
    .flatMap((p) => p.errors)
    .filter((line) => !expectedFailures.some((name) => line.includes(`[plugboard] the plugin “${name}”`)));
}

/**
 * What the plugins recorded, optionally of one plugin and event.
 * @param {Person} p
 * @param {string} [plugin]
 * @param {string} [event]
 * @returns {Promise<LogEntry[]>}
 */
export function pluginLog(p, plugin, event) {
  return p.page.evaluate(
    ([pl, ev]) => (window.__pluginLog ?? []).filter((e) => (!pl || e.plugin === pl) && (!ev || e.event === ev)),
    [plugin ?? null, event ?? null],
  );
}

/**
 * Wait until `plugin` recorded `event` (at least `count` times); the last such entry.
 * @param {Person} p
 * @param {string} plugin
 * @param {string} event
 * @param {number} [count]
 * @returns {Promise<LogEntry>}
 */
export async function waitForLog(p, plugin, event, count = 1) {
  await p.page.waitForFunction(
    ([pl, ev, n]) => (window.__pluginLog ?? []).filter((e) => e.plugin === pl && e.event === ev).length >= n,
    [plugin, event, count],
  );
  const entries = await pluginLog(p, plugin, event);
  return entries[entries.length - 1];
}

/**
 * Plugin menu items rendered for `pluginId` (and `action`), anywhere in the page (not the entries
 * of Settings → Plugins, which have no action).
 * @param {Person} p
 * @param {string} pluginId
 * @param {string} [action]
 */
export function pluginItem(p, pluginId, action) {
  const actionSelector = action ? `[data-plugin-action="${action}"]` : '[data-plugin-action]';
  return p.page.locator(`[data-plugin-id="${pluginId}"]${actionSelector}`);
}

/**
 * The toolbar's plugin buttons.
 * @param {Person} p
 */
export function toolbarPlugins(p) {
  return p.page.locator('.toolbar [data-plugin-id]');
}

/**
 * Open the meeting-controls menu; the menu.
 * @param {Person} p
 */
export async function openMeetingControls(p) {
  await p.page.getByRole('button', { name: 'Meeting controls' }).click();
  const menu = p.page.getByRole('menu', { name: 'Meeting controls' });
  await menu.waitFor();
  return menu;
}

/**
 * Open the roster menu of the participant called `name`; the menu.
 * @param {Person} p
 * @param {string} name
 */
export async function openRosterMenu(p, name) {
  await showPanel(p, 'participants');
  await rosterEntry(p, name).getByRole('button', { name: `Actions for ${name}` }).click();
  const menu = p.page.getByRole('menu', { name: `Actions for ${name}` });
  await menu.waitFor();
  return menu;
}

/** @param {Person} p */
export async function closeMenus(p) {
  await p.page.keyboard.press('Escape');
  await p.page.getByRole('menu').waitFor({ state: 'detached' });
}

/**
 * Open Settings → Plugins; the dialog.
 * @param {Person} p
 */
export async function openPluginSettings(p) {
  await p.page.getByRole('button', { name: 'Settings' }).click();
  const dialog = p.page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Plugins' }).click();
  await dialog.locator('[data-settings-page="plugins"]').waitFor();
  return dialog;
}

/**
 * The Settings → Plugins entry of `pluginId` in `dialog`.
 * @param {import('playwright-core').Locator} dialog
 * @param {string} pluginId
 */
export function settingsEntry(dialog, pluginId) {
  return dialog.locator(`[data-plugin-id="${pluginId}"]`);
}

/**
 * Wait until the entry of `pluginId` has `status`.
 * @param {import('playwright-core').Locator} dialog
 * @param {string} pluginId
 * @param {'loaded' | 'disabled' | 'failed'} status
 */
export async function waitForStatus(dialog, pluginId, status) {
  await dialog.locator(`[data-plugin-id="${pluginId}"][data-plugin-status="${status}"]`).waitFor();
}

/**
 * The participant called `name` as the REST API lists it, seen by `viewer` (a RestParticipant).
 * @param {{get: (request: string) => Promise<{json: any}>}} viewer
 * @param {string} name
 */
export async function restParticipant(viewer, name) {
  const { json } = await viewer.get('participants');
  return json.result.find((/** @type {any} */ p) => p.display_name === name);
}

/**
 * Poll `probe` until it returns something truthy (for state seen from outside the page).
 * @template T
 * @param {() => Promise<T>} probe
 * @param {string} what  for the error
 * @returns {Promise<T>}
 */
export async function eventually(probe, what, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
