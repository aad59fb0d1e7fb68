// A branding deployed to a web app path: `plugboard deploy examples/branding --path sales`, then a
// person opens /sales/ and meets the plugins there, also after the node restarted. The app keeps its
// URLs under /sales/ (conference page, meeting link).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { plugboardBinary, startNode } from '../support/node.mjs';
import { inConference, launchAppBrowser, openPerson, shot } from './helpers/app-session.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const EXAMPLE = resolve(here, '../../examples/branding');
const PASSWORD = 'correct horse battery';

/** @param {string[]} args @param {string} [input] */
const plugboard = (args, input) => execFileSync(plugboardBinary(), args, { encoding: 'utf8', input });

describe('a branding deployed to /sales/', { concurrency: false }, () => {
  /** @type {string} */
  let dir;
  /** @type {string} */
  let config;
  /** @type {Awaited<ReturnType<typeof startNode>>} */
  let node;
  /** @type {import('playwright-core').Browser} */
  let browser;

  const start = () => startNode({ config, data: join(dir, 'data') });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plugboard-management-'));
    const hash = plugboard(['admin', 'hash-password'], PASSWORD).trim();
    config = `[[admin.users]]\nname = "admin"\npassword_hash = "${hash}"\n[[vmr]]\nname = "meet"\n`;
    cpSync(EXAMPLE, join(dir, 'branding'), { recursive: true });
    node = await start();
    browser = await launchAppBrowser();
  });

  after(async () => {
    await browser?.close();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Join /sales/'s meeting and wait for the toolbar's plugin buttons. */
  async function joinSales() {
    const person = await openPerson(browser, 'sales');
    await person.page.goto(`${node.url}/sales/conference/meet?name=Sam%20Sales&join=1`);
    await inConference(person);
    await person.page.locator('[data-plugin-slot="toolbar"] button[data-plugin-id="recording"]').waitFor();
    return person;
  }

  test('deploy prints the URL of the path', () => {
    const out = plugboard(['deploy', join(dir, 'branding'), '--to', node.url, '--user', 'admin', '--password', PASSWORD, '--path', 'sales']);
    assert.match(out, new RegExp(`open ${node.url}/sales/`));
  });

  test('/sales/ shows the deployed plugins and keeps its URLs under /sales/', async () => {
    const person = await joinSales();
    const ids = await person.page.locator('[data-plugin-slot="toolbar"] button').evaluateAll((buttons) =>
      buttons.map((b) => /** @type {HTMLElement} */ (b).dataset.pluginId),
    );
    assert.ok(ids.includes('lock-toggle'), `toolbar plugins: ${ids}`);
    assert.equal(new URL(person.page.url()).pathname, '/sales/conference/meet');
    await shot(person, 'plugins-web-app-path');
    assert.deepEqual(person.errors, []);
    await person.context.close();
  });

  test('after a restart, /sales/ still has them', async () => {
    await node.stop();
    node = await start();
    const person = await joinSales();
    assert.deepEqual(person.errors, []);
    await person.context.close();
  });
});
