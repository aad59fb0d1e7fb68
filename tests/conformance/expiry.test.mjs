// Timers, on a node of its own with short timers: token_expiry = 10 s, waiting_room_timeout = 1 s.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api } from './iapi.mjs';
import { join, eventually, sleep } from './client.mjs';
import { raw, assertFailure } from './http.mjs';
import { startNode, usingSharedNode } from './node.mjs';
import { GUEST_PIN, HOST_PIN } from './rooms.mjs';
import { useNode, roomPool } from './suite.mjs';

const skip = usingSharedNode() ? 'needs its own node (PLUGBOARD_URL is set)' : false;
const TOKEN_EXPIRY = 10;
/** How long after its last refresh a participant may linger at most. */
const EXPIRY_DEADLINE_MS = TOKEN_EXPIRY * 1_500 + 2_000;
const node = skip
  ? { url: '' }
  : useNode('expiry', { token_expiry: TOKEN_EXPIRY, waiting_room_timeout: 1 });
const rooms = roomPool('expiry');

/** Refreshes `member`'s token every `interval` ms until the returned stop function is called. */
function keepAlive(member, interval = 2_000) {
  const timer = setInterval(() => member.refresh().catch(() => {}), interval);
  return () => clearInterval(timer);
}

describe('token expiry', { skip, concurrency: true }, () => {
  test('expires follows token_expiry', async () => {
    const member = await join(node, rooms.open());
    assert.equal(member.result.expires, String(TOKEN_EXPIRY));
    assert.equal((await member.refresh()).expires, String(TOKEN_EXPIRY));
  });

  test('a token_expiry the node will not honour is refused at start, not silently changed', async () => {
    let other;
    try {
      other = await startNode({ tag: 'expiry', token_expiry: 3 });
    } catch (error) {
      assert.match(String(error), /token_expiry/, 'the refusal names the setting');
      return;
    }
    try {
      const member = await join(other, rooms.open());
      assert.equal(member.result.expires, '3', 'token_expiry = 3 gives expires "3"');
    } finally {
      await other.stop();
    }
  });

  test('refreshing keeps a participant; not refreshing removes it and kills its token', async () => {
    const room = rooms.open();
    const keeper = await join(node, room, { name: 'Keeper' });
    const stop = keepAlive(keeper);
    try {
      const idle = await join(node, room, { name: 'Idle' });
      const events = await keeper.events();
      await events.synced();
      await events.waitFor('participant_delete', (d) => d.uuid === idle.uuid, {
        timeout: EXPIRY_DEADLINE_MS,
      });
      const answer = await raw(node, room, 'participants', { token: idle.token });
      assertFailure(answer, 403, 'participants with an expired token');
      assert.equal(answer.json.result, 'Invalid token');
      assert.ok(await keeper.participant(keeper.uuid), 'the refreshing participant stays');
      events.close();
    } finally {
      stop();
    }
  });

  test('an expired participant is told why on its event stream', async () => {
    const member = await join(node, rooms.open());
    const events = await member.events();
    await events.synced();
    const bye = await events.waitFor('disconnect', () => true, { timeout: EXPIRY_DEADLINE_MS });
    assert.equal(bye.json.reason, 'Timer expired awaiting token refresh');
    events.close();
  });
});

describe('waiting room timeout', { skip }, () => {
  test('a guest nobody admits is disconnected after waiting_room_timeout', async () => {
    const room = rooms.locked();
    const host = await join(node, room, { pin: HOST_PIN });
    const stopHost = keepAlive(host);
    try {
      const guest = await join(node, room, { pin: GUEST_PIN });
      assert.equal(guest.result.current_service_type, 'waiting_room');
      const events = await guest.events();
      const bye = await events.waitFor('disconnect', () => true, { timeout: 3_000 });
      assert.equal(
        bye.json.reason,
        'Timeout waiting for conference host to join or permit access to locked conference',
      );
      await eventually(async () => !(await host.participant(guest.uuid)), {
        what: 'the timed-out guest is gone',
      });
      events.close();
    } finally {
      stopHost();
    }
  });

  test('an admitted guest is not timed out', async () => {
    const room = rooms.locked();
    const host = await join(node, room, { pin: HOST_PIN });
    const guest = await join(node, room, { pin: GUEST_PIN });
    const stops = [keepAlive(host), keepAlive(guest)];
    try {
      await host.ok(api.unlockParticipant, { participant: guest.uuid });
      await sleep(2_000);
      assert.equal((await host.participant(guest.uuid))?.service_type, 'conference');
    } finally {
      stops.forEach((stop) => stop());
    }
  });
});
