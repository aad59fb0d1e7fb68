// What plugins watch and steer besides PEX.pluginAPI: PEX.actions$ with ofType and RxJS-5-style
// chaining, the PEX.actions constants, PEX.dispatchAction (the app acts on mute actions), PEX.selfUUID,
// PEX.pexrtc (also a property of window, its callbacks wrapped as plugins wrap them) and
// PEX.conferenceQueryParams; the actions the app emits when chat arrives or is sent and when others
// join and leave.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { inConference, rosterEntry, sendChat, showPanel } from './helpers/app-session.mjs';
import { startPluginSuite } from './helpers/plugin-host.mjs';
import { restJoin } from './helpers/pexrtc-rest.mjs';
import { GUEST_PIN, HOST_PIN, roomPool } from './helpers/pexrtc-rooms.mjs';

describe('PEX.actions$ and the rest of window.PEX', { concurrency: false }, () => {
  /** @type {Awaited<ReturnType<typeof startPluginSuite>>} */
  let suite;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let host;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let guest;
  const room = roomPool().pinned();

  /**
   * Start recording the actions of `type` on the host's page into window.seen[key] (their payloads).
   * @param {string} key
   * @param {string} constant  a PEX.actions name
   */
  const record = (key, constant) =>
    host.page.evaluate(([k, c]) => {
      window.seen = window.seen ?? {};
      window.seen[k] = [];
      window.PEX.actions$.ofType(window.PEX.actions[c]).subscribe((action) => window.seen[k].push(action.payload));
    }, [key, constant]);
  /** @param {string} key */
  const seen = (key) => host.page.evaluate((k) => window.seen[k], key);

  before(async () => {
    suite = await startPluginSuite();
    host = await suite.person('host');
    const query = new URLSearchParams({ name: 'Hannah Host', pin: HOST_PIN, join: '1', theme: 'night' });
    await host.page.goto(`${suite.node.url}/webapp2/conference/${room}?${query}`);
    await inConference(host);
    guest = await suite.join('guest', room, 'Gary Guest', GUEST_PIN);
    await rosterEntry(host, 'Gary Guest').waitFor();
  });

  after(() => suite?.stop());

  test('PEX.selfUUID, PEX.pexrtc (also a property of window) and PEX.conferenceQueryParams', async () => {
    const pex = await host.page.evaluate(() => ({
      self: window.PEX.selfUUID,
      rosterId: document.querySelector('.pex-roster-list__user[data-participant-uuid]')?.id,
      sameClient: window.PEX.pexrtc === window.pexrtc,
      found: Object.keys(window).some((key) => window[key]?.constructor?.name === 'PexRTC'),
      role: window.PEX.pexrtc.role,
      state: window.PEX.pexrtc.state,
      query: window.PEX.conferenceQueryParams,
    }));
    assert.match(pex.self, /^[0-9a-f-]{36}$/);
    assert.equal(await rosterEntry(host, 'Hannah Host').getAttribute('id'), pex.self);
    assert.equal(pex.sameClient, true);
    assert.equal(pex.found, true);
    assert.equal(pex.role, 'HOST');
    assert.equal(pex.state, 'ACTIVE');
    assert.equal(pex.query.theme, 'night');
    assert.equal(pex.query.name, 'Hannah Host');
  });

  test('PEX.actions names the action types; ofType(...).filter(...).map(...) chains; unsubscribe stops', async () => {
    const result = await host.page.evaluate(() => {
      const { actions, actions$, dispatchAction } = window.PEX;
      const got = [];
      const subscription = actions$
        .ofType('[Test] One', '[Test] Two')
        .filter((a) => a.payload > 1)
        .map((a) => `${a.type}:${a.payload}`)
        .subscribe({ next: (v) => got.push(v) });
      for (const payload of [1, 2, 3]) dispatchAction({ type: '[Test] One', payload });
      dispatchAction({ type: '[Test] Three', payload: 9 });
      dispatchAction({ type: '[Test] Two', payload: 5 });
      subscription.unsubscribe();
      dispatchAction({ type: '[Test] One', payload: 7 });
      return {
        got,
        closed: subscription.closed,
        constants: ['SEND_CHAT_MESSAGE', 'RECEIVE_CHAT_MESSAGE', 'SELECT_EVENT', 'PARTICIPANT_CONNECT_SUCCESS', 'PARTICIPANT_DISCONNECT_SUCCESS', 'DISCONNECT_SUCCESS'].map(
          (name) => typeof actions[name],
        ),
      };
    });
    assert.deepEqual(result.got, ['[Test] One:2', '[Test] One:3', '[Test] Two:5']);
    assert.equal(result.closed, true);
    assert.deepEqual(result.constants, Array(6).fill('string'));
  });

  test("dispatchAction('[Conference] Mute Microphone') mutes the app's microphone, and Unmute unmutes it", async () => {
    await host.page.evaluate(() => window.PEX.dispatchAction({ type: '[Conference] Mute Microphone' }));
    await host.page.locator('.toolbar-audio-off__button-container').waitFor();
    await showPanel(guest, 'participants');
    await rosterEntry(guest, 'Hannah Host').locator('.badge--muted').waitFor();
    await host.page.evaluate(() => window.PEX.dispatchAction({ type: '[Conference] Unmute Microphone', payload: undefined }));
    await host.page.locator('.toolbar-audio-on__button-container').waitFor();
    await rosterEntry(guest, 'Hannah Host').locator('.badge--muted').waitFor({ state: 'detached' });
  });

  test('chat: RECEIVE_CHAT_MESSAGE has the text in payload.payload; the user\'s own message is SEND_CHAT_MESSAGE', async () => {
    await record('received', 'RECEIVE_CHAT_MESSAGE');
    await record('sent', 'SEND_CHAT_MESSAGE');
    await sendChat(guest, 'The thing I am looking for');
    await host.page.waitForFunction(() => window.seen.received.length === 1);
    const [received] = await seen('received');
    assert.equal(received.payload, 'The thing I am looking for');
    assert.equal(received.origin, 'Gary Guest');

    await sendChat(host, 'Found it');
    await host.page.waitForFunction(() => window.seen.sent.length === 1);
    assert.deepEqual(await seen('sent'), ['Found it']);
    await guest.page.locator('.chat__message', { hasText: 'Found it' }).waitFor();
  });

  test('a plugin that wraps the PexRTC callbacks sees the events, and the app keeps working under it', async () => {
    await host.page.evaluate(() => {
      // As published plugins do: replace the callback, call the previous one inside.
      const rtc = window.PEX.pexrtc;
      const previous = rtc.onChatMessage;
      window.wrapped = [];
      rtc.onChatMessage = function (message) {
        window.wrapped.push(message.payload);
        return previous.apply(this, arguments);
      };
    });
    await sendChat(guest, 'Through the wrapper');
    await host.page.waitForFunction(() => window.wrapped.includes('Through the wrapper'));
    await showPanel(host, 'chat');
    await host.page.locator('.chat__message', { hasText: 'Through the wrapper' }).waitFor();
  });

  test('PARTICIPANT_CONNECT_SUCCESS and PARTICIPANT_DISCONNECT_SUCCESS when someone else joins and leaves', async () => {
    await record('joined', 'PARTICIPANT_CONNECT_SUCCESS');
    await record('left', 'PARTICIPANT_DISCONNECT_SUCCESS');
    const carl = await restJoin(suite.node.url, room, 'Carl Caller', { pin: GUEST_PIN });
    await host.page.waitForFunction(() => window.seen.joined.some((p) => p.name === 'Carl Caller'));
    const joined = (await seen('joined')).find((/** @type {any} */ p) => p.name === 'Carl Caller');
    assert.equal(joined.uuid, carl.uuid);
    assert.equal(joined.role, 'guest');

    await carl.leave();
    await host.page.waitForFunction((uuid) => window.seen.left.includes(uuid), carl.uuid);
    await rosterEntry(host, 'Carl Caller').waitFor({ state: 'detached' });
  });
});
