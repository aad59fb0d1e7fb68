// The example branding that `plugboard serve` shows by default (examples/branding): a host sees every
// example plugin in its place and each one works, a guest sees only the plugins for guests, and with the
// broken example listed too, it is reported by name while everything else keeps working.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startNode } from '../support/node.mjs';
import { rosterEntry, sendChat, shot, showPanel } from './helpers/app-session.mjs';
import {
  EXAMPLES,
  brandingCopy,
  enter,
  openMeetingControls,
  openPluginSettings,
  openRosterMenu,
  pluginItem,
  settingsEntry,
  startPluginSuite,
  toolbarPlugins,
  waitForStatus,
} from './helpers/plugin-host.mjs';

/** The plugin items in `scope` as `plugin:action`, sorted (their order follows settings.json). */
const itemIds = async (/** @type {import('playwright-core').Locator} */ scope) =>
  (await scope.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-plugin-id')}:${e.getAttribute('data-plugin-action')}`))).sort();

describe('the example branding', { concurrency: false }, () => {
  /** @type {Awaited<ReturnType<typeof startPluginSuite>>} */
  let suite;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let host;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let guest;

  before(async () => {
    // As `plugboard serve` runs with no options: the example branding and the demo rooms.
    suite = await startPluginSuite({ branding: null, config: null });
    host = await suite.join('host', 'secure', 'Hannah Host', '1234');
    guest = await suite.join('guest', 'secure', 'Gary Guest', '5678');
    await rosterEntry(host, 'Gary Guest').waitFor();
    await pluginItem(host, 'lock-toggle', 'toggleLock').waitFor();
  });

  after(() => suite?.stop(['Broken on purpose']));

  test('a host sees every example plugin in its place', async () => {
    await pluginItem(host, 'chat-watcher', 'pauseAnswers').waitFor();
    assert.deepEqual(await itemIds(toolbarPlugins(host)), [
      'chat-watcher:muteMyMicrophone',
      'chat-watcher:pauseAnswers',
      'lock-toggle:toggleLock',
      'recording:toggleStreaming',
    ]);
    await shot(host, 'plugins-examples-host');
    const controls = await openMeetingControls(host);
    assert.deepEqual(await itemIds(controls.locator('[data-plugin-id]')), ['layout-control:openLayoutControl']);
    await host.page.keyboard.press('Escape');
    const roster = await openRosterMenu(host, 'Gary Guest');
    assert.deepEqual(await itemIds(roster.locator('[data-plugin-id]')), ['mute-toggle:toggleMute', 'spotlight-toggle:toggleSpotlight']);
    await host.page.keyboard.press('Escape');

    const settings = await openPluginSettings(host);
    await waitForStatus(settings, 'recording', 'loaded');
    const statuses = await settings.locator('[data-plugin-id]').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-plugin-id'), e.getAttribute('data-plugin-status')])),
    );
    assert.deepEqual(statuses, {
      'meeting-tools': 'disabled',
      recording: 'loaded',
      'layout-control': 'loaded',
      'mute-toggle': 'loaded',
      'spotlight-toggle': 'loaded',
      'lock-toggle': 'loaded',
      'chat-watcher': 'loaded',
    });
    await host.page.keyboard.press('Escape');
  });

  test("the host's example plugins work: lock, mute, spotlight, layout, streaming, chat commands", async () => {
    await pluginItem(host, 'lock-toggle', 'toggleLock').click();
    await host.page.locator('.chip--warning', { hasText: 'Locked' }).waitFor();
    await host.page.locator('.toolbar [aria-label="Unlock the meeting"]').click();
    await host.page.locator('.chip--warning', { hasText: 'Locked' }).waitFor({ state: 'hidden' });

    (await openRosterMenu(host, 'Gary Guest')).locator('[data-plugin-id="mute-toggle"]').click();
    await guest.page.locator('.toolbar-audio-off__button-container').waitFor();
    (await openRosterMenu(host, 'Gary Guest')).getByRole('menuitem', { name: 'Unmute', exact: true }).click();
    await guest.page.locator('.toolbar-audio-on__button-container').waitFor();

    (await openRosterMenu(host, 'Gary Guest')).getByRole('menuitem', { name: 'Pin to stage' }).click();
    await showPanel(guest, 'participants');
    await rosterEntry(guest, 'Gary Guest').locator('.badge--spotlight').waitFor();
    (await openRosterMenu(host, 'Gary Guest')).getByRole('menuitem', { name: 'Unpin from stage' }).click();
    await rosterEntry(guest, 'Gary Guest').locator('.badge--spotlight').waitFor({ state: 'detached' });

    (await openMeetingControls(host)).getByRole('menuitem', { name: 'Layout control' }).click();
    const layout = host.page.getByRole('dialog', { name: 'Layout control' });
    await layout.getByRole('button', { name: 'Equal' }).click();
    await guest.page.waitForFunction(() => document.querySelector('#conference-stage-container')?.dataset.layout === '4:0');
    await layout.getByRole('button', { name: 'Done' }).click();
    await layout.waitFor({ state: 'detached' });

    await pluginItem(host, 'recording', 'toggleStreaming').click();
    const streaming = host.page.getByRole('dialog', { name: 'Start streaming' });
    await streaming.getByPlaceholder('rtmp://example.com/live/key').fill('rtmp://live.example.com/app/all-hands');
    await streaming.getByRole('button', { name: 'Start' }).click();
    await streaming.waitFor({ state: 'detached' });
    const stop = host.page.locator('.toolbar [aria-label="Stop streaming"]');
    await stop.waitFor();
    await stop.click();
    await host.page.locator('.toolbar [aria-label="Start streaming"]').waitFor();

    await sendChat(guest, '!who');
    await guest.page.locator('.chat__message', { hasText: 'in the meeting: ' }).waitFor();
  });

  test('a guest sees only the plugins for guests, and they work', async () => {
    assert.deepEqual(await itemIds(toolbarPlugins(guest)), ['chat-watcher:muteMyMicrophone', 'raise-hand:toggleHand']);
    await shot(guest, 'plugins-examples-guest');
    assert.equal(await guest.page.getByRole('button', { name: 'Meeting controls' }).isVisible(), false);
    const roster = await openRosterMenu(guest, 'Hannah Host');
    assert.equal(await roster.locator('[data-plugin-id]').count(), 0);
    await guest.page.keyboard.press('Escape');

    await pluginItem(guest, 'raise-hand', 'toggleHand').click();
    const ask = guest.page.getByRole('dialog', { name: 'Raise your hand?' });
    assert.equal(await ask.getByRole('button', { name: 'Close' }).count(), 0);
    await ask.getByRole('button', { name: 'Raise my hand' }).click();
    await rosterEntry(host, 'Gary Guest').locator('.badge--hand').waitFor();
    await guest.page.locator('.toolbar [aria-label="Lower your hand"]').click();
    await rosterEntry(host, 'Gary Guest').locator('.badge--hand').waitFor({ state: 'detached' });

    await pluginItem(guest, 'chat-watcher', 'muteMyMicrophone').click();
    await guest.page.locator('.toolbar-audio-off__button-container').waitFor();
    await guest.page.getByRole('button', { name: 'Unmute microphone' }).click();
    await guest.page.locator('.toolbar-audio-on__button-container').waitFor();
  });

  test('with the broken example listed, it is reported by name while everything else works', async (t) => {
    const settingsJson = JSON.parse(readFileSync(join(EXAMPLES, 'webapp2', 'settings.json'), 'utf8'));
    const listed = Object.fromEntries(settingsJson.plugins.map((/** @type {any} */ p) => [p.id, { enabled: p.enabled, srcURL: p.srcURL }]));
    const branding = brandingCopy({ ...listed, broken: true }, { from: EXAMPLES });
    const node = await startNode({ branding: branding.dir });
    const alice = await suite.person('alice');
    t.after(async () => {
      await alice.context.close();
      await node.stop();
      branding.remove();
    });
    await enter(alice, node.url, 'secure', 'Alice Admin', '1234');
    await alice.page.locator('.toast', { hasText: 'The plugin Broken on purpose stopped working' }).waitFor();
    assert.equal(await pluginItem(alice, 'broken', 'breakNow').getAttribute('aria-disabled'), 'true');

    const settings = await openPluginSettings(alice);
    await waitForStatus(settings, 'broken', 'failed');
    assert.match(await settingsEntry(settings, 'broken').textContent(), /Broken on purpose.*broken on purpose: load/);
    for (const id of ['recording', 'layout-control', 'mute-toggle', 'spotlight-toggle', 'lock-toggle', 'chat-watcher']) {
      assert.equal(await settingsEntry(settings, id).getAttribute('data-plugin-status'), 'loaded', id);
    }
    await alice.page.keyboard.press('Escape');

    await pluginItem(alice, 'lock-toggle', 'toggleLock').click();
    await alice.page.locator('.chip--warning', { hasText: 'Locked' }).waitFor();
    await sendChat(alice, '!help');
    await alice.page.locator('.chat__message', { hasText: 'Chat commands: !help' }).waitFor();
  });
});
