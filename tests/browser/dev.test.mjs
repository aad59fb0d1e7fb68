// `plugboard dev`: the branding folder served from disk. Edits reach the open app without a page
// reload (the changed plugin is unloaded and run again while the person stays in the meeting), and an
// edit that breaks the package shows its finding in the app, which keeps running.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startNode } from '../support/node.mjs';
import { inConference, joinByLink, launchAppBrowser, openPerson, shot } from './helpers/app-session.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const FIXTURE = resolve(here, '../fixtures/branding/valid/minimal');

describe('plugboard dev', { concurrency: false }, () => {
  /** @type {string} */
  let folder;
  /** @type {Awaited<ReturnType<typeof startNode>>} */
  let node;
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let person;
  const plugin = () => join(folder, 'webapp2/plugins/hello');
  const button = () => person.page.locator('button[data-plugin-id="hello"]');

  /** @param {string} file @param {(text: string) => string} change */
  const edit = (file, change) => writeFileSync(file, change(readFileSync(file, 'utf8')));

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'plugboard-dev-'));
    cpSync(FIXTURE, folder, { recursive: true });
    node = await startNode({ dev: folder });
    browser = await launchAppBrowser();
    person = await openPerson(browser, 'developer');
    await joinByLink(person, node.url, 'meet', 'Dana Developer');
    await inConference(person);
    await person.page.evaluate(() => {
      /** @type {any} */ (window).sameDocument = true;
    });
  });

  after(async () => {
    await browser?.close();
    await node?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('the plugin of the folder shows in the app', async () => {
    await assert.doesNotReject(button().waitFor());
    assert.equal(await button().getAttribute('aria-label'), 'Say hello');
  });

  test('a new label in the package file is live without a page reload', async () => {
    edit(join(plugin(), 'hello.plugin.package.json'), (text) => text.replace('"Say hello"', '"Say hi"'));
    await person.page.locator('button[data-plugin-id="hello"][aria-label="Say hi"]').waitFor();
    assert.equal(await person.page.evaluate(() => /** @type {any} */ (window).sameDocument), true);
    await inConference(person);
  });

  test('a changed script runs again, still in the same meeting', async () => {
    edit(join(plugin(), 'hello.plugin.js'), (text) =>
      text.replace('function load(participants$, conferenceDetails$) {}', 'function load(participants$, conferenceDetails$) { window.helloVersion = 2; }'),
    );
    await person.page.waitForFunction(() => /** @type {any} */ (window).helloVersion === 2);
    assert.equal(await person.page.evaluate(() => /** @type {any} */ (window).sameDocument), true);
    await button().click();
    await person.page.locator('.chat__messages li').filter({ hasText: 'Hello, 1 participants' }).first().waitFor({ state: 'attached' });
  });

  test('a broken edit shows its finding with file and line while the app keeps running', async () => {
    const settings = join(folder, 'webapp2/settings.json');
    const good = readFileSync(settings, 'utf8');
    writeFileSync(settings, good.replace('"enabled": true', '"enabled": true,,'));
    const overlay = person.page.locator('[data-dev-overlay]');
    await overlay.waitFor();
    const text = await overlay.textContent();
    assert.match(text ?? '', /settings\.json:\d+:\d+/);
    assert.match(text ?? '', /error/);
    await shot(person, 'dev-overlay');
    // The last good version keeps working.
    await button().waitFor();
    await inConference(person);

    writeFileSync(settings, good);
    await overlay.waitFor({ state: 'hidden' });
    assert.deepEqual(person.errors.filter((e) => !/\[plugboard\]/.test(e)), []);
  });
});
