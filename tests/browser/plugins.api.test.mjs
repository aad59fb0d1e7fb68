// PEX.pluginAPI, function by function, as a plugin calls it: the test plugin `probe` makes each call
// from its own code (window.__probe), and the tests look for what a user or another participant
// would notice: the other person muted, the meeting locked, a dialled recorder in the roster, the
// layout of everyone's stage, a chat message arriving.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { rosterEntry, showPanel } from './helpers/app-session.mjs';
import {
  closeMenus,
  eventually,
  openPluginSettings,
  openRosterMenu,
  pluginItem,
  restParticipant,
  settingsEntry,
  startPluginSuite,
} from './helpers/plugin-host.mjs';
import { restJoin } from './helpers/pexrtc-rest.mjs';
import { GUEST_PIN, HOST_PIN, roomPool } from './helpers/pexrtc-rooms.mjs';

describe('PEX.pluginAPI', { concurrency: false }, () => {
  /** @type {Awaited<ReturnType<typeof startPluginSuite>>} */
  let suite;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let host;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let guest;
  /** @type {import('./helpers/pexrtc-rest.mjs').RestParticipant} */
  let observer;
  let guestUuid = '';
  const room = roomPool().pinned();

  /**
   * Call a plugin API function from the probe plugin's code.
   * @param {string} name
   * @param {...unknown} args
   */
  const probeCall = (name, ...args) => host.page.evaluate(([n, a]) => window.__probe.call(n, a), /** @type {const} */ ([name, args]));
  /** @param {string} path @param {unknown} [payload] */
  const probeRequest = (path, payload) => host.page.evaluate(([p, b]) => window.__probe.request(p, b ?? undefined), /** @type {const} */ ([path, payload]));

  before(async () => {
    suite = await startPluginSuite();
    host = await suite.join('host', room, 'Hannah Host', HOST_PIN);
    guest = await suite.join('guest', room, 'Gary Guest', GUEST_PIN);
    guestUuid = await guest.page.evaluate(() => window.PEX.selfUUID);
    observer = await restJoin(suite.node.url, room, 'Olga Observer', { pin: HOST_PIN });
    await pluginItem(host, 'probe', 'fromToolbar').waitFor();
    await host.page.waitForFunction((uuid) => window.__probe.participants?.some((p) => p.uuid === uuid), guestUuid);
  });

  after(async () => {
    await observer?.leave();
    await suite?.stop();
  });

  test('registerPlugin: the plugin is listed as loaded and its items are in place', async () => {
    const settings = await openPluginSettings(host);
    const entry = settingsEntry(settings, 'probe');
    assert.equal(await entry.getAttribute('data-plugin-status'), 'loaded');
    assert.match(await entry.textContent(), /Probe/);
    assert.match(await entry.textContent(), /Records what the plugin host gives it/);
    await host.page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });
    assert.equal(await pluginItem(host, 'probe', 'fromToolbar').getAttribute('aria-label'), 'Probe');
    assert.equal(await pluginItem(guest, 'probe', 'fromToolbar').count(), 1);
  });

  test('createNewState: a subject that replays its initial value and takes new ones', async () => {
    const seen = await host.page.evaluate(() => {
      const state$ = window.PEX.pluginAPI.createNewState({ label: 'first' });
      const values = [];
      const subscription = state$.subscribe((v) => values.push(v.label));
      state$.next({ label: 'second' });
      subscription.unsubscribe();
      state$.next({ label: 'unseen' });
      return values;
    });
    assert.deepEqual(seen, ['first', 'second']);
  });

  test("sendRequest('lock'): the meeting locks for everyone, and the callback gets {status, result}", async () => {
    const answer = await probeRequest('lock');
    assert.equal(answer.status, 'success');
    assert.equal(answer.result, true);
    await host.page.locator('.chip--warning', { hasText: 'Locked' }).waitFor();
    await eventually(async () => (await observer.get('conference_status')).json.result.locked === true, 'the lock');
    await host.page.waitForFunction(() => window.__probe.conference?.locked === true);

    assert.equal((await probeRequest('unlock')).status, 'success');
    await host.page.locator('.chip--warning', { hasText: 'Locked' }).waitFor({ state: 'hidden' });
  });

  test("sendRequest('/participants/<uuid>/mute', undefined): the guest's microphone shows muted", async () => {
    const answer = await probeRequest(`/participants/${guestUuid}/mute`, undefined);
    assert.equal(answer.status, 'success');
    await guest.page.locator('.toolbar-audio-off__button-container').waitFor();
    await rosterEntry(host, 'Gary Guest').locator('.badge--muted').waitFor();
    // Without the leading slash, as the seed document writes it.
    assert.equal((await probeRequest(`participants/${guestUuid}/unmute`)).status, 'success');
    await guest.page.locator('.toolbar-audio-on__button-container').waitFor();
    // A request the node refuses reaches the callback as a failure, not as an exception.
    const refused = await probeRequest('participants/no-such-participant/mute');
    assert.equal(refused.status, 'failed');
  });

  test('spotlightOnParticipant / spotlightOffParticipant: the guest is spotlit and then not', async () => {
    await probeCall('spotlightOnParticipant', guestUuid);
    await showPanel(guest, 'participants');
    await rosterEntry(guest, 'Gary Guest').locator('.badge--spotlight').waitFor();
    assert.notEqual((await restParticipant(observer, 'Gary Guest')).spotlight, 0);
    await probeCall('spotlightOffParticipant', guestUuid);
    await rosterEntry(guest, 'Gary Guest').locator('.badge--spotlight').waitFor({ state: 'detached' });
  });

  test('dialOut with {streaming: true}: a streaming participant joins; disconnectParticipant removes it', async () => {
    const answer = await host.page.evaluate(() => window.__probe.dialOut('rtmp://recorder.example.com/live', 'rtmp', 'guest', { streaming: true }));
    assert.equal(answer.status, 'success');
    assert.equal(answer.result.length, 1);
    const [uuid] = answer.result;
    await host.page.locator(`.pex-roster-list__user[data-participant-uuid="${uuid}"]`).waitFor();
    await host.page.waitForFunction((u) => window.__probe.participants.some((p) => p.uuid === u && p.isStreaming === true), uuid);

    await probeCall('disconnectParticipant', uuid);
    await host.page.locator(`.pex-roster-list__user[data-participant-uuid="${uuid}"]`).waitFor({ state: 'detached' });
    await host.page.waitForFunction((u) => !window.__probe.participants.some((p) => p.uuid === u), uuid);
  });

  test('dialOut to a far end that refuses: the callback gets an empty result', async () => {
    const answer = await host.page.evaluate(() => window.__probe.dialOut('sip:busy@example.com', 'sip', 'guest', {}));
    assert.deepEqual(answer.result, []);
  });

  test('transformConferenceLayout({layout: "4:0"}): everyone\'s stage changes layout', async () => {
    await probeCall('transformConferenceLayout', { layout: '4:0' });
    await guest.page.waitForFunction(() => document.querySelector('#conference-stage-container')?.dataset.layout === '4:0');
    await host.page.waitForFunction(() => document.querySelector('#conference-stage-container')?.dataset.layout === '4:0');
  });

  test('transformConferenceLayout({}): the default layout comes back for everyone', async () => {
    await probeCall('transformConferenceLayout', {});
    await guest.page.waitForFunction(() => document.querySelector('#conference-stage-container')?.dataset.layout === '1:7');
    await host.page.waitForFunction(() => document.querySelector('#conference-stage-container')?.dataset.layout === '1:7');
  });

  test('changeConferenceLayout({layouts: []}): the override reaches the node and is accepted', async () => {
    const response = host.page.waitForResponse((r) => r.url().endsWith('/override_layout'));
    await probeCall('changeConferenceLayout', { layouts: [] });
    const answer = await response;
    assert.equal(answer.status(), 200);
    assert.deepEqual(JSON.parse(answer.request().postData() ?? 'null'), { layouts: [] });
  });

  test('sendChatMessage as a string and as {type, payload}: the guest reads both, actions$ saw them', async () => {
    await host.page.evaluate(() => {
      window.sent = [];
      window.PEX.actions$.ofType(window.PEX.actions.SEND_CHAT_MESSAGE).subscribe((a) => window.sent.push(a.payload));
    });
    await probeCall('sendChatMessage', 'Recording starts in a minute');
    await probeCall('sendChatMessage', { type: '[Chat] Send Message', payload: 'Recording has started' });
    await showPanel(guest, 'chat');
    // Two requests in flight at once may reach the node in either order; both arrive, from Hannah.
    await guest.page.locator('.chat__message', { hasText: 'Recording starts in a minute' }).waitFor();
    await guest.page.locator('.chat__message', { hasText: 'Recording has started' }).waitFor();
    assert.deepEqual(await guest.page.locator('.chat__sender').allTextContents(), ['Hannah Host']);
    assert.deepEqual(await host.page.evaluate(() => window.sent), ['Recording starts in a minute', 'Recording has started']);
    // The sender sees their own messages in the chat too.
    await showPanel(host, 'chat');
    await host.page.locator('.chat__message--own', { hasText: 'Recording has started' }).waitFor();
  });

  test('getPluginMenuItem(pluginId, itemId): hide() removes the item, show() brings it back', async () => {
    await host.page.evaluate(() => window.PEX.pluginAPI.getPluginMenuItem('probe', 'tb').hide());
    await pluginItem(host, 'probe', 'fromToolbar').waitFor({ state: 'detached' });
    await host.page.evaluate(() => window.PEX.pluginAPI.getPluginMenuItem('probe', 'part').hide());
    let menu = await openRosterMenu(host, 'Gary Guest');
    assert.equal(await menu.locator('[data-plugin-id="probe"]').count(), 0);
    assert.equal(await menu.locator('[data-plugin-id="mute-toggle"]').count(), 1, 'other plugins keep their items');
    await closeMenus(host);

    await host.page.evaluate(() => {
      window.PEX.pluginAPI.getPluginMenuItem('probe', 'tb').show();
      window.PEX.pluginAPI.getPluginMenuItem('probe', 'part').show();
    });
    await pluginItem(host, 'probe', 'fromToolbar').waitFor();
    menu = await openRosterMenu(host, 'Gary Guest');
    await menu.locator('[data-plugin-id="probe"][data-plugin-action="fromParticipantMenu"]').waitFor();
    await closeMenus(host);
    // Hiding is per page: the guest kept the toolbar button all along.
    assert.equal(await pluginItem(guest, 'probe', 'fromToolbar').count(), 1);
  });
});
