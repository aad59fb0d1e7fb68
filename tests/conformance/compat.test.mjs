// What real clients send beyond @pexip/infinity-api's schemas: PexRTC (Webapp2's client) and
// Webapp2 plugins (see ../../../shared/spec/pexrtc.md and client-rest-api.md §1).

import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';

import { api } from './iapi.mjs';
import { join, requestToken, eventually } from './client.mjs';
import { raw, rawUrl, assertEnvelope } from './http.mjs';
import { useNode, roomPool, hostAndGuest, UUID } from './suite.mjs';

const node = useNode('compat');
const rooms = roomPool('compat');

/** A GET with a JSON body, as PexRTC sends for participants and available_layouts. */
function getWithBody(url, token, body) {
  return new Promise((resolvePromise, reject) => {
    const request = http.request(url, {
      method: 'GET',
      headers: { token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => {
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolvePromise({
          status: response.statusCode,
          contentType: response.headers['content-type'] ?? '',
          text,
          json,
        });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('PexRTC', () => {
  test('request_token with PexRTC\'s body (chosen_idp/sso_token "none", direct_media, client_id)', async () => {
    const answer = await requestToken(node, rooms.open(), {
      name: 'PexRTC user',
      body: { chosen_idp: 'none', sso_token: 'none', direct_media: true, client_id: 'PexRTC' },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.data));
  });

  test('request_token with HTTP Basic credentials attached', async () => {
    const answer = await raw(node, rooms.open(), 'request_token', {
      json: { display_name: 'Basic' },
      headers: { authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` },
    });
    assertEnvelope(answer, 200, 'success', 'request_token with Authorization: Basic');
  });

  test('POSTs without body or content type (lock, refresh_token)', async () => {
    const host = await join(node, rooms.open());
    const lock = await raw(node, host.alias, 'lock', { method: 'POST', token: host.token });
    assertEnvelope(lock, 200, 'success', 'lock without body');
    const refresh = await raw(node, host.alias, 'refresh_token', { method: 'POST', token: host.token });
    assertEnvelope(refresh, 200, 'success', 'refresh_token without body');
    assert.equal(typeof refresh.json.result.token, 'string');
  });

  test('POSTs with an empty JSON object body (lock, muteguests)', async () => {
    const host = await join(node, rooms.open());
    for (const request of ['lock', 'muteguests']) {
      const answer = await raw(node, host.alias, request, { token: host.token, json: {} });
      assertEnvelope(answer, 200, 'success', `${request} with {}`);
    }
  });

  test('GETs with a JSON "{}" body (participants, available_layouts)', async () => {
    const host = await join(node, rooms.open());
    for (const request of ['participants', 'available_layouts']) {
      const url = `${node.url}/api/client/v2/conferences/${host.alias}/${request}`;
      const answer = await getWithBody(url, host.token, '{}');
      assertEnvelope(answer, 200, 'success', `GET ${request} with a body`);
      assert.ok(Array.isArray(answer.json.result));
    }
  });

  test('dialOut body: protocol "auto" and no role', async () => {
    const host = await join(node, rooms.open());
    const answer = await raw(node, host.alias, 'dial', {
      token: host.token,
      json: { destination: 'sip:frank@example.com', protocol: 'auto' },
    });
    assertEnvelope(answer, 200, 'success', 'dial without role');
    assert.equal(answer.json.result.length, 1);
    assert.match(answer.json.result[0], UUID);
  });

  test('release_token body {reason, error} (PexRTC disconnect)', async () => {
    const member = await join(node, rooms.open());
    const answer = await raw(node, member.alias, 'release_token', {
      token: member.token,
      json: { reason: 'User initiated disconnect', error: 'none' },
    });
    assertEnvelope(answer, 200, 'success', 'release_token with reason and error');
  });
});

describe('Webapp2 plugins (PEX.pluginAPI.sendRequest)', () => {
  test('transfer with {"conference_alias", "role": "guest", "pin": ""}', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const stream = await guest.events();
    await stream.synced();
    const target = rooms.open();
    const answer = await raw(node, host.alias, `participants/${guest.uuid}/transfer`, {
      token: host.token,
      json: { conference_alias: target, role: 'guest', pin: '' },
    });
    assertEnvelope(answer, 200, 'success', 'transfer with an empty pin');
    assert.equal((await stream.waitFor('refer')).json.alias, target);
    stream.close();
  });

  test('transfer with only {"conference_alias"}', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const stream = await guest.events();
    await stream.synced();
    const target = rooms.open();
    const answer = await raw(node, host.alias, `participants/${guest.uuid}/transfer`, {
      token: host.token,
      json: { conference_alias: target },
    });
    assertEnvelope(answer, 200, 'success', 'transfer with only conference_alias');
    const refer = await stream.waitFor('refer');
    const joined = await requestToken(node, target, { name: guest.name, body: { token: refer.json.token } });
    assert.equal(joined.status, 200, JSON.stringify(joined.data));
    stream.close();
  });

  test('a leading slash: //participants/<uuid>/overlaytext with {text}', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const url = `${node.url}/api/client/v2/conferences/${host.alias}//participants/${guest.uuid}/overlaytext`;
    const answer = await rawUrl(url, { token: host.token, json: { text: 'From a plugin' } });
    assertEnvelope(answer, 200, 'success', 'doubled-slash overlaytext');
    await eventually(async () => (await host.participant(guest.uuid)).overlay_text === 'From a plugin', {
      what: 'the overlay text is set',
    });
  });

  test('no leading slash: participants/<uuid>/video_muted', async () => {
    const { host, guest } = await hostAndGuest(node, rooms.pinned());
    const answer = await raw(node, host.alias, `participants/${guest.uuid}/video_muted`, {
      method: 'POST',
      token: host.token,
    });
    assertEnvelope(answer, 200, 'success', 'video_muted');
    assert.equal((await host.participant(guest.uuid)).is_video_muted, true);
  });

  test('muteguests through the plugin path form', async () => {
    const { host } = await hostAndGuest(node, rooms.pinned());
    const url = `${node.url}/api/client/v2/conferences/${host.alias}//muteguests`;
    const answer = await rawUrl(url, { method: 'POST', token: host.token });
    assertEnvelope(answer, 200, 'success', '//muteguests');
    assert.equal((await host.ok(api.conferenceStatus)).guests_muted, true);
  });
});
