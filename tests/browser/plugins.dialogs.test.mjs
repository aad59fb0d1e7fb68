// PEX.pluginAPI.openTemplateDialog in the forms published plugins use: the seed document's layout
// control whose inline onclick buttons change everyone's layout, `.then(dialogRef)`,
// `.subscribe(dialogRef)`, a bare `.subscribe()`, `dialogRef.close$`, `isCloseDisabled` and
// `title: null`, `viewInit$`. The test plugin `layout-control` opens them (window.__dialogs) and records what it saw.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { shot } from './helpers/app-session.mjs';
import { openMeetingControls, pluginItem, startPluginSuite, waitForLog } from './helpers/plugin-host.mjs';
import { GUEST_PIN, HOST_PIN, roomPool } from './helpers/pexrtc-rooms.mjs';

describe('plugin dialogs', { concurrency: false }, () => {
  /** @type {Awaited<ReturnType<typeof startPluginSuite>>} */
  let suite;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let host;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let guest;

  /** The plugin dialog on the host's page. */
  const dialog = () => host.page.locator('dialog.pex-dialog--plugin');
  /** @param {'promise' | 'observable' | 'bare' | 'closeDisabled' | 'untitled'} form */
  const open = async (form) => {
    await host.page.evaluate((f) => window.__dialogs[f](), form);
    await dialog().waitFor();
  };

  before(async () => {
    suite = await startPluginSuite();
    const room = roomPool().pinned();
    host = await suite.join('host', room, 'Hannah Host', HOST_PIN);
    guest = await suite.join('guest', room, 'Gary Guest', GUEST_PIN);
  });

  after(() => suite?.stop());

  test('the layout control of the seed document: its inline onclick buttons change the layout for everyone', async () => {
    const menu = await openMeetingControls(host);
    await menu.locator('[data-plugin-id="layout-control"][data-plugin-action="openLayoutControl"]').click();
    const layoutDialog = host.page.getByRole('dialog', { name: 'Layout control' });
    await layoutDialog.waitFor();
    assert.equal(await layoutDialog.getAttribute('data-plugin-id'), 'layout-control');
    await shot(host, 'plugins-dialog-layout-control');

    await layoutDialog.getByRole('button', { name: 'Equal' }).click();
    await guest.page.waitForFunction(() => document.querySelector('#conference-stage-container')?.dataset.layout === '4:0');

    // The answer to "Equal" may still be on its way: wait for the request of "Default" itself.
    const reset = host.page.waitForResponse(
      (r) => r.url().endsWith('/transform_layout') && r.request().postData() === JSON.stringify({ transforms: {} }),
    );
    await layoutDialog.getByRole('button', { name: 'Default' }).click();
    const answer = await reset;
    assert.equal(answer.status(), 200);
    assert.deepEqual(JSON.parse(answer.request().postData() ?? 'null'), { transforms: {} });
    await guest.page.waitForFunction(() => document.querySelector('#conference-stage-container')?.dataset.layout === '1:7');

    await layoutDialog.getByRole('button', { name: 'Close' }).click();
    await layoutDialog.waitFor({ state: 'detached' });
  });

  test('Promise form: .then(dialogRef) runs once the body is in the page, viewInit$ emits; close(result) reaches close$', async () => {
    await open('promise');
    const opened = await waitForLog(host, 'layout-control', 'promise:opened');
    assert.equal(opened.data.bodyInDom, true);
    assert.equal((await waitForLog(host, 'layout-control', 'promise:viewInit')).data.bodyInDom, true);
    assert.equal(await dialog().getAttribute('aria-labelledby') !== null, true);
    await host.page.getByRole('dialog', { name: 'Stream the meeting' }).waitFor();
    await dialog().getByPlaceholder('rtmp://example.com/live').fill('rtmp://stream.example.com/all-hands');
    await shot(host, 'plugins-dialog');
    await dialog().getByRole('button', { name: 'Start' }).click();
    await dialog().waitFor({ state: 'detached' });
    const closed = await waitForLog(host, 'layout-control', 'promise:closed');
    assert.equal(closed.data.result, 'rtmp://stream.example.com/all-hands');
  });

  test('Observable form: .subscribe(dialogRef) gets the ref; Escape closes and close$ still emits', async () => {
    await open('observable');
    const opened = await waitForLog(host, 'layout-control', 'observable:opened');
    assert.equal(opened.data.bodyInDom, true);
    await host.page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    const closed = await waitForLog(host, 'layout-control', 'observable:closed');
    assert.equal(closed.data.result, null);
  });

  test('a bare .subscribe() opens the dialog all the same, and its close button closes it', async () => {
    await open('bare');
    await dialog().getByText('Nobody holds a ref to me.').waitFor();
    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  test('isCloseDisabled: no close button, Escape leaves it open, only the plugin closes it', async () => {
    await open('closeDisabled');
    const confirm = host.page.getByRole('dialog', { name: 'Please confirm' });
    assert.equal(await confirm.getByRole('button', { name: 'Close' }).count(), 0);
    await host.page.keyboard.press('Escape');
    await host.page.waitForTimeout(200);
    assert.equal(await confirm.isVisible(), true, 'Escape does not close it');
    await confirm.getByRole('button', { name: 'I understand' }).click();
    await confirm.waitFor({ state: 'detached' });
    const closed = await waitForLog(host, 'layout-control', 'closeDisabled:closed');
    assert.equal(closed.data.result, 'confirmed');
  });

  test('title: null: a dialog without a heading, named after its plugin', async () => {
    await open('untitled');
    const untitled = host.page.getByRole('dialog', { name: 'Layout control' });
    await untitled.locator('#untitled-body').waitFor();
    assert.equal(await untitled.locator('.pex-dialog__title').count(), 0);
    await host.page.waitForFunction(() => Boolean(window.__dialogs.untitledRef));
    await host.page.evaluate(() => window.__dialogs.untitledRef.close());
    await untitled.waitFor({ state: 'detached' });
  });

  test('a library the plugin loaded by a page-relative URL opens a dialog; .subscribe still gets the ref', async () => {
    await waitForLog(host, 'layout-control', 'library:loaded');
    await host.page.evaluate(() => window.__dialogHelper.open());
    const library = host.page.getByRole('dialog', { name: 'From a library' });
    await library.waitFor();
    assert.equal((await waitForLog(host, 'layout-control', 'library:opened')).data.hasClose, true);
    await library.getByRole('button', { name: 'Close' }).click();
    await waitForLog(host, 'layout-control', 'library:closed');
  });

  test('after all these dialogs, the app still answers: the menu item opens the layout control again', async () => {
    const menu = await openMeetingControls(host);
    await menu.locator('[data-plugin-id="layout-control"]').click();
    await host.page.getByRole('dialog', { name: 'Layout control' }).waitFor();
    await host.page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    assert.equal(await pluginItem(host, 'probe', 'fromToolbar').count(), 1);
  });
});
