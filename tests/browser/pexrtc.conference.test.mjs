// pexrtc.js in headless Chromium against a real node: two (or three) PexRTC instances in separate
// browser contexts hold a conference — roster, chat, host controls, waiting room, transfer,
// dial-out, presentation, event-stream recovery — and every control method hits its endpoint.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launchBrowser } from './helpers/browser.mjs';
import { startNode } from '../support/node.mjs';
import { openClient } from './helpers/pexrtc-page.mjs';
import { restJoin, takeOverEventStream } from './helpers/pexrtc-rest.mjs';
import { GUEST_PIN, HOST_PIN, roomPool, roomsConfig } from './helpers/pexrtc-rooms.mjs';

let node;
let browser;
const rooms = roomPool();
/** @type {Array<{close: () => Promise<void>}>} */
let openClients = [];

before(async () => {
  node = await startNode({ config: roomsConfig() });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await node?.stop();
});

/** Opens a PexRTC page that the end of the test closes. */
async function client() {
  const opened = await openClient(browser, node);
  openClients.push(opened);
  return opened;
}

async function closeAll() {
  const closing = openClients;
  openClients = [];
  for (const opened of closing) await opened.close();
}

/**
 * A host (host PIN) and a guest (guest PIN) in a fresh room with a PIN, each seeing the other.
 * @param {string} [room]
 */
async function hostAndGuest(room = rooms.pinned()) {
  const host = await client();
  await host.join(room, 'Hannah Host', { pin: HOST_PIN });
  const guest = await client();
  await guest.join(room, 'Gustav Guest', { pin: GUEST_PIN });
  const hostUuid = await host.prop('uuid');
  const guestUuid = await guest.prop('uuid');
  await host.waitFor('onParticipantCreate', ([p]) => p.uuid === guestUuid);
  await guest.waitFor('onParticipantCreate', ([p]) => p.uuid === hostUuid);
  return { room, host, guest, hostUuid, guestUuid };
}

/** @param {string} uuid */
const isFor = (uuid) => ([p]) => p.uuid === uuid;

test('roster: each instance sees the other arrive, change and leave, with onRosterList each time', async (t) => {
  t.after(closeAll);
  const room = rooms.open();
  const alice = await client();
  await alice.join(room, 'Alice');
  const bob = await client();
  await bob.join(room, 'Bob');
  const aliceUuid = await alice.prop('uuid');
  const bobUuid = await bob.prop('uuid');

  const [created] = await alice.waitFor('onParticipantCreate', isFor(bobUuid));
  assert.equal(created.display_name, 'Bob');
  await alice.waitFor('onRosterList', ([list]) => list.length === 2);
  const [list] = await bob.waitFor('onRosterList', ([l]) => l.length === 2);
  assert.deepEqual(list.map((p) => p.display_name).sort(), ['Alice', 'Bob']);
  assert.deepEqual((await bob.call('getRosterList')).map((p) => p.uuid).sort(), [aliceUuid, bobUuid].sort());

  await bob.call('setParticipantText', bobUuid, 'Bob (Oslo)');
  await alice.waitFor('onParticipantUpdate', ([p]) => p.uuid === bobUuid && p.overlay_text === 'Bob (Oslo)');

  await bob.call('disconnect');
  await alice.waitFor('onParticipantDelete', isFor(bobUuid));
  const [after] = await alice.waitFor('onRosterList', ([l]) => l.length === 1);
  assert.equal(after[0].uuid, aliceUuid);
});

test('chat crosses both ways; direct messages reach only their target; application messages are separate', async (t) => {
  t.after(closeAll);
  const { room, host, guest, hostUuid, guestUuid } = await hostAndGuest();
  const third = await client();
  await third.join(room, 'Thea Third', { pin: GUEST_PIN });

  await host.call('sendChatMessage', 'Welcome, everyone');
  const [toGuest] = await guest.waitFor('onChatMessage', ([m]) => m.payload === 'Welcome, everyone');
  assert.deepEqual(
    { origin: toGuest.origin, uuid: toGuest.uuid, type: toGuest.type },
    { origin: 'Hannah Host', uuid: hostUuid, type: 'text/plain' },
  );
  await third.waitFor('onChatMessage', ([m]) => m.payload === 'Welcome, everyone');

  await guest.call('sendChatMessage', 'Thanks, Hannah');
  const [toHost] = await host.waitFor('onChatMessage', ([m]) => m.payload === 'Thanks, Hannah');
  assert.equal(toHost.origin, 'Gustav Guest');

  await host.call('sendChatMessage', 'Just for you, Gustav', guestUuid);
  const [direct] = await guest.waitFor('onDirectMessage', ([m]) => m.payload === 'Just for you, Gustav');
  assert.equal(direct.direct, true);
  assert.equal(direct.uuid, hostUuid);
  // A broadcast after the direct message: once the third person has it, the direct one would have come first.
  await host.call('sendChatMessage', 'Back to everyone');
  await third.waitFor('onChatMessage', ([m]) => m.payload === 'Back to everyone');
  assert.deepEqual(await third.calls('onDirectMessage'), []);
  assert.ok(!(await third.calls('onChatMessage')).some(([m]) => m.payload.includes('Just for you')));
  assert.ok(!(await guest.calls('onChatMessage')).some(([m]) => m.payload.includes('Just for you')));

  await guest.call('sendApplicationMessage', { kind: 'reaction', emoji: 'thumbs-up' });
  const [app] = await host.waitFor('onApplicationMessage');
  assert.equal(app.type, 'application/json');
  assert.deepEqual(JSON.parse(app.payload), { kind: 'reaction', emoji: 'thumbs-up' });
  assert.ok(!(await host.calls('onChatMessage')).some(([m]) => m.type === 'application/json'));
});

test('a room whose guests need no PIN: onSetup says "optional"; an empty PIN joins as guest', async (t) => {
  t.after(closeAll);
  const room = rooms.hostpin();
  const guest = await client();
  await guest.call('makeCall', guest.nodeHost, room, 'Olga Optional', null, 'none');
  const [, pinStatus] = await guest.waitFor('onSetup');
  assert.equal(pinStatus, 'optional');
  await guest.call('connect', '');
  await guest.waitFor('onConnect', () => true, { failOn: ['onError'] });
  assert.equal(await guest.prop('role'), 'GUEST');
});

test('lock and waiting room: the host locks, a guest waits, the host admits them with unlockParticipant', async (t) => {
  t.after(closeAll);
  const room = rooms.pinned();
  const host = await client();
  await host.join(room, 'Hannah Host', { pin: HOST_PIN });
  await host.call('setConferenceLock', true);
  await host.waitFor('onConferenceUpdate', ([status]) => status.locked === true);

  const guest = await client();
  await guest.join(room, 'Walter Waiting', { pin: GUEST_PIN });
  assert.equal(await guest.prop('current_service_type'), 'waiting_room');
  const guestUuid = await guest.prop('uuid');
  const [waiting] = await host.waitFor('onParticipantCreate', isFor(guestUuid));
  assert.equal(waiting.service_type, 'waiting_room');

  await host.call('unlockParticipant', guestUuid);
  await host.waitFor('onParticipantUpdate', ([p]) => p.uuid === guestUuid && p.service_type === 'conference');
  await guest.waitFor('onParticipantUpdate', ([p]) => p.uuid === guestUuid && p.service_type === 'conference');
  assert.equal(await guest.prop('current_service_type'), 'conference', 'the library follows its own admission');

  await host.call('setConferenceLock', false);
  await host.waitFor('onConferenceUpdate', ([status]) => status.locked === false);
});

test('setMuteAllGuests mutes the guests and everyone sees it; setParticipantMute mutes one', async (t) => {
  t.after(closeAll);
  const { host, guest, hostUuid, guestUuid } = await hostAndGuest();

  await host.call('setMuteAllGuests', true);
  await guest.waitFor('onConferenceUpdate', ([status]) => status.guests_muted === true);
  await guest.waitFor('onParticipantUpdate', ([p]) => p.uuid === guestUuid && p.is_muted === 'YES');
  await host.call('setMuteAllGuests', false);
  await guest.waitFor('onConferenceUpdate', ([status]) => status.guests_muted === false);

  await host.call('setParticipantMute', guestUuid, false);
  await guest.waitFor('onParticipantUpdate', ([p]) => p.uuid === guestUuid && p.is_muted === 'NO');
  await host.call('setParticipantMute', guestUuid, true);
  await guest.waitFor('onParticipantUpdate', ([p]) => p.uuid === guestUuid && p.is_muted === 'YES');

  await guest.call('setBuzz');
  await host.waitFor('onParticipantUpdate', ([p]) => p.uuid === guestUuid && p.buzz_time > 0);
  await host.call('clearBuzz', guestUuid);
  await guest.waitFor('onParticipantUpdate', ([p]) => p.uuid === guestUuid && p.buzz_time === 0);

  await host.call('setParticipantSpotlight', hostUuid, true);
  await guest.waitFor('onParticipantUpdate', ([p]) => p.uuid === hostUuid && p.spotlight > 0);
  await host.call('clearSpotlights');
  await guest.waitFor('onParticipantUpdate', ([p]) => p.uuid === hostUuid && p.spotlight === 0);
});

test('disconnectParticipant: the guest gets onDisconnect with the reason, the host sees them leave', async (t) => {
  t.after(closeAll);
  const { host, guest, guestUuid } = await hostAndGuest();
  await host.call('disconnectParticipant', guestUuid);
  const [reason] = await guest.waitFor('onDisconnect');
  assert.equal(reason, 'Disconnected by another participant');
  await host.waitFor('onParticipantDelete', isFor(guestUuid));
  assert.equal(await guest.prop('state'), 'IDLE');
  assert.deepEqual(await guest.calls('onError'), []);
});

test('disconnectAll ends the conference for everyone, the caller included', async (t) => {
  t.after(closeAll);
  const { host, guest } = await hostAndGuest();
  await host.call('disconnectAll');
  const [guestReason] = await guest.waitFor('onDisconnect');
  const [hostReason] = await host.waitFor('onDisconnect');
  assert.equal(guestReason, 'Conference terminated by another participant');
  assert.equal(hostReason, guestReason);
});

test('setRole: the promoted guest learns it through a token refresh (onRoleUpdate), and back', async (t) => {
  t.after(closeAll);
  const { host, guest, guestUuid } = await hostAndGuest();
  assert.equal(await guest.prop('role'), 'GUEST');

  await host.call('setRole', guestUuid, 'chair');
  const [role] = await guest.waitFor('onRoleUpdate');
  assert.equal(role, 'HOST');
  assert.equal(await guest.prop('role'), 'HOST');
  await host.waitFor('onParticipantUpdate', ([p]) => p.uuid === guestUuid && p.role === 'chair');

  await host.call('setRole', guestUuid, 'guest');
  await guest.waitFor('onRoleUpdate', ([r]) => r === 'GUEST');
  const thrown = await host.page.evaluate((uuid) => {
    try {
      window.rtc.setRole(uuid, 'HOST');
      return null;
    } catch (error) {
      return String(error);
    }
  }, guestUuid);
  assert.match(thrown, /Invalid role/, "setRole accepts only 'chair' and 'guest'");
});

test('transfer: the guest is referred to another room and rejoins it with the one-time token', async (t) => {
  t.after(closeAll);
  const { host, guest, guestUuid } = await hostAndGuest();
  const target = rooms.pinned();
  const watcher = await client();
  await watcher.join(target, 'Wendy Watcher', { pin: HOST_PIN });

  const since = await guest.mark();
  await host.page.evaluate(
    ([uuid, alias]) => {
      window.transferResult = undefined;
      window.rtc.transferParticipant(uuid, alias, 'guest', null, (result) => {
        window.transferResult = result;
      });
    },
    [guestUuid, target],
  );
  await host.page.waitForFunction(() => window.transferResult !== undefined);
  assert.equal(await host.page.evaluate(() => window.transferResult), true);

  const [alias] = await guest.waitFor('onCallTransfer', () => true, { since });
  assert.equal(alias, target);
  const [stream, pinStatus] = await guest.waitFor('onSetup', () => true, { since });
  assert.deepEqual([stream, pinStatus], [null, 'none'], 'the one-time token needs no PIN');
  await guest.call('connect');
  await guest.waitFor('onConnect', () => true, { since });
  assert.equal(await guest.prop('conference'), target);
  assert.equal(await guest.prop('role'), 'GUEST');
  assert.equal(await guest.prop('state'), 'ACTIVE');
  const newUuid = await guest.prop('uuid');
  await watcher.waitFor('onParticipantCreate', ([p]) => p.uuid === newUuid && p.display_name === 'Gustav Guest');
  await host.waitFor('onParticipantDelete', isFor(guestUuid));
  assert.deepEqual(await guest.calls('onDisconnect'), [], 'a transfer is not a disconnect');
  assert.deepEqual(await guest.calls('onError'), []);
});

test('dialOut: the new participant appears connecting, then connected; a busy line answers no uuid', async (t) => {
  t.after(closeAll);
  const host = await client();
  await host.join(rooms.open(), 'Dora Dialer');
  await host.page.evaluate(() => {
    window.dialAnswers = [];
    window.rtc.dialOut('sip:alice@example.com', 'sip', 'guest', (answer) => window.dialAnswers.push(answer));
  });
  await host.page.waitForFunction(() => window.dialAnswers.length === 1);
  const [answer] = await host.page.evaluate(() => window.dialAnswers);
  assert.equal(answer.status, 'success');
  assert.equal(answer.result.length, 1);
  const [uuid] = answer.result;

  const [ringing] = await host.waitFor('onParticipantCreate', isFor(uuid));
  assert.equal(ringing.service_type, 'connecting');
  assert.equal(ringing.role, 'guest');
  await host.waitFor('onParticipantUpdate', ([p]) => p.uuid === uuid && p.service_type === 'conference');

  const busy = await host.call('dialOut', 'sip:busy@example.com', 'sip');
  assert.equal(busy.http_status, 200, 'without a callback dialOut answers synchronously');
  assert.deepEqual(busy.result, []);
});

test('layouts: available layouts through the callback, transformLayout reaches onLayoutUpdate', async (t) => {
  t.after(closeAll);
  const host = await client();
  await host.join(rooms.open(), 'Lena Layout');
  const layouts = await host.page.evaluate(
    () => new Promise((resolve) => window.rtc.getAvailableLayouts((answer) => resolve(answer.result))),
  );
  assert.ok(layouts.includes('1:7'), `1:7 among ${JSON.stringify(layouts)}`);

  await host.call('transformLayout', { layout: '1:7' });
  const [layout] = await host.waitFor('onLayoutUpdate', ([l]) => l.view === '1:7');
  assert.equal(layout.requested_layout.primary_screen.chair_layout, '1:7');

  const text = await host.page.evaluate(
    () =>
      new Promise((resolve) =>
        window.rtc.setMessageText('Back in 5', () =>
          window.rtc.getMessageText((answer) => resolve(answer.result.text)),
        ),
      ),
  );
  assert.equal(text, 'Back in 5');
});

test('presentation: taking the floor shows everyone onPresentation(true, name, uuid); releasing it onPresentation(false)', async (t) => {
  t.after(closeAll);
  const { host, guest, hostUuid } = await hostAndGuest();
  await host.page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    canvas.getContext('2d').fillRect(0, 0, 320, 180);
    window.rtc.user_presentation_stream = canvas.captureStream(5);
  });
  await host.call('present', 'screen');
  const [shared] = await host.waitFor('onScreenshareConnected');
  assert.deepEqual(shared, { mediaStream: true, audio: 0, video: 1 });
  const [active, presenter, presenterUuid] = await guest.waitFor('onPresentation', ([on]) => on === true);
  assert.equal(active, true);
  assert.equal(presenter, 'Hannah Host');
  assert.equal(presenterUuid, hostUuid);
  await guest.waitFor('onParticipantUpdate', ([p]) => p.uuid === hostUuid && p.is_presenting === 'YES');

  await host.call('present', null);
  const [reason] = await host.waitFor('onScreenshareStopped');
  assert.equal(reason, 'Presentation ended');
  const stopped = await guest.waitFor('onPresentation', ([on]) => on === false);
  assert.deepEqual(stopped, [false, null]);
});

test('the event stream recovers after it drops, and the re-sync reports only what changed meanwhile', async (t) => {
  t.after(closeAll);
  const room = rooms.open();
  const alice = await client();
  await alice.join(room, 'Alice');
  const bob = await restJoin(node.url, room, 'Bob');
  await alice.waitFor('onParticipantCreate', isFor(bob.uuid));

  // Keep Alice's page from reconnecting until we say so, then take her stream away.
  let refused = 0;
  const refuse = (route) => {
    refused += 1;
    return route.abort();
  };
  const isEventStream = (url) => url.pathname.endsWith('/events');
  await alice.context.route(isEventStream, refuse);
  const since = await alice.mark();
  const thief = await takeOverEventStream(node.url, room, await alice.prop('token'));
  await waitUntil(() => refused >= 1, 'the page tries to reconnect');
  thief.close();

  // While Alice is deaf: Bob leaves, Carol arrives.
  await bob.leave();
  const carol = await restJoin(node.url, room, 'Carol');
  await alice.context.unroute(isEventStream, refuse);

  await alice.waitFor('onSyncEnd', () => true, { since, timeout: 15_000 });
  const created = await alice.calls('onParticipantCreate', since);
  const deleted = await alice.calls('onParticipantDelete', since);
  assert.deepEqual(created.map(([p]) => p.display_name), ['Carol']);
  assert.deepEqual(deleted.map(([p]) => p.uuid), [bob.uuid]);
  assert.deepEqual(await alice.calls('onError'), []);
  assert.equal(await alice.prop('state'), 'ACTIVE');
  assert.deepEqual(
    (await alice.call('getRosterList')).map((p) => p.display_name).sort(),
    ['Alice', 'Carol'],
  );

  await carol.post('message', { type: 'text/plain', payload: 'Can you hear me?' });
  await alice.waitFor('onChatMessage', ([m]) => m.payload === 'Can you hear me?');
  await carol.leave();
});

/**
 * pexrtc.md §2.5: method(args) → method, path relative to the conference, JSON body (null: none).
 * `SELF` and `OTHER` stand for the caller's and another participant's uuid.
 */
const ENDPOINTS = [
  ['setConferenceLock', [true], 'POST', 'lock', null],
  ['setConferenceLock', [false], 'POST', 'unlock', null],
  ['setMuteAllGuests', [true], 'POST', 'muteguests', null],
  ['setMuteAllGuests', [false], 'POST', 'unmuteguests', null],
  ['setGuestsCanUnmute', [true], 'POST', 'set_guests_can_unmute', { setting: true }],
  ['startConference', [], 'POST', 'start_conference', null],
  ['getParticipants', [], 'GET', 'participants', null],
  ['sendChatMessage', ['hi'], 'POST', 'message', { type: 'text/plain', payload: 'hi' }],
  ['sendChatMessage', ['psst', 'OTHER'], 'POST', 'participants/OTHER/message', { type: 'text/plain', payload: 'psst' }],
  ['sendApplicationMessage', [{ a: 1 }], 'POST', 'message', { type: 'application/json', payload: '{"a":1}' }],
  ['dialOut', ['sip:carl@example.com', 'sip', 'GUEST', 'CB'], 'POST', 'dial',
    { destination: 'sip:carl@example.com', protocol: 'sip', role: 'GUEST' }],
  ['dialOut', ['rtmp://live.example.com/app/key', 'rtmp', 'HOST', 'CB', { overlay_text: 'Live', call_type: 'video' }],
    'POST', 'dial', { destination: 'rtmp://live.example.com/app/key', protocol: 'rtmp', role: 'HOST', streaming: 'yes', text: 'Live', call_type: 'video' }],
  ['overrideLayout', [{ layouts: [] }], 'POST', 'override_layout', { layouts: [] }],
  ['transformLayout', [{ layout: '4:0' }], 'POST', 'transform_layout', { transforms: { layout: '4:0' } }],
  ['getAvailableLayouts', ['CB'], 'GET', 'available_layouts', null],
  ['getPinningConfig', ['CB'], 'GET', 'get_pinning_config', null],
  ['setPinningConfig', ['grid'], 'POST', 'set_pinning_config', { pinning_config: 'grid' }],
  ['getClassificationLevel', ['CB'], 'GET', 'get_classification_level', null],
  ['setClassificationLevel', [2], 'POST', 'set_classification_level', { level: 2 }],
  ['getMessageText', ['CB'], 'GET', 'get_message_text', null],
  ['setMessageText', ['Hello'], 'POST', 'set_message_text', { text: 'Hello' }],
  ['clearSpotlights', [], 'POST', 'clearspotlights', null],
  ['clearAllBuzz', [], 'POST', 'clearallbuzz', null],
  ['setParticipantMute', ['OTHER', true], 'POST', 'participants/OTHER/mute', null],
  ['setParticipantMute', ['OTHER', false], 'POST', 'participants/OTHER/unmute', null],
  ['setParticipantTxMute', ['OTHER', true], 'POST', 'participants/OTHER/tx_mute', null],
  ['setParticipantTxMute', ['OTHER', false], 'POST', 'participants/OTHER/tx_unmute', null],
  ['setParticipantRxPresentation', ['OTHER', true], 'POST', 'participants/OTHER/allowrxpresentation', null],
  ['setParticipantRxPresentation', ['OTHER', false], 'POST', 'participants/OTHER/denyrxpresentation', null],
  ['setParticipantSpotlight', ['OTHER', true], 'POST', 'participants/OTHER/spotlighton', null],
  ['setParticipantSpotlight', ['OTHER', false], 'POST', 'participants/OTHER/spotlightoff', null],
  ['setParticipantText', ['OTHER', 'Carl'], 'POST', 'participants/OTHER/overlaytext', { text: 'Carl' }],
  ['setParticipantStudioSound', ['OTHER', true], 'POST', 'participants/OTHER/studiosound', { enabled: true }],
  ['setParticipantLayoutGroup', ['OTHER', 'g1'], 'POST', 'participants/OTHER/layout_group', { layout_group: 'g1' }],
  ['setRole', ['OTHER', 'guest'], 'POST', 'participants/OTHER/role', { role: 'guest' }],
  ['unlockParticipant', ['OTHER'], 'POST', 'participants/OTHER/unlock', null],
  ['holdParticipant', ['OTHER'], 'POST', 'participants/OTHER/hold', null],
  ['resumeParticipant', ['OTHER'], 'POST', 'participants/OTHER/resume', null],
  ['transferParticipant', ['OTHER', 'no-such-room', 'guest', '5678', 'CB'], 'POST', 'participants/OTHER/transfer',
    { conference_alias: 'no-such-room', role: 'guest', pin: '5678' }],
  ['setBuzz', [], 'POST', 'participants/SELF/buzz', null],
  ['clearBuzz', [], 'POST', 'participants/SELF/clearbuzz', null],
  ['clearBuzz', ['OTHER'], 'POST', 'participants/OTHER/clearbuzz', null],
  ['videoMuted', [], 'POST', 'participants/SELF/video_muted', null],
  ['videoUnmuted', ['OTHER'], 'POST', 'participants/OTHER/video_unmuted', null],
  ['clientMute', [], 'POST', 'participants/SELF/client_mute', null],
  ['clientUnmute', [], 'POST', 'participants/SELF/client_unmute', null],
  ['notifyNotAFK', [], 'POST', 'participants/SELF/notify_not_afk', null],
  ['setPresentationInMix', [true], 'POST', 'participants/SELF/pres_in_mix', { state: true }],
  ['showLiveCaptions', [], 'POST', 'participants/SELF/show_live_captions', null],
  ['hideLiveCaptions', [], 'POST', 'participants/SELF/hide_live_captions', null],
  ['requestAspectRatio', [1.5], 'POST', 'participants/SELF/preferred_aspect_ratio', { aspect_ratio: 1.5 }],
  ['setSendToAudioMixes', [[{ mix_name: 'main', prominent: false }]], 'POST', 'participants/SELF/send_to_audio_mixes',
    { mixes: [{ mix_name: 'main', prominent: false }] }],
  ['setReceiveFromAudioMix', ['main'], 'POST', 'participants/SELF/receive_from_audio_mix', { mix_name: 'main' }],
  ['sendDTMF', ['12#', 'OTHER'], 'POST', 'participants/OTHER/dtmf', { digits: '12#' }],
  ['sendFECC', ['start', 'pan', 'left', 'OTHER', 500], 'POST', 'participants/OTHER/fecc',
    { action: 'start', movement: [{ axis: 'pan', direction: 'left' }], timeout: 500 }],
  ['createBreakout', ['Room A', 600, 'transfer', { main: ['OTHER'] }, true, 'CB'], 'POST', 'breakouts',
    { name: 'Room A', duration: 600, end_action: 'transfer', participants: { main: ['OTHER'] }, guests_allowed_to_leave: true }],
  ['moveParticipantsFromBreakout', ['b-1', '', ['OTHER']], 'POST', 'breakouts/b-1/participants/breakout',
    { breakout_uuid: '', participants: ['OTHER'] }],
  ['closeBreakout', ['b-1'], 'POST', 'breakouts/b-1/disconnect', null],
  ['setBreakoutHand', [true], 'POST', 'breakoutbuzz', null],
  ['setBreakoutHand', [false], 'POST', 'clearbreakoutbuzz', null],
  ['leaveBreakout', [], 'POST', 'leavebreakout', null],
  ['disconnectParticipant', ['OTHER'], 'POST', 'participants/OTHER/disconnect', null],
];

test('every conference-control and participant method sends its request to its endpoint with the spec\'s body', async (t) => {
  t.after(closeAll);
  const room = rooms.open();
  const host = await client();
  await host.join(room, 'Rita Recorder');
  const other = await restJoin(node.url, room, 'Carl');
  const self = await host.prop('uuid');
  const prefix = `/api/client/v2/conferences/${room}/`;
  /** @type {Array<{method: string, path: string, body: any, token: string|null}>} */
  const seen = [];
  await host.context.route(
    (url) => url.pathname.startsWith(prefix) && !url.pathname.endsWith('/events'),
    (route) => {
      const request = route.request();
      const data = request.postData();
      seen.push({
        method: request.method(),
        path: new URL(request.url()).pathname.slice(prefix.length),
        body: data ? JSON.parse(data) : null,
        token: request.headers().token ?? null,
      });
      return route.continue();
    },
  );
  const token = await host.prop('token');
  const substitute = (value) =>
    JSON.parse(JSON.stringify(value).replaceAll('OTHER', other.uuid).replaceAll('SELF', self));

  for (const [method, args, httpMethod, path, body] of ENDPOINTS) {
    const before = seen.length;
    await host.page.evaluate(
      ([m, a]) => window.rtc[m](...a.map((arg) => (arg === 'CB' ? () => {} : arg))),
      [method, substitute(args)],
    );
    await waitUntil(() => seen.length > before, `a request from ${method}`);
    const sent = seen[before];
    const label = `${method}(${JSON.stringify(args)})`;
    assert.equal(sent.method, httpMethod, `${label}: HTTP method`);
    assert.equal(sent.path, substitute(path), `${label}: endpoint`);
    assert.deepEqual(sent.body, substitute(body), `${label}: body`);
    assert.equal(sent.token, token, `${label}: token header`);
  }
  assert.equal(await host.call('sendDTMF', '1'), false, "DTMF to 'call' needs a media call");
  assert.equal(await host.call('sendFECC', 'start', 'pan', 'left'), false, "FECC to 'call' needs a media call");
  await other.leave();
});

test('sendRequest (what Webapp2 plugins call): paths with a leading slash work; the callback gets the parsed answer', async (t) => {
  t.after(closeAll);
  const alice = await client();
  await alice.join(rooms.open(), 'Alice');
  const answer = await alice.page.evaluate(
    () =>
      new Promise((resolve) =>
        window.rtc.sendRequest('/participants/' + window.rtc.uuid + '/buzz', null, (e) =>
          resolve({ status: e.status, result: e.result, http: e.http_status, raw: JSON.parse(e.target.responseText) }),
        ),
      ),
  );
  assert.deepEqual(answer, { status: 'success', result: true, http: 200, raw: { status: 'success', result: true } });
  const uuid = await alice.prop('uuid');
  await alice.waitFor('onParticipantUpdate', ([p]) => p.uuid === uuid && p.buzz_time > 0);
});

test('events the node does not send yet are handled as the API intends (hold, frames, media, breakouts)', async (t) => {
  t.after(closeAll);
  const alice = await client();
  const room = rooms.open();
  await alice.join(room, 'Alice');
  const uuid = await alice.prop('uuid');
  await alice.page.evaluate(() => {
    const rtc = window.rtc;
    rtc.processEvent('on_hold', { setting: true });
    rtc.processEvent('presentation_frame', null, undefined, '42');
    rtc.processEvent('new_offer', { sdp: 'v=0' });
    rtc.processEvent('breakout_begin', { breakout_uuid: 'b-1', participant_uuid: 'p-in-b-1' });
    rtc.processEvent('breakout_event', {
      breakout_uuid: 'b-1',
      event: 'participant_create',
      data: { uuid: 'p-other', display_name: 'Bea Breakout' },
    });
    rtc.processEvent('breakout_event', { breakout_uuid: 'b-1', event: 'conference_update', data: { breakoutbuzz: { time: 5, value: true } } });
  });
  assert.deepEqual(await alice.waitFor('onHoldResume'), [true], 'on_hold reaches onHoldResume (v36 lost it)');
  const [url] = await alice.waitFor('onPresentationReload');
  assert.match(url, new RegExp(`^http://${alice.nodeHost}/api/client/v2/conferences/${room}/presentation_high\\.jpeg\\?id=42&token=`));
  const [breakout, event, participant] = await alice.waitFor('onBreakoutParticipant');
  assert.deepEqual([breakout, event, participant.display_name], ['b-1', 'participant_create', 'Bea Breakout']);
  assert.deepEqual(await alice.waitFor('onBreakoutHelp'), ['b-1', true]);

  const since = await alice.mark();
  await alice.page.evaluate(() => window.rtc.processEvent('breakout_refer', { breakout_uuid: 'b-1', breakout_name: 'Room B' }));
  assert.deepEqual(await alice.waitFor('onCallTransfer', () => true, { since }), ['Room B']);
  assert.equal(await alice.prop('breakout_prefix'), 'breakouts/b-1/');
  assert.equal(await alice.prop('uuid'), 'p-in-b-1');
  assert.deepEqual((await alice.calls('onParticipantDelete', since)).map(([p]) => p.uuid), [uuid]);
  assert.deepEqual((await alice.calls('onParticipantCreate', since)).map(([p]) => p.uuid), ['p-other']);

  await alice.page.evaluate(() => window.rtc.moveToBreakout(null));
  assert.equal(await alice.prop('breakout_prefix'), '');
  assert.equal(await alice.prop('uuid'), uuid);
  assert.equal(await alice.prop('state'), 'ACTIVE');
});

/**
 * @param {() => boolean} condition
 * @param {string} what
 */
async function waitUntil(condition, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
