// Errors: permissions, unknown participants, bad tokens, malformed input, odd paths. Every
// answer must be JSON in the Pexip envelope with the right HTTP status.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';

import { api } from './iapi.mjs';
import { join } from './client.mjs';
import { raw, rawUrl, assertEnvelope, assertFailure, postStreaming } from './http.mjs';
import { HOST_PIN } from './rooms.mjs';
import { useNode, roomPool, hostAndGuest } from './suite.mjs';

const node = useNode('errors');
const rooms = roomPool('errors');

describe('a guest calling host-only conference requests', () => {
  const hostOnly = [
    ['lock'],
    ['unlock'],
    ['muteguests'],
    ['unmuteguests'],
    ['set_guests_can_unmute', { setting: true }],
    ['start_conference'],
    ['disconnect'],
    ['dial', { role: 'GUEST', protocol: 'sip', destination: 'sip:x@example.com' }],
    ['transform_layout', { transforms: { layout: '1:7' } }],
    ['override_layout', { layouts: [] }],
    ['clearallbuzz'],
    ['clearspotlights'],
  ];
  for (const [request, json] of hostOnly) {
    test(`${request}: 403 {"status":"failed","result":<reason>}`, async () => {
      const { host, guest } = await hostAndGuest(node, rooms.pinned());
      const before = await host.conferenceStatus();
      const answer = await raw(node, guest.alias, request, { method: 'POST', token: guest.token, json });
      assertFailure(answer, 403, `${request} as guest`);
      assert.deepEqual(await host.conferenceStatus(), before, 'nothing changed');
    });
  }
});

describe('unknown participant', () => {
  for (const request of ['mute', 'unmute', 'buzz', 'disconnect', 'spotlighton', 'unlock']) {
    test(`${request} on an unknown uuid: 404`, async () => {
      const host = await join(node, rooms.open());
      const answer = await raw(node, host.alias, `participants/${randomUUID()}/${request}`, {
        method: 'POST',
        token: host.token,
      });
      assertFailure(answer, 404, `${request} on an unknown participant`);
    });
  }

  test('a participant of another conference is unknown here', async () => {
    const host = await join(node, rooms.open());
    const stranger = await join(node, rooms.open());
    const answer = await raw(node, host.alias, `participants/${stranger.uuid}/mute`, {
      method: 'POST',
      token: host.token,
    });
    assertFailure(answer, 404, 'mute on a participant of another conference');
  });
});

describe('tokens', () => {
  test('an invalid token on a conference request: 403 "Invalid token"', async () => {
    const host = await join(node, rooms.open());
    for (const [path, method] of [
      ['participants', 'GET'],
      ['conference_status', 'GET'],
      ['lock', 'POST'],
    ]) {
      const answer = await raw(node, host.alias, path, { method, token: 'forged-token' });
      assertFailure(answer, 403, `${path} with an invalid token`);
      assert.equal(answer.json.result, 'Invalid token');
    }
  });

  test('an invalid token on a participant request: 403, valid for Pexip\'s client', async () => {
    const host = await join(node, rooms.open());
    const forged = Object.create(host, { token: { value: 'forged-token' } });
    const answer = await forged.call(api.muteParticipant, { participant: host.uuid });
    assert.equal(answer.status, 403);
    assert.equal(answer.data.result, 'Invalid token');
  });

  test('no token at all: 403', async () => {
    const host = await join(node, rooms.open());
    const answer = await raw(node, host.alias, 'participants');
    assertFailure(answer, 403, 'participants without a token');
  });

  test('the token of one conference is invalid in another', async () => {
    const host = await join(node, rooms.open());
    const answer = await raw(node, rooms.open(), 'participants', { token: host.token });
    assertFailure(answer, 403, 'participants with a token of another conference');
  });

  test('the token may come as ?token= on requests too', async () => {
    const host = await join(node, rooms.open());
    const answer = await raw(node, host.alias, `participants?token=${encodeURIComponent(host.token)}`);
    assertEnvelope(answer, 200, 'success', 'participants?token=');
  });

  test('events with an invalid token: 403 JSON', async () => {
    const host = await join(node, rooms.open());
    const answer = await raw(node, host.alias, 'events?token=forged-token');
    assertFailure(answer, 403, 'events with an invalid token');
  });
});

describe('malformed input: 400 with a reason', () => {
  const cases = [
    ['message: not JSON', 'message', { body: '{"type": "text/plain", "payload": ', contentType: 'application/json' }],
    ['message: payload is a number', 'message', { json: { type: 'text/plain', payload: 5 } }],
    ['message: no payload', 'message', { json: { type: 'text/plain' } }],
    ['message: a JSON array', 'message', { json: ['text/plain', 'hi'] }],
    ['set_guests_can_unmute: setting is a string', 'set_guests_can_unmute', { json: { setting: 'yes' } }],
    ['transform_layout: transforms is a string', 'transform_layout', { json: { transforms: '1:7' } }],
    ['dial: destination is missing', 'dial', { json: { role: 'GUEST', protocol: 'sip' } }],
    ['dial: protocol is unknown', 'dial', { json: { role: 'GUEST', protocol: 'carrier-pigeon', destination: 'x' } }],
  ];
  for (const [name, path, options] of cases) {
    test(name, async () => {
      const host = await join(node, rooms.open());
      const answer = await raw(node, host.alias, path, { method: 'POST', token: host.token, ...options });
      assertFailure(answer, 400, name);
    });
  }

  const participantCases = [
    ['overlaytext: text is a number', 'overlaytext', { text: 5 }],
    ['role: unknown role', 'role', { role: 'boss' }],
    ['dtmf: digits is a number', 'dtmf', { digits: 5 }],
    ['transfer: no conference_alias', 'transfer', { role: 'guest' }],
    ['message: type is a number', 'message', { type: 1, payload: 'x' }],
  ];
  for (const [name, request, json] of participantCases) {
    test(`participant ${name}`, async () => {
      const host = await join(node, rooms.open());
      const answer = await raw(node, host.alias, `participants/${host.uuid}/${request}`, {
        method: 'POST',
        token: host.token,
        json,
      });
      assertFailure(answer, 400, name);
    });
  }

  const tokenCases = [
    ['request_token: not JSON', { body: '{display_name', contentType: 'application/json' }],
    ['request_token: display_name is a number', { json: { display_name: 5 } }],
    ['request_token: display_name is 10 000 characters', { json: { display_name: 'x'.repeat(10_000) } }],
    ['request_token: display_name contains NUL', { json: { display_name: 'evil\u0000name' } }],
    ['request_token: display_name is only control characters', { json: { display_name: '\u0007\u001b\u0008' } }],
  ];
  for (const [name, options] of tokenCases) {
    test(name, async () => {
      const answer = await raw(node, rooms.open(), 'request_token', { method: 'POST', ...options });
      assertFailure(answer, 400, name);
    });
  }

  // A server that refuses a body must still let the client read the refusal: it reads (and
  // drops) the rest of the body, or lingers before closing, instead of closing at once, which
  // makes the sender fail with EPIPE / ECONNRESET before it can read the answer.
  async function expectRefusalOfHugeBody(url, headers, what) {
    const size = 8 * 1024 * 1024;
    const body = JSON.stringify({ display_name: 'Big', type: 'text/plain', payload: 'x'.repeat(size) });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const viaFetch = await rawUrl(url, { method: 'POST', headers, body, contentType: 'application/json' }).catch(
        (error) => ({ error: `fetch failed: ${error.cause?.code ?? error}` }),
      );
      assert.equal(viaFetch.error, undefined, `${what}, attempt ${attempt} with fetch: ${viaFetch.error}`);
      assertFailure(viaFetch, [400, 413], `${what} sent with fetch (attempt ${attempt})`);
      const streamed = await postStreaming(url, headers, size);
      assert.equal(streamed.error, undefined, `${what}, attempt ${attempt} uploaded in chunks: ${streamed.error}`);
      assertFailure(streamed, [400, 413], `${what} uploaded in chunks (attempt ${attempt})`);
    }
  }

  test('a huge message body (8 MiB): every sender reads the refusal (400, or 413)', async () => {
    const host = await join(node, rooms.open());
    const url = `${node.url}/api/client/v2/conferences/${host.alias}/message`;
    await expectRefusalOfHugeBody(url, { token: host.token }, 'an 8 MiB message');
  });

  test('a huge request_token body (8 MiB): every sender reads the refusal (400, or 413)', async () => {
    const url = `${node.url}/api/client/v2/conferences/${rooms.open()}/request_token`;
    await expectRefusalOfHugeBody(url, {}, 'an 8 MiB request_token');
  });
});

describe('paths', () => {
  test('a doubled slash before participants/… is accepted (Webapp2 plugins send it)', async () => {
    const room = rooms.open();
    const host = await join(node, room);
    const url = `${node.url}/api/client/v2/conferences/${room}//participants/${host.uuid}/buzz`;
    const answer = await rawUrl(url, { method: 'POST', token: host.token });
    assertEnvelope(answer, 200, 'success', 'doubled slash buzz');
    assert.equal(answer.json.result, true);
    assert.ok((await host.participant(host.uuid)).buzz_time > 0, 'the hand is raised');
  });

  test('an unknown request: 404 JSON', async () => {
    const host = await join(node, rooms.open());
    const answer = await raw(node, host.alias, 'frobnicate', { method: 'POST', token: host.token });
    assertFailure(answer, 404, 'unknown request');
  });

  test('an unknown participant request: 404 JSON', async () => {
    const host = await join(node, rooms.open());
    const answer = await raw(node, host.alias, `participants/${host.uuid}/frobnicate`, {
      method: 'POST',
      token: host.token,
    });
    assertFailure(answer, 404, 'unknown participant request');
  });

  test('a wrong method answers JSON in the envelope', async () => {
    const host = await join(node, rooms.open());
    const answer = await raw(node, host.alias, 'lock', { method: 'GET', token: host.token });
    assert.ok(answer.status >= 400 && answer.status < 500, `HTTP ${answer.status}`);
    assertFailure(answer, answer.status, 'GET lock');
  });

  test('request_token on an unknown alias with an odd name: 404 JSON', async () => {
    const answer = await raw(node, 'no such/room?&#', 'request_token', { json: { display_name: 'A' } });
    assertFailure(answer, 404, 'request_token on an odd unknown alias');
  });

  test('a host PIN with surrounding garbage is an invalid PIN', async () => {
    const answer = await raw(node, rooms.pinned(), 'request_token', {
      json: { display_name: 'A' },
      pin: `${HOST_PIN}9`,
    });
    assertFailure(answer, 403, 'wrong PIN');
    assert.equal(answer.json.result, 'Invalid PIN');
  });
});

describe('paths outside the known requests', () => {
  test('an unknown path under /api/client/v2: 404 in the envelope', async () => {
    assertFailure(await rawUrl(`${node.url}/api/client/v2/nope`), 404);
  });

  test('an unknown conference request: 404 in the envelope', async () => {
    assertFailure(await raw(node, rooms.open(), 'nope', { json: {} }), 404);
  });

  test('status with the wrong method: 405 in the envelope', async () => {
    assertFailure(await rawUrl(`${node.url}/api/client/v2/status`, { method: 'POST' }), 405);
  });
});
