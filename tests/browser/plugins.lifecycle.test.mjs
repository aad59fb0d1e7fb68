// A plugin's life in the app: `load(participants$, conferenceDetails$)` with observables that replay to
// late subscribers, `this` bound to the registered object, the argument each menu location hands its
// action, the plugins a host and a guest get (and how that changes with their role), `state$` in both
// forms, and every form of menu icon.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { participantAction, shot } from './helpers/app-session.mjs';
import {
  closeMenus,
  openMeetingControls,
  openPluginSettings,
  openRosterMenu,
  pluginItem,
  pluginLog,
  startPluginSuite,
  toolbarPlugins,
  waitForLog,
} from './helpers/plugin-host.mjs';
import { GUEST_PIN, HOST_PIN, roomPool } from './helpers/pexrtc-rooms.mjs';

/** Participant fields of the seed document that `participants$` must carry. */
const PARTICIPANT_FIELDS = [
  'uuid', 'name', 'role', 'uri', 'startTime', 'protocol', 'isExternal', 'presenting', 'muted', 'canControl',
  'canDisconnect', 'canTransfer', 'canMute', 'serviceType', 'callType', 'spotlight', 'isStreaming', 'vad',
  'stageIndex', 'rxPresentation', 'feccSupported', 'buzzTime',
];
const CONFERENCE_FIELDS = ['locked', 'guestsMuted', 'chatEnabled', 'mediaType', 'started'];

describe('plugin lifecycle, roles, state and icons', { concurrency: false }, () => {
  /** @type {Awaited<ReturnType<typeof startPluginSuite>>} */
  let suite;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let host;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let guest;
  let guestUuid = '';

  /** @param {import('./helpers/app-session.mjs').Person} p */
  const toolbarIds = async (p) => (await toolbarPlugins(p).evaluateAll((els) => els.map((e) => e.dataset.pluginId))).sort();

  before(async () => {
    suite = await startPluginSuite();
    const room = roomPool().pinned();
    host = await suite.join('host', room, 'Hannah Host', HOST_PIN);
    guest = await suite.join('guest', room, 'Gary Guest', GUEST_PIN);
    guestUuid = await guest.page.evaluate(() => window.PEX.selfUUID);
  });

  after(() => suite?.stop());

  test('load(participants$, conferenceDetails$): `this` is the registration, both replay to a late subscriber', async () => {
    const load = await waitForLog(host, 'probe', 'load');
    assert.deepEqual(load.data, { thisIsRegistration: true, args: 2 });
    const late = await waitForLog(host, 'probe', 'late-subscribe');
    assert.deepEqual(late.data.replayed, { participants: true, conference: true });
    for (const field of PARTICIPANT_FIELDS) assert.ok(late.data.participantKeys.includes(field), `participants$ has ${field}`);
    for (const field of CONFERENCE_FIELDS) assert.ok(late.data.conferenceKeys.includes(field), `conferenceDetails$ has ${field}`);
  });

  test('the branding comes with the page: joining fetches the plugin scripts but no branding JSON', async () => {
    const fetched = await host.page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((path) => path.includes('/custom_configuration/')),
    );
    assert.ok(fetched.includes('/webapp2/custom_configuration/plugins/probe/probe.plugin.js'), fetched.join('\n'));
    assert.deepEqual(fetched.filter((path) => path.endsWith('.json')), []);
  });

  test('toolbar actions get the participants, with `this` as in load', async () => {
    await host.page.waitForFunction(() => window.__probe.participants?.length === 2);
    await pluginItem(host, 'icon-forms', 'act').last().waitFor();
    await shot(host, 'plugins-toolbar');
    await pluginItem(host, 'probe', 'fromToolbar').click();
    const action = await waitForLog(host, 'probe', 'action');
    assert.equal(action.data.location, 'toolbar');
    assert.equal(action.data.thisIsRegistration, true);
    assert.equal(action.data.loadedBy, 'load');
    assert.equal(action.data.args[0].kind, 'array');
    assert.deepEqual([...action.data.args[0].names].sort(), ['Gary Guest', 'Hannah Host']);
  });

  test('meeting-controls actions get the conference details', async () => {
    const menu = await openMeetingControls(host);
    await menu.locator('[data-plugin-id="icon-forms"]').first().waitFor();
    await shot(host, 'plugins-menu-meeting-controls');
    await menu.locator('[data-plugin-id="probe"][data-plugin-action="fromConferenceMenu"]').click();
    const action = await waitForLog(host, 'probe', 'action', 2);
    assert.equal(action.data.location, 'conference');
    assert.equal(action.data.thisIsRegistration, true);
    assert.equal(action.data.args[0].kind, 'object');
    for (const field of CONFERENCE_FIELDS) assert.ok(action.data.args[0].keys.includes(field), field);
  });

  test('roster menu actions get that participant', async () => {
    const menu = await openRosterMenu(host, 'Gary Guest');
    await menu.locator('[data-plugin-id="mute-toggle"]').waitFor();
    await shot(host, 'plugins-menu-roster');
    await menu.getByRole('menuitem', { name: 'Probe this person' }).click();
    const action = await waitForLog(host, 'probe', 'action', 3);
    assert.equal(action.data.location, 'participants');
    assert.equal(action.data.thisIsRegistration, true);
    assert.equal(action.data.args[0].name, 'Gary Guest');
    assert.equal(action.data.args[0].uuid, guestUuid);
  });

  test('roles: the host gets the plugins for hosts, the guest those for guests', async () => {
    assert.deepEqual(await toolbarIds(host), ['host-only', 'icon-forms', 'icon-forms', 'icon-forms', 'probe']);
    await pluginItem(guest, 'guest-only').waitFor();
    assert.deepEqual(await toolbarIds(guest), ['guest-only', 'probe']);
    // A guest has a meeting-controls menu only for the plugin items meant for them.
    const menu = await openMeetingControls(guest);
    assert.deepEqual(await menu.locator('[data-plugin-id]').evaluateAll((els) => els.map((e) => e.dataset.pluginId)), ['probe']);
    await closeMenus(guest);
    const settings = await openPluginSettings(guest);
    const listed = await settings.locator('[data-plugin-id]').evaluateAll((els) => els.map((e) => e.dataset.pluginId));
    assert.deepEqual(listed.sort(), ['always-on', 'guest-only', 'probe', 'sleeper']);
    await guest.page.keyboard.press('Escape');
  });

  test('a guest made host gains the host plugins and loses the guest ones; made guest again, unload runs', async () => {
    await participantAction(host, 'Gary Guest', 'Make host');
    await pluginItem(guest, 'host-only').waitFor();
    await waitForLog(guest, 'host-only', 'load');
    await pluginItem(guest, 'guest-only').waitFor({ state: 'detached' });
    await waitForLog(guest, 'guest-only', 'unload');
    const menu = await openMeetingControls(guest);
    await menu.locator('[data-plugin-id="layout-control"]').waitFor();
    await closeMenus(guest);

    await participantAction(host, 'Gary Guest', 'Make guest');
    await waitForLog(guest, 'host-only', 'unload');
    await pluginItem(guest, 'host-only').waitFor({ state: 'detached' });
    await waitForLog(guest, 'guest-only', 'load', 2);
    await pluginItem(guest, 'guest-only').waitFor();
    // The probe, for both roles, stayed loaded throughout.
    assert.equal((await pluginLog(guest, 'probe', 'unload')).length, 0);
  });

  test('state$ {icon, label}: the toolbar button and the menu item follow; a null label hides them', async () => {
    const button = pluginItem(host, 'probe', 'fromToolbar');
    await host.page.evaluate(() => window.__probe.setState({ icon: 'icons.svg#star', label: 'Probe, starred' }));
    await host.page.locator('.toolbar [aria-label="Probe, starred"]').waitFor();
    assert.match(await button.locator('use').getAttribute('href'), /icons\.svg#star$/);
    let menu = await openMeetingControls(host);
    await menu.getByRole('menuitem', { name: 'Probe, starred' }).waitFor();
    // An open menu follows the state too.
    await host.page.evaluate(() => window.__probe.setState({ icon: 'icons.svg#star', label: 'Probe, live' }));
    await menu.getByRole('menuitem', { name: 'Probe, live' }).waitFor();
    await closeMenus(host);

    await host.page.evaluate(() => window.__probe.setState({ label: null }));
    await button.waitFor({ state: 'detached' });
    menu = await openMeetingControls(host);
    assert.equal(await menu.locator('[data-plugin-id="probe"]').count(), 0);
    await closeMenus(host);

    await host.page.evaluate(() => window.__probe.setState({}));
    await host.page.locator('.toolbar [aria-label="Probe"]').waitFor();
  });

  test('state$ per participant: each roster entry gets its own label; null hides the item on one\'s own entry', async () => {
    let menu = await openRosterMenu(host, 'Hannah Host');
    assert.equal(await menu.locator('[data-plugin-id="mute-toggle"]').count(), 0);
    await closeMenus(host);

    await participantAction(host, 'Gary Guest', 'Mute with plugin');
    await guest.page.locator('.toolbar-audio-off__button-container').waitFor();
    const answer = await waitForLog(host, 'mute-toggle', 'answer');
    assert.deepEqual(answer.data, { request: '/participants/<uuid>/mute', status: 'success', result: answer.data.result });
    menu = await openRosterMenu(host, 'Gary Guest');
    const item = menu.locator('[data-plugin-id="mute-toggle"]');
    await menu.getByRole('menuitem', { name: 'Unmute with plugin' }).waitFor();
    assert.match(await item.locator('use').getAttribute('href'), /icons\.svg#mic$/);
    await item.click();
    await guest.page.locator('.toolbar-audio-on__button-container').waitFor();
  });

  test('icons: package-relative with and without #id, the app sprite, app-relative; a missing one shows the label', async () => {
    const toolbarItem = (/** @type {string} */ id) => host.page.locator(`.toolbar [data-plugin-id="icon-forms"][data-plugin-item="${id}"]`);
    // Drawn as a copy of the file's element (no <use> of another file), saying which it is.
    const star = toolbarItem('fragment').locator('svg[data-icon]');
    assert.match(await star.getAttribute('data-icon') ?? '', /\/custom_configuration\/plugins\/icon-forms\/star\.svg#star$/);
    await star.locator('path').first().waitFor();
    assert.equal(await star.locator('use').count(), 0);
    const plain = toolbarItem('plain').locator('img');
    assert.match(await plain.getAttribute('src'), /\/custom_configuration\/plugins\/icon-forms\/plain\.svg$/);
    await host.page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await plain.elementHandle());
    const missing = toolbarItem('missing');
    await host.page.locator('.toolbar .toolbar__button--text[data-plugin-item="missing"]').waitFor();
    assert.equal(await missing.textContent(), 'Notes');
    assert.equal(await missing.locator('svg, img').count(), 0);

    const menu = await openMeetingControls(host);
    const menuItem = (/** @type {string} */ id) => menu.locator(`[data-plugin-id="icon-forms"][data-plugin-item="${id}"]`);
    assert.match(await menuItem('sprite').locator('use').getAttribute('href'), /icons\.svg#mic-off$/);
    const appRelative = menuItem('app-relative').locator('svg[data-icon]');
    assert.match(await appRelative.getAttribute('data-icon') ?? '', /\/webapp2\/custom_configuration\/plugins\/icon-forms\/star\.svg#star$/);
    await appRelative.locator('path').first().waitFor();
    assert.equal(await menuItem('wrong-fragment').textContent(), 'Wrong fragment');
    // One that refers to another element of its file (a gradient) is drawn with <use>, which resolves it.
    assert.match(await menuItem('gradient').locator('use').getAttribute('href') ?? '', /\/icon-forms\/gradient\.svg#sun$/);
    await closeMenus(host);
    // Once known to be missing, the fragment stays out when the menu opens again.
    const again = await openMeetingControls(host);
    assert.equal(await again.locator('[data-plugin-item="wrong-fragment"] :is(svg, img)').count(), 0);
    await closeMenus(host);
  });
});
