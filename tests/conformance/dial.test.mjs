// dial: dial-out participants, the built-in far ends (answer after ~1 s, "busy"/"reject"
// fail) and the configured dial rules ("slow" answers after 3 s, "nobody" fails after 0.3 s).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api, validateParticipant } from './iapi.mjs';
import { join, eventually, sleep } from './client.mjs';
import { raw, assertFailure } from './http.mjs';
import { HOST_PIN } from './rooms.mjs';
import { useNode, roomPool, hostAndGuest, UUID } from './suite.mjs';

const node = useNode('dial');
const rooms = roomPool('dial');

const dial = (member, body) =>
  member.ok(api.dial, { body: { role: 'GUEST', protocol: 'sip', ...body } });

describe('dial', () => {
  test('returns one uuid; the participant connects, then joins about a second later', async () => {
    const host = await join(node, rooms.open(), { name: 'Dialler' });
    const events = await host.events();
    await events.synced();
    const mark = events.mark();
    const dialled = await dial(host, { destination: 'sip:alice@example.com' });
    assert.equal(dialled.length, 1, 'one participant is dialled');
    const [uuid] = dialled;
    assert.match(uuid, UUID);

    const connecting = await host.participant(uuid);
    assert.ok(connecting, 'the dialled participant is listed at once');
    assert.equal(connecting.call_direction, 'out');
    assert.equal(connecting.service_type, 'connecting');
    assert.equal(connecting.role, 'guest');
    assert.equal(connecting.protocol, 'sip');

    const created = await events.waitFor('participant_create', (d) => d.uuid === uuid, { after: mark });
    validateParticipant(created.json, 'participant_create of the dialled participant');
    assert.equal(created.json.service_type, 'connecting');
    const answered = await events.waitFor(
      'participant_update',
      (d) => d.uuid === uuid && d.service_type === 'conference',
      { after: created.index, timeout: 4_000 },
    );
    validateParticipant(answered.json, 'participant_update of the answered participant');
    assert.equal(answered.json.call_direction, 'out');
    assert.equal((await host.participant(uuid)).service_type, 'conference');
    events.close();
  });

  test('a destination containing "busy" fails: result [] and nobody is left', async () => {
    const host = await join(node, rooms.open());
    const result = await dial(host, { destination: 'sip:busy@example.com' });
    assert.deepEqual(result, []);
    await sleep(300);
    assert.deepEqual((await host.participants()).map((p) => p.uuid), [host.uuid]);
  });

  test('a destination containing "reject" fails too', async () => {
    const host = await join(node, rooms.open());
    assert.deepEqual(await dial(host, { destination: 'sip:reject@example.com' }), []);
    await sleep(300);
    assert.deepEqual((await host.participants()).map((p) => p.uuid), [host.uuid]);
  });

  test('rtmp:// destinations are rtmp participants', async () => {
    const host = await join(node, rooms.open());
    const [uuid] = await dial(host, { destination: 'rtmp://stream.example.com/live/key', protocol: 'rtmp' });
    assert.equal((await host.participant(uuid)).protocol, 'rtmp');
  });

  test('streaming "yes" makes a streaming participant', async () => {
    const host = await join(node, rooms.open());
    const [uuid] = await dial(host, {
      destination: 'rtmp://stream.example.com/live/other',
      protocol: 'rtmp',
      streaming: 'yes',
    });
    assert.equal((await host.participant(uuid)).is_streaming_conference, true);
  });

  test('role HOST dials a chair, remote_display_name names it', async () => {
    const host = await join(node, rooms.open());
    const [uuid] = await dial(host, {
      destination: 'sip:bob@example.com',
      role: 'HOST',
      remote_display_name: 'Bob Builder',
    });
    const dialled = await host.participant(uuid);
    assert.equal(dialled.role, 'chair');
    assert.equal(dialled.display_name, 'Bob Builder');
  });

  test('dial rule "slow": still connecting after 1.5 s, answered after about 3 s', async () => {
    const host = await join(node, rooms.open());
    const [uuid] = await dial(host, { destination: 'sip:slow-carol@example.com' });
    await sleep(1_500);
    assert.equal((await host.participant(uuid))?.service_type, 'connecting');
    await eventually(async () => (await host.participant(uuid))?.service_type === 'conference', {
      timeout: 4_000,
      what: 'the slow far end answers',
    });
  });

  test('dial rule "nobody" (answer = false): nobody is left in the conference', async () => {
    const host = await join(node, rooms.open());
    const result = await dial(host, { destination: 'sip:nobody@example.com' });
    assert.ok(result.length <= 1, 'at most one participant is dialled');
    await eventually(async () => (await host.participants()).length === 1, {
      timeout: 3_000,
      what: 'the unanswered participant is removed',
    });
  });

  test('a guest may not dial: 403 with a reason', async () => {
    const { guest } = await hostAndGuest(node, rooms.pinned());
    const answer = await raw(node, guest.alias, 'dial', {
      token: guest.token,
      json: { role: 'GUEST', protocol: 'sip', destination: 'sip:eve@example.com' },
    });
    assertFailure(answer, 403, 'dial as guest');
  });

  test('the dialled participant can be disconnected by the host', async () => {
    const host = await join(node, rooms.pinned(), { pin: HOST_PIN });
    const [uuid] = await dial(host, { destination: 'sip:dave@example.com' });
    const result = await host.ok(api.disconnectParticipant, { participant: uuid });
    assert.ok(result === true || result === null);
    await eventually(async () => !(await host.participant(uuid)), { what: 'the dialled participant is gone' });
  });
});

describe('transferring a dialled participant', () => {
  test('to a room that refuses it (full) fails, and the participant stays where it was', async () => {
    const host = await join(node, rooms.open(), { name: 'Dialler' });
    const [uuid] = await dial(host, { destination: 'sip:carol@example.com' });
    await eventually(async () => (await host.participant(uuid))?.service_type === 'conference', { what: 'answered' });
    const full = rooms.limited();
    await join(node, full, { name: 'First' });
    await join(node, full, { name: 'Second' });

    const answer = await raw(node, host.alias, `participants/${uuid}/transfer`, {
      token: host.token,
      json: { conference_alias: full },
    });
    assert.notEqual(answer.status, 200, 'the full room refuses the transfer');
    const back = await eventually(async () => host.participant(uuid), { what: 'the participant is back in its room' });
    assert.equal(back.service_type, 'conference');
  });
});
