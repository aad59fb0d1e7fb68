// request_token (no PIN, PIN flow, roles, errors), refresh_token, release_token.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api } from './iapi.mjs';
import { join, requestToken, eventually } from './client.mjs';
import { raw, assertEnvelope, assertFailure } from './http.mjs';
import { GUEST_PIN, HOST_PIN, secondAlias } from './rooms.mjs';
import { useNode, roomPool, UUID } from './suite.mjs';

const node = useNode('tokens');
const rooms = roomPool('tokens');

describe('request_token', () => {
  test('a room without PIN: 200 with a complete result, role HOST', async () => {
    const room = rooms.open();
    const answer = await requestToken(node, room, { name: 'Alice Adams' });
    assert.equal(answer.status, 200, JSON.stringify(answer.data));
    assert.equal(answer.data.status, 'success');
    const result = answer.data.result;
    assert.equal(typeof result.token, 'string');
    assert.ok(result.token.length >= 16, 'the token should not be guessable');
    assert.equal(typeof result.expires, 'string', 'expires is a string of seconds');
    assert.equal(result.expires, '120', 'expires follows token_expiry');
    assert.match(result.participant_uuid, UUID);
    assert.equal(result.display_name, 'Alice Adams');
    assert.equal(result.role, 'HOST');
    assert.equal(result.service_type, 'conference');
    assert.equal(result.current_service_type, 'conference');
    assert.equal(typeof result.version?.version_id, 'string', 'version.version_id');
    assert.equal(typeof result.version?.pseudo_version, 'string', 'version.pseudo_version');
    assert.ok(Array.isArray(result.stun), 'stun is a list');
    for (const server of result.stun) assert.equal(typeof server.url, 'string');
    assert.equal(typeof result.conference_name, 'string', 'conference_name');
    assert.equal(result.chat_enabled, true);
  });

  test('every request_token creates a distinct participant and token', async () => {
    const room = rooms.open();
    const first = await join(node, room, { name: 'One' });
    const second = await join(node, room, { name: 'One' });
    assert.notEqual(first.uuid, second.uuid);
    assert.notEqual(first.token, second.token);
  });

  test('the display name is echoed verbatim (unicode)', async () => {
    const member = await join(node, rooms.open(), { name: 'Zoë Ø 名前 🎥' });
    assert.equal(member.result.display_name, 'Zoë Ø 名前 🎥');
  });

  test('a room with host and guest PIN, no pin header: 403 asking for both', async () => {
    const answer = await requestToken(node, rooms.pinned());
    assert.equal(answer.status, 403);
    assert.equal(answer.data.status, 'success');
    assert.equal(answer.data.result.pin, 'required');
    assert.equal(answer.data.result.guest_pin, 'required');
    assert.equal(typeof answer.data.result.version, 'object');
  });

  test('a room with only a host PIN and guests allowed: 403 with guest_pin "none"', async () => {
    const answer = await requestToken(node, rooms.hostpin());
    assert.equal(answer.status, 403);
    assert.equal(answer.data.status, 'success');
    assert.equal(answer.data.result.pin, 'required');
    assert.equal(answer.data.result.guest_pin, 'none');
  });

  test('a wrong PIN: 403 {"status":"failed","result":"Invalid PIN"}', async () => {
    const answer = await requestToken(node, rooms.pinned(), { pin: '0000' });
    assert.equal(answer.status, 403);
    assert.deepEqual(answer.data, { status: 'failed', result: 'Invalid PIN' });
  });

  test('the host PIN joins as HOST, the guest PIN as GUEST', async () => {
    const room = rooms.pinned();
    const host = await join(node, room, { name: 'Host', pin: HOST_PIN });
    const guest = await join(node, room, { name: 'Guest', pin: GUEST_PIN });
    assert.equal(host.result.role, 'HOST');
    assert.equal(guest.result.role, 'GUEST');
    assert.equal(guest.result.current_service_type, 'conference');
  });

  test('pin "none" joins a room whose guests need no PIN as GUEST', async () => {
    const room = rooms.hostpin();
    await join(node, room, { name: 'Host', pin: HOST_PIN });
    const guest = await join(node, room, { name: 'Guest', pin: 'none' });
    assert.equal(guest.result.role, 'GUEST');
  });

  test('pin "none" is not accepted where a guest PIN is required', async () => {
    const answer = await requestToken(node, rooms.pinned(), { pin: 'none' });
    assert.equal(answer.status, 403);
    assert.ok(
      answer.data.result === 'Invalid PIN' || answer.data.result?.pin === 'required',
      `expected Invalid PIN or a PIN prompt, got ${JSON.stringify(answer.data)}`,
    );
  });

  test('an unknown alias: 404 "Neither conference nor gateway found"', async () => {
    const answer = await requestToken(node, 'no-such-room-anywhere');
    assert.equal(answer.status, 404);
    assert.deepEqual(answer.data, {
      status: 'failed',
      result: 'Neither conference nor gateway found',
    });
  });

  test('a Virtual Auditorium reports service_type "lecture"', async () => {
    const host = await join(node, rooms.lecture(), { pin: HOST_PIN });
    assert.equal(host.result.service_type, 'lecture');
    assert.equal(host.result.current_service_type, 'lecture');
  });

  test('chat_enabled follows the room configuration', async () => {
    const member = await join(node, rooms.nochat());
    assert.equal(member.result.chat_enabled, false);
  });

  test('every alias of a room reaches the same conference', async () => {
    const room = rooms.aliased();
    const host = await join(node, room, { name: 'Via name', pin: HOST_PIN });
    const guest = await join(node, secondAlias(room), { name: 'Via alias', pin: GUEST_PIN });
    const list = await host.participants();
    assert.ok(list.some((p) => p.uuid === guest.uuid), 'the guest joined via the second alias');
  });

  test('the built-in demo rooms of the contract: meet (no PIN) and secure (1234 / 5678)', async () => {
    const meet = await join(node, 'meet', { name: 'Demo' });
    assert.equal(meet.result.role, 'HOST');
    const prompt = await requestToken(node, 'secure');
    assert.equal(prompt.status, 403);
    const host = await join(node, 'secure', { pin: '1234' });
    assert.equal(host.result.role, 'HOST');
    const guest = await join(node, 'secure@example.com', { pin: '5678' });
    assert.equal(guest.result.role, 'GUEST');
  });

  test('participant_limit: the participant over the limit is refused', async () => {
    const room = rooms.limited();
    await join(node, room, { name: 'First' });
    await join(node, room, { name: 'Second' });
    const third = await requestToken(node, room, { name: 'Third' });
    assert.equal(third.status, 403, JSON.stringify(third.data));
    assert.equal(third.data.status, 'failed');
    assert.equal(third.data.result, 'Participant limit reached');
  });
});

describe('refresh_token', () => {
  test('returns a token, expires as a string and the role; the new token works', async () => {
    const member = await join(node, rooms.open());
    const result = await member.refresh();
    assert.equal(typeof result.token, 'string');
    assert.equal(result.expires, '120');
    assert.equal(result.role, 'HOST');
    const list = await member.participants();
    assert.ok(list.some((p) => p.uuid === member.uuid));
  });

  test('a guest refresh reports role GUEST', async () => {
    const room = rooms.pinned();
    await join(node, room, { pin: HOST_PIN });
    const guest = await join(node, room, { pin: GUEST_PIN });
    assert.equal((await guest.refresh()).role, 'GUEST');
  });

  test('an invalid token: 403 with the reason "Invalid token"', async () => {
    const member = await join(node, rooms.open());
    member.token = 'not-a-token';
    const answer = await member.call(api.refreshToken);
    assert.equal(answer.status, 403);
    assert.equal(answer.data.result, 'Invalid token');
  });
});

describe('release_token', () => {
  test('with the token header: result true, the participant leaves, the token dies', async () => {
    const room = rooms.open();
    const stayer = await join(node, room, { name: 'Stayer' });
    const leaver = await join(node, room, { name: 'Leaver' });
    const { token } = leaver;
    assert.equal(await leaver.release('bye'), true);
    await eventually(async () => !(await stayer.participant(leaver.uuid)), {
      what: 'the released participant is gone',
    });
    const after = await raw(node, room, 'participants', { token });
    assertFailure(after, 403, 'participants with a released token');
  });

  test('with ?token= and a text/plain body (navigator.sendBeacon)', async () => {
    const room = rooms.open();
    const stayer = await join(node, room, { name: 'Stayer' });
    const leaver = await join(node, room, { name: 'Beacon' });
    const answer = await raw(
      node,
      room,
      `release_token?token=${encodeURIComponent(leaver.token)}`,
      { method: 'POST', body: JSON.stringify({ reason: 'Browser closed' }), contentType: 'text/plain;charset=UTF-8' },
    );
    assertEnvelope(answer, 200, 'success', 'release_token?token=');
    assert.equal(answer.json.result, true);
    await eventually(async () => !(await stayer.participant(leaver.uuid)), {
      what: 'the released participant is gone',
    });
  });

  test('with no body at all', async () => {
    const member = await join(node, rooms.open());
    const answer = await raw(node, member.alias, 'release_token', { method: 'POST', token: member.token });
    assertEnvelope(answer, 200, 'success', 'release_token without body');
  });
});
