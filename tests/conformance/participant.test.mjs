// Participant requests: participants/<uuid>/<request>, as host on others and on oneself,
// and as guest on oneself.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api } from './iapi.mjs';
import { join, requestToken, eventually } from './client.mjs';
import { raw, assertFailure } from './http.mjs';
import { GUEST_PIN, HOST_PIN } from './rooms.mjs';
import { useNode, roomPool, hostAndGuest } from './suite.mjs';

const node = useNode('participant');
const rooms = roomPool('participant');

/**
 * Runs `request` as `actor` on `target` and checks the target's entry in the list afterwards.
 */
async function expectEffect(actor, endpoint, target, field, value, body) {
  assert.equal(await actor.ok(endpoint, { participant: target.uuid, body }), true, endpoint.name);
  const entry = await actor.participant(target.uuid);
  assert.deepEqual(entry[field], value, `${endpoint.name}: ${field}`);
  return entry;
}

describe('host requests on another participant', () => {
  test('mute / unmute', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    await expectEffect(host, api.muteParticipant, guest, 'is_muted', 'YES');
    await expectEffect(host, api.unmuteParticipant, guest, 'is_muted', 'NO');
  });

  test('video_muted / video_unmuted', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    await expectEffect(host, api.videoMuteParticipant, guest, 'is_video_muted', true);
    await expectEffect(host, api.videoUnmuteParticipant, guest, 'is_video_muted', false);
  });

  test('spotlighton / spotlightoff', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    assert.equal(await host.ok(api.spotlightonParticipant, { participant: guest.uuid }), true);
    const spotlit = await host.participant(guest.uuid);
    assert.ok(spotlit.spotlight > 1_600_000_000, 'spotlight is the epoch time it was turned on');
    await expectEffect(host, api.spotlightoffParticipant, guest, 'spotlight', 0);
  });

  test('denyrxpresentation / allowrxpresentation', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    await expectEffect(host, api.denyrxpresentationParticipant, guest, 'rx_presentation_policy', 'DENY');
    await expectEffect(host, api.allowrxpresentationParticipant, guest, 'rx_presentation_policy', 'ALLOW');
  });

  test('overlaytext', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    await expectEffect(host, api.overlaytextParticipant, guest, 'overlay_text', 'Team lead', {
      text: 'Team lead',
    });
  });

  test('clearbuzz lowers a raised hand', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    await guest.ok(api.buzzParticipant, { participant: guest.uuid });
    await expectEffect(host, api.clearbuzzParticipant, guest, 'buzz_time', 0);
  });

  test('dtmf', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    assert.equal(
      await host.ok(api.dtmfParticipant, { participant: guest.uuid, body: { digits: '1234*#' } }),
      true,
    );
  });

  test('disconnect: the participant leaves and its token dies', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const result = await host.ok(api.disconnectParticipant, { participant: guest.uuid });
    assert.ok(result === true || result === null, `result ${result}`);
    await eventually(async () => !(await host.participant(guest.uuid)), {
      what: 'the disconnected participant is gone',
    });
    const answer = await raw(node, guest.alias, 'participants', { token: guest.token });
    assertFailure(answer, 403, 'participants with the token of a disconnected participant');
  });

  test('role: guest → chair → guest, seen in the list and in refresh_token', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    await expectEffect(host, api.roleParticipant, guest, 'role', 'chair', { role: 'chair' });
    assert.equal((await guest.refresh()).role, 'HOST');
    await expectEffect(host, api.roleParticipant, guest, 'role', 'guest', { role: 'guest' });
    assert.equal((await guest.refresh()).role, 'GUEST');
  });

  test('a promoted guest may use host requests', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    await host.ok(api.roleParticipant, { participant: guest.uuid, body: { role: 'chair' } });
    await guest.refresh();
    assert.equal(await guest.ok(api.lock), true);
  });

  test('unlock admits a participant from the waiting room', async () => {
    const room = rooms.locked();
    const host = await join(node, room, { pin: HOST_PIN });
    const guest = await join(node, room, { pin: GUEST_PIN });
    assert.equal((await host.participant(guest.uuid)).service_type, 'waiting_room');
    await expectEffect(host, api.unlockParticipant, guest, 'service_type', 'conference');
  });

  test('direct message: only the recipient gets it, with direct: true', async () => {
    const room = rooms.pinned();
    const { host, guest } = await hostAndGuest(node, room);
    const bystander = await join(node, room, { name: 'Bystander', pin: GUEST_PIN });
    const guestEvents = await guest.events();
    const bystanderEvents = await bystander.events();
    await Promise.all([guestEvents.synced(), bystanderEvents.synced()]);
    assert.equal(
      await host.ok(api.messageParticipant, {
        participant: guest.uuid,
        body: { type: 'text/plain', payload: 'psst' },
      }),
      true,
    );
    const received = await guestEvents.waitFor('message_received', (d) => d.payload === 'psst');
    assert.equal(received.json.direct, true);
    assert.equal(received.json.uuid, host.uuid);
    assert.equal(received.json.origin, host.name);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(bystanderEvents.received('message_received'), [], 'others do not get it');
    guestEvents.close();
    bystanderEvents.close();
  });
});

describe('transfer', () => {
  test('refer event with a one-time token that joins the target once', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const target = rooms.open();
    const guestEvents = await guest.events();
    await guestEvents.synced();
    assert.equal(
      await host.ok(api.transferParticipant, {
        participant: guest.uuid,
        body: { conference_alias: target, role: 'guest' },
      }),
      true,
    );
    const refer = await guestEvents.waitFor('refer');
    assert.equal(refer.json.alias, target);
    assert.equal(typeof refer.json.token, 'string');
    guestEvents.close();

    const joined = await requestToken(node, target, { name: guest.name, body: { token: refer.json.token } });
    assert.equal(joined.status, 200, JSON.stringify(joined.data));
    assert.equal(joined.data.result.display_name, guest.name);

    const replay = await requestToken(node, target, { name: 'Replay', body: { token: refer.json.token } });
    assert.notEqual(replay.status, 200, 'a one-time token cannot be used twice');
  });

  test('transfer into a PIN-protected room with role host / guest decides the role there', async () => {
    for (const [role, expected] of [
      ['host', 'HOST'],
      ['guest', 'GUEST'],
    ]) {
      const { host, guest } = await hostAndGuest(node, rooms.pinned());
      const target = rooms.pinned();
      await join(node, target, { name: 'Target host', pin: HOST_PIN });
      const events = await guest.events();
      await events.synced();
      await host.ok(api.transferParticipant, {
        participant: guest.uuid,
        body: { conference_alias: target, role },
      });
      const refer = await events.waitFor('refer');
      events.close();
      const joined = await requestToken(node, target, { name: guest.name, body: { token: refer.json.token } });
      assert.equal(joined.status, 200, JSON.stringify(joined.data));
      assert.equal(joined.data.result.role, expected, `transfer with role ${role}`);
    }
  });
});

describe('requests on oneself', () => {
  test('client_mute / client_unmute (host and guest)', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    for (const self of [host, guest]) {
      assert.equal(await self.ok(api.clientMuteParticipant, { participant: self.uuid }), true);
      assert.equal((await host.participant(self.uuid)).is_client_muted, true);
      assert.equal(await self.ok(api.clientUnmuteParticipant, { participant: self.uuid }), true);
      assert.equal((await host.participant(self.uuid)).is_client_muted, false);
    }
  });

  test('a guest raises and lowers its own hand (buzz / clearbuzz)', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    assert.equal(await guest.ok(api.buzzParticipant, { participant: guest.uuid }), true);
    assert.ok((await host.participant(guest.uuid)).buzz_time > 1_600_000_000, 'buzz_time is epoch seconds');
    assert.equal(await guest.ok(api.clearbuzzParticipant, { participant: guest.uuid }), true);
    assert.equal((await host.participant(guest.uuid)).buzz_time, 0);
  });

  test('a guest mutes its own video (video_muted / video_unmuted)', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    assert.equal(await guest.ok(api.videoMuteParticipant, { participant: guest.uuid }), true);
    assert.equal((await host.participant(guest.uuid)).is_video_muted, true);
    assert.equal(await guest.ok(api.videoUnmuteParticipant, { participant: guest.uuid }), true);
    assert.equal((await host.participant(guest.uuid)).is_video_muted, false);
  });

  test('a host mutes itself and sets its own overlay text', async () => {
    const host = await join(node, rooms.open(), { name: 'Solo' });
    await expectEffect(host, api.muteParticipant, host, 'is_muted', 'YES');
    await expectEffect(host, api.overlaytextParticipant, host, 'overlay_text', 'Solo (speaker)', {
      text: 'Solo (speaker)',
    });
  });
});

describe('guests may not act on others', () => {
  const forbidden = [
    ['mute', api.muteParticipant],
    ['video_muted', api.videoMuteParticipant],
    ['spotlighton', api.spotlightonParticipant],
    ['disconnect', api.disconnectParticipant],
    ['role', api.roleParticipant, { role: 'guest' }],
    ['overlaytext', api.overlaytextParticipant, { text: 'x' }],
    ['transfer', api.transferParticipant, { conference_alias: 'meet', role: 'guest' }],
  ];
  for (const [name, endpoint, body] of forbidden) {
    test(`${name} on the host: 403 with a reason (validated by Pexip's client)`, async () => {
      const { host, guest } = await hostAndGuest(node, rooms.pinned());
      const answer = await guest.call(endpoint, { participant: host.uuid, body });
      assert.equal(answer.status, 403, JSON.stringify(answer.data));
      assert.equal(answer.data.status, 'failed');
      assert.equal(typeof answer.data.result, 'string');
    });
  }
});
