// Conference-level requests: participants, conference_status, lock/unlock and the waiting
// room, muteguests, set_guests_can_unmute, start_conference, disconnect (all), message,
// layouts, spotlights, buzz, message text.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api } from './iapi.mjs';
import { join, eventually, sleep } from './client.mjs';
import { raw, assertEnvelope, assertFailure } from './http.mjs';
import { GUEST_PIN, HOST_PIN } from './rooms.mjs';
import { useNode, roomPool, hostAndGuest } from './suite.mjs';

const node = useNode('conference');
const rooms = roomPool('conference');

describe('participants', () => {
  test('host and guest both get the full, valid list with their own entries', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    for (const viewer of [host, guest]) {
      const list = await viewer.participants();
      assert.equal(list.length, 2, `${viewer.name} sees both participants`);
      const me = list.find((p) => p.uuid === viewer.uuid);
      assert.ok(me, `${viewer.name} is in the list`);
      assert.equal(me.display_name, viewer.name);
    }
    const list = await host.participants();
    const hostEntry = list.find((p) => p.uuid === host.uuid);
    const guestEntry = list.find((p) => p.uuid === guest.uuid);
    assert.equal(hostEntry.role, 'chair');
    assert.equal(guestEntry.role, 'guest');
    for (const entry of [hostEntry, guestEntry]) {
      assert.equal(entry.call_direction, 'in');
      assert.equal(entry.protocol, 'api', 'Infinity Connect clients are reported as "api"');
      assert.equal(entry.service_type, 'conference');
      assert.equal(entry.is_muted, 'NO');
      assert.equal(entry.is_video_muted, false);
      assert.equal(entry.buzz_time, 0);
      assert.equal(entry.spotlight, 0);
      assert.equal(entry.is_presenting, 'NO');
      assert.ok(entry.start_time > 1_600_000_000, 'start_time is epoch seconds');
      assert.equal(entry.rx_presentation_policy, 'ALLOW');
    }
  });

  test('a participant who left is no longer listed', async () => {
    const room = rooms.open();
    const first = await join(node, room, { name: 'First' });
    const second = await join(node, room, { name: 'Second' });
    await second.release();
    const list = await first.participants();
    assert.deepEqual(list.map((p) => p.uuid), [first.uuid]);
  });
});

describe('conference_status', () => {
  test('is valid for host and guest, unlocked and not muted at start', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    for (const viewer of [host, guest]) {
      const status = await viewer.conferenceStatus();
      assert.equal(status.locked, false);
      assert.equal(status.guests_muted, false);
      assert.equal(typeof status.started, 'boolean');
    }
  });

  test('a room configured locked starts locked', async () => {
    const host = await join(node, rooms.locked(), { pin: HOST_PIN });
    assert.equal((await host.conferenceStatus()).locked, true);
  });

  test('a room configured with guests muted starts with guests_muted and muted guests', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.muted());
    assert.equal((await host.conferenceStatus()).guests_muted, true);
    assert.equal((await host.participant(guest.uuid)).is_muted, 'YES');
    assert.equal((await host.participant(host.uuid)).is_muted, 'NO');
  });
});

describe('lock, unlock and the waiting room', () => {
  test('lock: a new guest waits; the host admits it with participants/<uuid>/unlock', async () => {
    const room = rooms.pinned();
    const host = await join(node, room, { name: 'Host', pin: HOST_PIN });
    assert.equal(await host.ok(api.lock), true);
    assert.equal((await host.conferenceStatus()).locked, true);

    const guest = await join(node, room, { name: 'Waiting Guest', pin: GUEST_PIN });
    assert.equal(guest.result.role, 'GUEST');
    assert.equal(guest.result.current_service_type, 'waiting_room');
    const waiting = await host.participant(guest.uuid);
    assert.ok(waiting, 'the host sees the waiting guest');
    assert.equal(waiting.service_type, 'waiting_room');

    assert.equal(await host.ok(api.unlockParticipant, { participant: guest.uuid }), true);
    await eventually(async () => (await host.participant(guest.uuid))?.service_type === 'conference', {
      what: 'the admitted guest is in the conference',
    });
  });

  test('a host joining a locked conference goes straight in', async () => {
    const room = rooms.pinned();
    const first = await join(node, room, { name: 'First host', pin: HOST_PIN });
    await first.ok(api.lock);
    const second = await join(node, room, { name: 'Second host', pin: HOST_PIN });
    assert.equal(second.result.current_service_type, 'conference');
  });

  test('unlock: later guests join directly', async () => {
    const room = rooms.locked();
    const host = await join(node, room, { pin: HOST_PIN });
    assert.equal(await host.ok(api.unlock), true);
    assert.equal((await host.conferenceStatus()).locked, false);
    const guest = await join(node, room, { pin: GUEST_PIN });
    assert.equal(guest.result.current_service_type, 'conference');
  });

  test('unlocking the conference admits the guests who wait', async () => {
    const room = rooms.locked();
    const host = await join(node, room, { pin: HOST_PIN });
    const guest = await join(node, room, { pin: GUEST_PIN });
    assert.equal(guest.result.current_service_type, 'waiting_room');
    await host.ok(api.unlock);
    await eventually(async () => (await host.participant(guest.uuid))?.service_type === 'conference', {
      what: 'the waiting guest is admitted when the conference is unlocked',
    });
  });
});

describe('muteguests, unmuteguests, set_guests_can_unmute', () => {
  test('muteguests mutes guests only, unmuteguests undoes it', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    assert.equal(await host.ok(api.muteguests), true);
    assert.equal((await host.conferenceStatus()).guests_muted, true);
    assert.equal((await host.participant(guest.uuid)).is_muted, 'YES');
    assert.equal((await host.participant(host.uuid)).is_muted, 'NO');
    assert.equal(await host.ok(api.unmuteguests), true);
    assert.equal((await host.conferenceStatus()).guests_muted, false);
    assert.equal((await host.participant(guest.uuid)).is_muted, 'NO');
  });

  test('guests joining while guests are muted join muted', async () => {
    const room = rooms.pinned();
    const host = await join(node, room, { pin: HOST_PIN });
    await host.ok(api.muteguests);
    const guest = await join(node, room, { pin: GUEST_PIN });
    assert.equal((await host.participant(guest.uuid)).is_muted, 'YES');
  });

  test('set_guests_can_unmute is reflected in conference_status', async () => {
    const { host } = await hostAndGuest(node, rooms.pinned());
    assert.equal(await host.ok(api.setGuestsCanUnmute, { body: { setting: true } }), true);
    assert.equal((await host.conferenceStatus()).guests_can_unmute, true);
    assert.equal(await host.ok(api.setGuestsCanUnmute, { body: { setting: false } }), true);
    assert.equal((await host.conferenceStatus()).guests_can_unmute, false);
  });
});

describe('start_conference and disconnect (all)', () => {
  test('start_conference: result true and the conference is started', async () => {
    const { host } = await hostAndGuest(node, rooms.pinned());
    assert.equal(await host.ok(api.startConference), true);
    assert.equal((await host.conferenceStatus()).started, true);
  });

  test('disconnect ends everyone, the caller included', async () => {
    const room = rooms.pinned();
    const { host, guest } = await hostAndGuest(node, room);
    const hostEvents = await host.events();
    const guestEvents = await guest.events();
    await Promise.all([hostEvents.synced(), guestEvents.synced()]);
    assert.equal(await host.ok(api.disconnect), true);
    for (const stream of [hostEvents, guestEvents]) {
      const event = await stream.waitFor('disconnect');
      assert.equal(typeof event.json?.reason, 'string', 'disconnect carries a reason');
      stream.close();
    }
    for (const member of [host, guest]) {
      const answer = await raw(node, room, 'participants', { token: member.token });
      assertFailure(answer, 403, `participants after disconnect (${member.name})`);
    }
    const newcomer = await join(node, room, { pin: HOST_PIN, name: 'Newcomer' });
    assert.deepEqual((await newcomer.participants()).map((p) => p.uuid), [newcomer.uuid]);
  });
});

describe('message (conference chat)', () => {
  test('reaches the others as message_received, not the sender', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const hostEvents = await host.events();
    const guestEvents = await guest.events();
    await Promise.all([hostEvents.synced(), guestEvents.synced()]);
    const hostMark = hostEvents.mark();
    assert.equal(
      await guest.ok(api.messageConference, { body: { type: 'text/plain', payload: 'hello all' } }),
      true,
    );
    const received = await hostEvents.waitFor('message_received', (d) => d.payload === 'hello all', {
      after: hostMark,
    });
    assert.equal(received.json.origin, guest.name);
    assert.equal(received.json.uuid, guest.uuid);
    assert.equal(received.json.type, 'text/plain');
    assert.ok(!received.json.direct, 'a conference message is not direct');
    await sleep(300);
    assert.deepEqual(guestEvents.received('message_received'), [], 'not echoed to the sender');
    hostEvents.close();
    guestEvents.close();
  });

  test('application/json payloads are passed through', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const guestEvents = await guest.events();
    await guestEvents.synced();
    const payload = JSON.stringify({ kind: 'raise-hand', at: 1 });
    await host.ok(api.messageConference, { body: { type: 'application/json', payload } });
    const received = await guestEvents.waitFor('message_received');
    assert.equal(received.json.type, 'application/json');
    assert.equal(received.json.payload, payload);
    guestEvents.close();
  });
});

describe('layouts', () => {
  test('available_layouts lists layout names', async () => {
    const host = await join(node, rooms.open());
    for (const annotate of [false, true]) {
      const layouts = await host.ok(api.availableLayouts, { params: { annotate } });
      assert.ok(layouts.length > 0, 'some layouts are available');
      const names = layouts.map((l) => (typeof l === 'string' ? l : l.name));
      for (const name of ['1:0', '1:7', '4:0']) assert.ok(names.includes(name), `${name} is available`);
    }
  });

  test('transform_layout: result true and a layout event with the new view', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const guestEvents = await guest.events();
    await guestEvents.synced();
    const mark = guestEvents.mark();
    assert.equal(await host.ok(api.transformLayout, { body: { transforms: { layout: '1:7' } } }), true);
    const event = await guestEvents.waitFor('layout', (d) => d?.view === '1:7', { after: mark });
    assert.ok(Array.isArray(event.json.participants), 'layout.participants is a list');
    guestEvents.close();
  });

  test('transform_layout with an illegal layout: 400 with a reason', async () => {
    const host = await join(node, rooms.open());
    const answer = await raw(node, host.alias, 'transform_layout', {
      token: host.token,
      json: { transforms: { layout: 'not-a-layout' } },
    });
    assertFailure(answer, 400, 'illegal transform_layout');
  });

  test('override_layout accepts a layout object', async () => {
    const host = await join(node, rooms.open());
    const answer = await raw(node, host.alias, 'override_layout', {
      token: host.token,
      json: { layouts: [{ layout: '1:7', participants: [host.uuid] }] },
    });
    assertEnvelope(answer, 200, 'success', 'override_layout');
  });
});

describe('spotlights and raised hands', () => {
  test('clearspotlights turns off every spotlight', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    await host.ok(api.spotlightonParticipant, { participant: host.uuid });
    await host.ok(api.spotlightonParticipant, { participant: guest.uuid });
    assert.ok((await host.participant(guest.uuid)).spotlight > 0);
    const answer = await raw(node, host.alias, 'clearspotlights', { method: 'POST', token: host.token });
    assertEnvelope(answer, 200, 'success', 'clearspotlights');
    for (const p of await host.participants()) assert.equal(p.spotlight, 0, `${p.display_name} spotlight`);
  });

  test('clearallbuzz lowers every raised hand', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    assert.equal(await guest.ok(api.buzzParticipant, { participant: guest.uuid }), true);
    assert.ok((await host.participant(guest.uuid)).buzz_time > 0, 'the hand is raised');
    assert.equal(await host.ok(api.clearAllBuzz), true);
    assert.equal((await host.participant(guest.uuid)).buzz_time, 0);
  });
});

describe('get_message_text / set_message_text', () => {
  test('set then get returns the text', async () => {
    const host = await join(node, rooms.open());
    const set = await raw(node, host.alias, 'set_message_text', {
      token: host.token,
      json: { text: 'Welcome to the meeting' },
    });
    assertEnvelope(set, 200, 'success', 'set_message_text');
    const get = await raw(node, host.alias, 'get_message_text', { token: host.token });
    assertEnvelope(get, 200, 'success', 'get_message_text');
    assert.equal(get.json.result.text, 'Welcome to the meeting');
  });
});
