// The plugin author's loop: `plugboard new branding` + `plugboard new plugin`, then `plugboard dev`
// serves the folder from disk. The scaffolded plugin shows in the app; edits reach the open app without
// a page reload (the changed plugin is unloaded and run again while the person stays in the meeting),
// and an edit that breaks the package shows its finding in the app, which keeps running. `--bots 5`
// brings five simulated people who talk.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { plugboardBinary, startNode } from '../support/node.mjs';
import { inConference, joinByLink, launchAppBrowser, openPerson, shot } from './helpers/app-session.mjs';

/** @param {string[]} args */
const plugboard = (args) => execFileSync(plugboardBinary(), args, { encoding: 'utf8' });

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
    folder = join(mkdtempSync(join(tmpdir(), 'plugboard-dev-')), 'branding');
    plugboard(['new', 'branding', folder]);
    plugboard(['new', 'plugin', 'hello', '--dir', folder]);
    plugboard(['check', folder, '--strict']);
    node = await startNode({ dev: folder, devArgs: ['--bots', '5', '--seed', '7'] });
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

  test('the scaffolded plugin shows in the app and works', async () => {
    await assert.doesNotReject(button().waitFor());
    assert.equal(await button().getAttribute('aria-label'), 'Hello');
    await button().click();
    const dialog = person.page.locator('dialog[data-plugin-id="hello"]');
    await dialog.getByText('In the conference:').waitFor();
    assert.match((await dialog.textContent()) ?? '', /Dana Developer/);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('five simulated people fill the roster and speak', async () => {
    await person.page.waitForFunction(() => document.querySelectorAll('.pex-roster-list__user').length === 6, undefined, {
      timeout: 30_000,
    });
    await person.page.locator('[data-speaking="true"]').first().waitFor({ timeout: 30_000 });
    await shot(person, 'dev-bots');
  });

  test('a new label in the package file is live without a page reload', async () => {
    edit(join(plugin(), 'hello.plugin.package.json'), (text) => text.replace('"label": "Hello"', '"label": "Say hi"'));
    await person.page.locator('button[data-plugin-id="hello"][aria-label="Say hi"]').waitFor();
    assert.equal(await person.page.evaluate(() => /** @type {any} */ (window).sameDocument), true);
    await inConference(person);
  });

  test('a changed script runs again, still in the same meeting', async () => {
    edit(join(plugin(), 'hello.plugin.js'), (text) => text.replace("'<p>In the conference: '", "'<p>Here now: '"));
    // The old script stays until the new one has registered; click until the new one answers.
    await person.page.waitForFunction(() => {
      const open = document.querySelector('dialog[data-plugin-id="hello"]');
      if (open?.textContent?.includes('Here now:')) return true;
      if (open) /** @type {HTMLDialogElement} */ (open).close();
      /** @type {HTMLButtonElement | null} */ (document.querySelector('button[data-plugin-id="hello"]'))?.click();
      return false;
    }, undefined, { polling: 250 });
    assert.equal(await person.page.evaluate(() => /** @type {any} */ (window).sameDocument), true);
    await inConference(person);
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
