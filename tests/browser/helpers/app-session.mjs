// People using the Connect web app in real headless Chromium: each person is a browser context of
// their own (own storage, own fake camera), driven through the UI only.
//
//   const browser = await launchAppBrowser();
//   const alice = await openPerson(browser, node.url, 'alice');
//   await joinThroughForm(alice, 'secure', 'Alice', '1234');
//   await shot(alice, 'conference-host');

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchBrowser } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = resolve(here, '../../../docs/screenshots');

/** Chromium with a fake camera and microphone that are granted without asking. */
export function launchAppBrowser() {
  return launchBrowser({ args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'] });
}

/**
 * @typedef {{page: import('playwright-core').Page, context: import('playwright-core').BrowserContext,
 *   label: string, errors: string[]}} Person
 */

/**
 * A new person with their own browser context.
 * @param {import('playwright-core').Browser} browser
 * @param {string} label  for messages and screenshots
 * @param {{width?: number, height?: number, isMobile?: boolean}} [viewport]
 * @returns {Promise<Person>}
 */
export async function openPerson(browser, label, viewport = {}) {
  const context = await browser.newContext({
    viewport: { width: viewport.width ?? 1280, height: viewport.height ?? 800 },
    isMobile: viewport.isMobile ?? false,
    hasTouch: viewport.isMobile ?? false,
    deviceScaleFactor: 1,
    permissions: ['camera', 'microphone'],
  });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(`${label}: ${e.message}`));
  page.on('console', (m) => {
    // A PIN-protected room answers the first request_token with 403 and an unknown room with 404; the
    // app shows screens for both. Anything else is reported.
    if (m.type() === 'error' && !/status of 40[34]/.test(m.text())) errors.push(`${label}: console: ${m.text()}`);
  });
  page.setDefaultTimeout(10_000);
  return { page, context, label, errors };
}

/**
 * Join through the home page's form, answering the PIN prompt if `pin` is given.
 * @param {Person} person
 * @param {string} nodeUrl
 * @param {string} alias
 * @param {string} name
 * @param {string} [pin]
 */
export async function joinThroughForm(person, nodeUrl, alias, name, pin) {
  await person.page.goto(`${nodeUrl}/webapp2/`);
  await fillJoinForm(person, alias, name, pin);
}

/**
 * Joins through the home page's form, which the page shows already.
 * @param {Person} person
 * @param {string} alias
 * @param {string} name
 * @param {string} [pin]
 */
export async function fillJoinForm(person, alias, name, pin) {
  const { page } = person;
  await page.getByLabel('Meeting', { exact: true }).fill(alias);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  if (pin !== undefined) {
    await page.locator('[data-screen="pin"]').waitFor();
    await page.getByLabel('PIN', { exact: true }).fill(pin);
    await page.getByRole('button', { name: 'Join meeting' }).click();
  }
}

/**
 * Join with the direct link `/webapp2/conference/<alias>?name=&pin=&join=1`.
 * @param {Person} person
 * @param {string} nodeUrl
 * @param {string} alias
 * @param {string} name
 * @param {string} [pin]
 */
export async function joinByLink(person, nodeUrl, alias, name, pin) {
  const query = new URLSearchParams({ name, join: '1' });
  if (pin !== undefined) query.set('pin', pin);
  await person.page.goto(`${nodeUrl}/webapp2/conference/${encodeURIComponent(alias)}?${query}`);
}

/** @param {Person} person */
export async function inConference(person) {
  await person.page.locator('#conference-container').waitFor();
  await person.page.waitForFunction(() => Boolean(window.PEX?.selfUUID));
}

/**
 * The roster entry of the participant called `name`.
 * @param {Person} person
 * @param {string} name
 */
export function rosterEntry(person, name) {
  return person.page.locator('.pex-roster-list__user', { has: person.page.locator('.pex-roster-list__name', { hasText: name }) });
}

/**
 * Open the sidebar panel (`participants` or `chat`) if it is not showing.
 * @param {Person} person
 * @param {'participants' | 'chat'} panel
 */
export async function showPanel(person, panel) {
  const tab = person.page.locator(`#sidebar-tab-${panel}`);
  if (!(await tab.isVisible()) || (await tab.getAttribute('aria-selected')) !== 'true') {
    await person.page.getByRole('button', { name: panel === 'chat' ? /^Chat/ : 'Participants', exact: false }).first().click();
  }
  await person.page.locator(panel === 'chat' ? '#sidebar-panel-chat' : '#sidebar-panel-participants').waitFor();
}

/**
 * Choose an action from a participant's menu in the roster.
 * @param {Person} person
 * @param {string} name
 * @param {string | RegExp} action  the menu item's accessible name
 */
export async function participantAction(person, name, action) {
  await showPanel(person, 'participants');
  await rosterEntry(person, name).getByRole('button', { name: `Actions for ${name}` }).click();
  await person.page.getByRole('menu').getByRole('menuitem', { name: action }).click();
}

/**
 * Choose an item of the host's meeting-controls menu.
 * @param {Person} person
 * @param {string | RegExp} item
 */
export async function meetingControl(person, item) {
  await person.page.getByRole('button', { name: 'Meeting controls' }).click();
  await person.page.getByRole('menu', { name: 'Meeting controls' }).getByRole('menuitemcheckbox', { name: item }).or(
    person.page.getByRole('menu', { name: 'Meeting controls' }).getByRole('menuitem', { name: item }),
  ).click();
}

/**
 * Send a chat message from the chat panel (to the recipient currently chosen).
 * @param {Person} person
 * @param {string} text
 */
export async function sendChat(person, text) {
  await showPanel(person, 'chat');
  await person.page.getByRole('textbox', { name: 'Message' }).fill(text);
  await person.page.getByRole('button', { name: 'Send message' }).click();
}

/**
 * A screenshot into docs/screenshots/<name>.png, after animations settle.
 * @param {Person} person
 * @param {string} name
 */
export async function shot(person, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await person.page.waitForTimeout(350);
  await person.page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
}
