// The event stream: GET …/events (text/event-stream): initial sync, live events, ids,
// resuming with Last-Event-ID.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api, validateConferenceStatus, validateParticipant } from './iapi.mjs';
import { join } from './client.mjs';
import { GUEST_PIN, HOST_PIN } from './rooms.mjs';
import { useNode, roomPool, hostAndGuest } from './suite.mjs';

const node = useNode('events');
const rooms = roomPool('events');

/** Every event's data is valid JSON (PexRTC JSON.parses all of them). */
function assertAllJson(stream) {
  const broken = stream.events.filter((e) => e.jsonError);
  assert.deepEqual(broken.map((e) => `${e.event}: ${e.data}`), [], 'event data must be JSON');
}

/** Events carrying an id, after `after`. */
function withIds(stream, after = 0) {
  return stream.events.slice(after).filter((e) => e.id !== undefined && e.id !== '');
}

describe('connecting', () => {
  for (const auth of ['query', 'header']) {
    test(`token as ${auth === 'query' ? '?token=' : 'the token header'}: sync begin, one create per participant, end`, async () => {
      const { host, guest } = await hostAndGuest(node, rooms.pinned());
      const stream = await guest.events({ auth });
      const creates = await stream.synced();
      assert.equal(stream.events[0].event, 'participant_sync_begin', 'the stream starts with the sync');
      assert.equal(stream.events[0].json, null, 'participant_sync_begin data is null');
      assert.deepEqual(creates.map((e) => e.event), ['participant_create', 'participant_create']);
      for (const event of creates) validateParticipant(event.json, 'participant_create during sync');
      assert.deepEqual(
        creates.map((e) => e.json.uuid).sort(),
        [host.uuid, guest.uuid].sort(),
      );
      const end = stream.received('participant_sync_end')[0];
      assert.equal(end.json, null, 'participant_sync_end data is null');
      assertAllJson(stream);
      stream.close();
    });
  }
});

describe('live events', () => {
  test('participant_create, participant_update, participant_delete', async () => {
    const room = rooms.pinned();
    const host = await join(node, room, { name: 'Host', pin: HOST_PIN });
    const stream = await host.events();
    await stream.synced();
    let mark = stream.mark();

    const guest = await join(node, room, { name: 'Late Guest', pin: GUEST_PIN });
    const created = await stream.waitFor('participant_create', (d) => d.uuid === guest.uuid, { after: mark });
    validateParticipant(created.json, 'participant_create');
    assert.equal(created.json.display_name, 'Late Guest');
    assert.equal(created.json.role, 'guest');

    mark = stream.mark();
    await host.ok(api.muteParticipant, { participant: guest.uuid });
    const updated = await stream.waitFor(
      'participant_update',
      (d) => d.uuid === guest.uuid && d.is_muted === 'YES',
      { after: mark },
    );
    validateParticipant(updated.json, 'participant_update');

    mark = stream.mark();
    await guest.release();
    const deleted = await stream.waitFor('participant_delete', (d) => d.uuid === guest.uuid, { after: mark });
    assert.deepEqual(Object.keys(deleted.json), ['uuid']);
    assertAllJson(stream);
    stream.close();
  });

  test('conference_update on muteguests and lock, valid for Pexip\'s client', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const guestStream = await guest.events();
    const hostStream = await host.events();
    await Promise.all([guestStream.synced(), hostStream.synced()]);
    let mark = guestStream.mark();
    await host.ok(api.muteguests);
    const muted = await guestStream.waitFor('conference_update', (d) => d.guests_muted === true, { after: mark });
    validateConferenceStatus(muted.json, 'conference_update after muteguests');
    mark = hostStream.mark();
    await host.ok(api.lock);
    const locked = await hostStream.waitFor('conference_update', (d) => d.locked === true, { after: mark });
    validateConferenceStatus(locked.json, 'conference_update after lock');
    assertAllJson(guestStream);
    assertAllJson(hostStream);
    guestStream.close();
    hostStream.close();
  });

  test('layout after transform_layout', async () => {
    const host = await join(node, rooms.open());
    const stream = await host.events();
    await stream.synced();
    const mark = stream.mark();
    await host.ok(api.transformLayout, { body: { transforms: { layout: '4:0' } } });
    const layout = await stream.waitFor('layout', (d) => d?.view === '4:0', { after: mark });
    assert.ok(Array.isArray(layout.json.participants));
    stream.close();
  });

  test('message_received at the others, not at the sender', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const hostStream = await host.events();
    const guestStream = await guest.events();
    await Promise.all([hostStream.synced(), guestStream.synced()]);
    await host.ok(api.messageConference, { body: { type: 'text/plain', payload: 'ping' } });
    const message = await guestStream.waitFor('message_received');
    assert.deepEqual(
      { origin: message.json.origin, uuid: message.json.uuid, type: message.json.type, payload: message.json.payload },
      { origin: host.name, uuid: host.uuid, type: 'text/plain', payload: 'ping' },
    );
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(hostStream.received('message_received').length, 0);
    hostStream.close();
    guestStream.close();
  });

  test('refer to the transferred participant only', async () => {
    const room = rooms.pinned();
    const { host, guest } = await hostAndGuest(node, room);
    const hostStream = await host.events();
    const guestStream = await guest.events();
    await Promise.all([hostStream.synced(), guestStream.synced()]);
    const target = rooms.open();
    await host.ok(api.transferParticipant, {
      participant: guest.uuid,
      body: { conference_alias: target, role: 'guest' },
    });
    const refer = await guestStream.waitFor('refer');
    assert.equal(refer.json.alias, target);
    assert.equal(typeof refer.json.token, 'string');
    assert.equal(hostStream.received('refer').length, 0, 'the host gets no refer');
    hostStream.close();
    guestStream.close();
  });

  test('disconnect with a reason to the disconnected participant', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const guestStream = await guest.events();
    const hostStream = await host.events();
    await Promise.all([guestStream.synced(), hostStream.synced()]);
    const mark = hostStream.mark();
    await host.ok(api.disconnectParticipant, { participant: guest.uuid });
    const bye = await guestStream.waitFor('disconnect');
    assert.equal(typeof bye.json.reason, 'string');
    assert.ok(bye.json.reason.length > 0);
    await hostStream.waitFor('participant_delete', (d) => d.uuid === guest.uuid, { after: mark });
    assert.equal(hostStream.received('disconnect').length, 0, 'the host is not disconnected');
    guestStream.close();
    hostStream.close();
  });

  test('refresh_token to a participant whose role changed', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const guestStream = await guest.events();
    await guestStream.synced();
    const mark = guestStream.mark();
    await host.ok(api.roleParticipant, { participant: guest.uuid, body: { role: 'chair' } });
    await guestStream.waitFor('refresh_token', () => true, { after: mark });
    assert.equal((await guest.refresh()).role, 'HOST');
    assertAllJson(guestStream);
    guestStream.close();
  });
});

describe('event ids and resuming', () => {
  test('ids are sequential integers per conference', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const stream = await host.events();
    await stream.synced();
    const mark = stream.mark();
    await host.ok(api.muteParticipant, { participant: guest.uuid });
    await host.ok(api.unmuteParticipant, { participant: guest.uuid });
    await host.ok(api.lock);
    await host.ok(api.unlock);
    await host.ok(api.overlaytextParticipant, { participant: guest.uuid, body: { text: 'done' } });
    await stream.waitFor('participant_update', (d) => d.overlay_text === 'done', { after: mark });
    const live = stream.events.slice(mark);
    assert.ok(live.length >= 5, stream.describe());
    for (const event of live) assert.match(event.id ?? '', /^\d+$/, `id of ${event.event}: ${stream.describe()}`);
    const ids = live.map((e) => Number(e.id));
    for (let i = 1; i < ids.length; i += 1) {
      assert.equal(ids[i], ids[i - 1] + 1, `ids follow each other: ${ids.join(',')}`);
    }
    stream.close();
  });

  test('Last-Event-ID resumes without re-sync and without loss', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const observer = await host.events();
    await observer.synced();
    const first = await guest.events();
    await first.synced();
    const mark = first.mark();
    await host.ok(api.overlaytextParticipant, { participant: guest.uuid, body: { text: 'before' } });
    const last = await first.waitFor('participant_update', (d) => d.overlay_text === 'before', { after: mark });
    assert.match(last.id ?? '', /^\d+$/, 'live events carry an integer id');
    first.close();
    await first.done;

    await host.ok(api.muteParticipant, { participant: guest.uuid });
    await host.ok(api.overlaytextParticipant, { participant: guest.uuid, body: { text: 'while away' } });
    await host.ok(api.videoMuteParticipant, { participant: guest.uuid });
    await observer.waitFor('participant_update', (d) => d.is_video_muted === true);

    const resumed = await guest.events({ lastEventId: last.id });
    await resumed.waitFor('participant_update', (d) => d.is_video_muted === true);
    assert.equal(resumed.received('participant_sync_begin').length, 0, `no re-sync: ${resumed.describe()}`);
    const missed = withIds(observer).filter((e) => Number(e.id) > Number(last.id));
    const replayed = withIds(resumed).slice(0, missed.length);
    assert.deepEqual(
      replayed.map((e) => `${e.id} ${e.event}`),
      missed.map((e) => `${e.id} ${e.event}`),
      'the resumed stream replays exactly the events that were missed',
    );
    assert.equal(Number(replayed[0].id), Number(last.id) + 1, 'no gap after the last seen id');
    observer.close();
    resumed.close();
  });

  for (const [name, lastEventId] of [
    ['an unknown (future) id', '987654321'],
    ['a malformed id', 'not-an-id'],
  ]) {
    test(`${name} in Last-Event-ID gives a full re-sync`, async () => {
      const { guest } = await hostAndGuest(node, rooms.pinned());
      const stream = await guest.events({ lastEventId });
      const creates = await stream.synced();
      assert.equal(stream.events[0].event, 'participant_sync_begin');
      assert.equal(creates.length, 2);
      stream.close();
    });
  }

  /**
   * Connects the guest, notes the id of a live event, disconnects, lets the host cause `count`
   * participant_update events, and reconnects with that id. Returns the resumed stream (after
   * the final event arrived) and the id it resumed from.
   */
  async function burstThenResume(count) {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const first = await guest.events();
    await first.synced();
    const mark = first.mark();
    await host.ok(api.overlaytextParticipant, { participant: guest.uuid, body: { text: 'start' } });
    const last = await first.waitFor('participant_update', (d) => d.overlay_text === 'start', { after: mark });
    first.close();
    await first.done;
    const batch = 20;
    for (let i = 0; i < count - 1; i += batch) {
      const size = Math.min(batch, count - 1 - i);
      await Promise.all(
        Array.from({ length: size }, (_, j) =>
          host.ok(api.overlaytextParticipant, { participant: guest.uuid, body: { text: `n${i + j}` } }),
        ),
      );
    }
    await host.ok(api.overlaytextParticipant, { participant: guest.uuid, body: { text: 'final' } });
    const resumed = await guest.events({ lastEventId: last.id });
    const caughtUp = (d, e) =>
      (e.event === 'participant_update' && d.overlay_text === 'final') || e.event === 'participant_sync_end';
    await resumed.waitFor(null, caughtUp, { timeout: 30_000 });
    return { resumed, lastId: Number(last.id) };
  }

  test('a gap of 1 200 events is replayed completely, without re-sync', async () => {
    const { resumed, lastId } = await burstThenResume(1_200);
    assert.notEqual(resumed.events[0].event, 'participant_sync_begin', 'no re-sync');
    const ids = withIds(resumed).map((e) => Number(e.id));
    assert.equal(ids[0], lastId + 1, 'resumes right after the last seen id');
    for (let i = 1; i < ids.length; i += 1) assert.equal(ids[i], ids[i - 1] + 1, 'no gap while resuming');
    assert.ok(ids.length >= 1_200, `every missed event is replayed (${ids.length})`);
    resumed.close();
  });

  // The architecture keeps a bounded resume buffer (4 096 events in client-api today); a gap
  // larger than any such buffer must end in a full re-sync, never in a silent loss.
  test('a gap of 6 000 events (older than the resume buffer) gives a full re-sync', async () => {
    const { resumed } = await burstThenResume(6_000);
    assert.equal(resumed.events[0].event, 'participant_sync_begin', 'the stream re-syncs');
    const creates = await resumed.synced();
    assert.equal(creates.length, 2);
    const guestEntry = creates.find((e) => e.json.overlay_text === 'final');
    assert.ok(guestEntry, 'the re-sync shows the current state');
    resumed.close();
  });
});
