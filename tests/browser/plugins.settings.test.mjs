// Settings → Plugins: each plugin with its name, description, version and status; a switch where the
// package allows unloading; `enabled: false` in settings.json starts a plugin off; switching loads or
// unloads it (calling its `unload`) and the choice holds across reloads, for this browser only.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { inConference, rosterEntry, showPanel } from './helpers/app-session.mjs';
import {
  openPluginSettings,
  pluginItem,
  settingsEntry,
  startPluginSuite,
  waitForLog,
  waitForStatus,
} from './helpers/plugin-host.mjs';
import { GUEST_PIN, HOST_PIN, roomPool } from './helpers/pexrtc-rooms.mjs';

describe('Settings → Plugins', { concurrency: false }, () => {
  /** @type {Awaited<ReturnType<typeof startPluginSuite>>} */
  let suite;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let host;
  const room = roomPool().pinned();

  /**
   * Status and switch of each listed plugin, by id.
   * @param {import('playwright-core').Locator} settings
   */
  const listing = (settings) =>
    settings.locator('[data-plugin-id]').evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => {
          const toggle = /** @type {HTMLInputElement | null} */ (el.querySelector('[role="switch"]'));
          return [el.getAttribute('data-plugin-id'), `${el.getAttribute('data-plugin-status')}${toggle ? (toggle.checked ? ' on' : ' off') : ''}`];
        }),
      ),
    );

  /** @param {import('playwright-core').Locator} settings */
  const close = async (settings) => {
    await host.page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });
  };

  before(async () => {
    suite = await startPluginSuite();
    host = await suite.join('host', room, 'Hannah Host', HOST_PIN);
    await pluginItem(host, 'probe', 'fromToolbar').waitFor();
  });

  after(() => suite?.stop());

  test('every plugin for this role is listed with its status; only allowUnload plugins have a switch', async () => {
    const settings = await openPluginSettings(host);
    await waitForStatus(settings, 'probe', 'loaded');
    assert.deepEqual(await listing(settings), {
      probe: 'loaded on',
      'layout-control': 'loaded on',
      'host-only': 'loaded on',
      'mute-toggle': 'loaded on',
      'icon-forms': 'loaded on',
      sleeper: 'disabled off',
      'always-on': 'loaded',
    });
    const layout = settingsEntry(settings, 'layout-control');
    assert.equal(await layout.locator('.plugin-list__name').textContent(), 'Layout control 2.1');
    assert.match(await layout.textContent(), /dialogs in every form plugins open them/);
    assert.equal(await settingsEntry(settings, 'mute-toggle').locator('.plugin-list__version').count(), 0, 'an empty version is not shown');
    await close(settings);
    // enabled: false in settings.json: not loaded, no items.
    assert.equal(await pluginItem(host, 'sleeper').count(), 0);
  });

  test('switching a plugin on loads it; switching one off calls its unload and removes its items', async () => {
    const settings = await openPluginSettings(host);
    await settingsEntry(settings, 'sleeper').getByRole('switch').check();
    await waitForStatus(settings, 'sleeper', 'loaded');
    await waitForLog(host, 'sleeper', 'load');
    await pluginItem(host, 'sleeper', 'act').waitFor();

    await settingsEntry(settings, 'probe').getByRole('switch').uncheck();
    await waitForStatus(settings, 'probe', 'disabled');
    const unload = await waitForLog(host, 'probe', 'unload');
    assert.equal(unload.data.thisIsRegistration, true);
    await pluginItem(host, 'probe').waitFor({ state: 'detached' });
    await close(settings);
  });

  test('the choices hold after a reload, in this browser only', async () => {
    await host.page.reload();
    await inConference(host);
    await pluginItem(host, 'sleeper', 'act').waitFor();
    await waitForLog(host, 'sleeper', 'load');
    assert.equal(await pluginItem(host, 'probe').count(), 0);
    let settings = await openPluginSettings(host);
    assert.equal(await settingsEntry(settings, 'probe').getAttribute('data-plugin-status'), 'disabled');
    assert.equal(await settingsEntry(settings, 'sleeper').getAttribute('data-plugin-status'), 'loaded');

    // Someone else, in another browser, gets the branding's defaults.
    const guest = await suite.join('guest', room, 'Gary Guest', GUEST_PIN);
    await pluginItem(guest, 'probe', 'fromToolbar').waitFor();
    assert.equal(await pluginItem(guest, 'sleeper').count(), 0);

    // Switched back on, the probe loads again, and stays on after another reload.
    await settingsEntry(settings, 'probe').getByRole('switch').check();
    await waitForStatus(settings, 'probe', 'loaded');
    await close(settings);
    await pluginItem(host, 'probe', 'fromToolbar').waitFor();
    await host.page.reload();
    await inConference(host);
    await pluginItem(host, 'probe', 'fromToolbar').waitFor();
    settings = await openPluginSettings(host);
    assert.equal(await settingsEntry(settings, 'probe').getAttribute('data-plugin-status'), 'loaded');
    await close(settings);
  });

  // Last of this file: it leaves the probe and mute-toggle switched off.
  test('a plugin switched on gets the roster as it is, even after nobody listened to participants$', async () => {
    // Off: every plugin that listens to participants$, and the sleeper.
    let settings = await openPluginSettings(host);
    for (const id of ['probe', 'mute-toggle', 'sleeper']) {
      await settingsEntry(settings, id).getByRole('switch').uncheck();
      await waitForStatus(settings, id, 'disabled');
    }
    await close(settings);
    // Someone joins meanwhile.
    await suite.join('late', room, 'Larry Late', GUEST_PIN);
    await showPanel(host, 'participants');
    await rosterEntry(host, 'Larry Late').waitFor();

    settings = await openPluginSettings(host);
    await settingsEntry(settings, 'sleeper').getByRole('switch').check();
    const load = await waitForLog(host, 'sleeper', 'load', 2);
    assert.ok(load.data.names.includes('Larry Late'), JSON.stringify(load.data.names));
    await close(settings);
  });
});
