// Failure isolation: plugins that break in every way a plugin can (a syntax error, a throw in load, in
// an action, in a subscription, in an inline dialog handler, a promise left rejected, registering
// with an id no package declares) are each reported by name and marked failed, their menu items are
// disabled, and the app and a healthy plugin keep working. No error escapes to the page.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { rosterEntry, sendChat, shot, showPanel } from './helpers/app-session.mjs';
import {
  brandingCopy,
  openMeetingControls,
  openPluginSettings,
  pluginItem,
  settingsEntry,
  startPluginSuite,
  waitForLog,
  waitForStatus,
} from './helpers/plugin-host.mjs';
import { restJoin } from './helpers/pexrtc-rest.mjs';
import { HOST_PIN, roomPool } from './helpers/pexrtc-rooms.mjs';

/** The broken plugins of the fixture, by id, with their names. */
const BROKEN = {
  'syntax-error': 'Syntax error',
  'throws-in-load': 'Throws in load',
  'throws-in-action': 'Throws in action',
  'throws-in-subscription': 'Throws in subscription',
  rejects: 'Leaves a rejected promise',
  'throws-inline': 'Throws in a dialog',
  impostor: 'Impostor',
};

describe('a failing plugin fails alone', { concurrency: false }, () => {
  const branding = brandingCopy({ probe: true, sleeper: false, ...Object.fromEntries(Object.keys(BROKEN).map((id) => [id, true])) });
  /** @type {Awaited<ReturnType<typeof startPluginSuite>>} */
  let suite;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let host;
  /** @type {import('./helpers/pexrtc-rest.mjs').RestParticipant} */
  let rita;
  const room = roomPool().pinned();

  /** @param {string} id */
  const notice = (id) => host.page.locator('.toast', { hasText: `The plugin ${BROKEN[/** @type {keyof BROKEN} */ (id)]} stopped working` });

  /**
   * The plugin is listed as failed with `reason` in its entry, and closes Settings again.
   * @param {string} id
   * @param {RegExp} reason
   */
  const expectFailed = async (id, reason) => {
    const settings = await openPluginSettings(host);
    await waitForStatus(settings, id, 'failed');
    assert.match(await settingsEntry(settings, id).textContent(), reason);
    await host.page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });
  };

  before(async () => {
    suite = await startPluginSuite({ branding: branding.dir });
    host = await suite.join('host', room, 'Hannah Host', HOST_PIN);
    await pluginItem(host, 'probe', 'fromToolbar').waitFor();
  });

  after(async () => {
    await rita?.leave();
    await suite?.stop(Object.values(BROKEN));
    branding.remove();
  });

  test('at join: a syntax error, a throw in load and an undeclared id are each reported by name', async () => {
    for (const id of ['syntax-error', 'throws-in-load', 'impostor']) await notice(id).waitFor();
    await shot(host, 'plugins-failure-notice');
    await expectFailed('syntax-error', /SyntaxError/);
    await expectFailed('throws-in-load', /load broke on purpose.*in load/);
    await expectFailed('impostor', /registerPlugin was called with the id “not-declared-anywhere”, which no plugin package of this branding declares/);
    // Their menu items stay in place, disabled.
    assert.equal(await pluginItem(host, 'syntax-error', 'act').getAttribute('aria-disabled'), 'true');
    assert.equal(await pluginItem(host, 'impostor', 'act').getAttribute('aria-disabled'), 'true');
    const menu = await openMeetingControls(host);
    assert.equal(await menu.locator('[data-plugin-id="throws-in-load"]').getAttribute('aria-disabled'), 'true');
    await host.page.keyboard.press('Escape');
  });

  test('an action that throws fails its plugin only', async () => {
    const button = pluginItem(host, 'throws-in-action', 'explode');
    assert.equal(await button.getAttribute('aria-disabled'), null);
    await button.click();
    await notice('throws-in-action').waitFor();
    await host.page.locator('.toolbar [data-plugin-id="throws-in-action"][aria-disabled="true"]').waitFor();
    await expectFailed('throws-in-action', /action broke on purpose.*in action explode/);
  });

  test('a promise left rejected fails the plugin whose code rejected it', async () => {
    await pluginItem(host, 'rejects', 'later').click();
    await notice('rejects').waitFor();
    await host.page.locator('.toolbar [data-plugin-id="rejects"][aria-disabled="true"]').waitFor();
    await expectFailed('rejects', /the promise rejected on purpose/);
  });

  test('a subscriber that throws on a chat message fails its plugin; the message still shows', async () => {
    rita = await restJoin(suite.node.url, room, 'Rita Rest', { pin: HOST_PIN });
    await rosterEntry(host, 'Rita Rest').waitFor();
    await rita.post('message', { type: 'text/plain', payload: 'Is anyone recording this?' });
    await notice('throws-in-subscription').waitFor();
    await showPanel(host, 'chat');
    await host.page.locator('.chat__message', { hasText: 'Is anyone recording this?' }).waitFor();
    await expectFailed('throws-in-subscription', /cannot read chat: Is anyone recording this\?.*in a subscription/);
  });

  test('an inline onclick that throws fails its plugin; the dialog still closes', async () => {
    const menu = await openMeetingControls(host);
    await menu.getByRole('menuitem', { name: 'Open fragile dialog' }).click();
    const dialog = host.page.getByRole('dialog', { name: 'Fragile dialog' });
    await dialog.getByRole('button', { name: 'Break' }).click();
    await notice('throws-inline').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectFailed('throws-inline', /noSuchPluginFunction.*inline click handler/);
  });

  test('the app and the healthy plugin keep working', async () => {
    await pluginItem(host, 'probe', 'fromToolbar').click();
    await waitForLog(host, 'probe', 'action');
    await sendChat(host, 'No, but the plugin will');
    await host.page.locator('.chat__message--own', { hasText: 'No, but the plugin will' }).waitFor();
    await host.page.getByRole('button', { name: 'Mute microphone' }).click();
    await host.page.locator('.toolbar-audio-off__button-container').waitFor();
    await host.page.getByRole('button', { name: 'Unmute microphone' }).click();
    await host.page.locator('.toolbar-audio-on__button-container').waitFor();

    const settings = await openPluginSettings(host);
    assert.equal(await settingsEntry(settings, 'probe').getAttribute('data-plugin-status'), 'loaded');
    assert.equal(await settingsEntry(settings, 'sleeper').getAttribute('data-plugin-status'), 'disabled');
    for (const id of Object.keys(BROKEN)) assert.equal(await settingsEntry(settings, id).getAttribute('data-plugin-status'), 'failed', id);
    await shot(host, 'plugins-settings');
    await host.page.keyboard.press('Escape');
  });

  test('switching a failed plugin on again gives it a fresh start', async () => {
    const settings = await openPluginSettings(host);
    const toggle = () => settingsEntry(settings, 'throws-in-action').getByRole('switch');
    assert.equal(await toggle().isChecked(), false, 'a failed plugin is not on');
    await toggle().check();
    await waitForStatus(settings, 'throws-in-action', 'loaded');
    await host.page.keyboard.press('Escape');
    await host.page.locator('.toolbar [data-plugin-id="throws-in-action"]:not([aria-disabled])').waitFor();
  });
});
