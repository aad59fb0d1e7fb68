// Self-checks of the harness, against a tiny fake node (no plugboard needed): Pexip's
// validators are really on, a rejected answer fails the call, and the event-stream reader
// parses the format correctly.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

import { api, validateParticipant } from './iapi.mjs';
import { openEvents } from './sse.mjs';

/** Answers of the fake node, by path suffix. */
const routes = {
  '/participants': (res) => json(res, 200, { status: 'success', result: [{ uuid: 'x' }] }),
  '/conference_status': (res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<h1>not json</h1>');
  },
  '/lock': (res) => json(res, 500, { status: 'failed', result: 'boom' }),
  '/refresh_token': (res) => json(res, 200, { status: 'success', result: { token: 't', expires: 120 } }),
  '/events': (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': keep-alive\n\nevent: participant_sync_begin\ndata: null\n\n');
    res.write('event: participant_create\r\nid: 7\r\ndata: {"uuid":"a",\r\ndata: "n":1}\r\n\r\n');
    res.end('event: participant_sync_end\ndata: null\n\nevent: broken\ndata: {oops\n\n');
  },
};

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const fake = { url: '' };
let server;
before(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const route = Object.keys(routes).find((suffix) => path.endsWith(suffix));
    if (route) routes[route](res);
    else json(res, 404, { status: 'failed', result: 'no route' });
  });
  await new Promise((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  fake.url = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolvePromise) => server.close(resolvePromise)));

const call = (endpoint) =>
  endpoint({ fetcher: api.withToken(fetch, 't'), host: fake.url, params: { conferenceAlias: 'r' } });

describe('Pexip\'s client rejects what it would not accept', () => {
  test('an invalid participant list throws ValidationError', async () => {
    await assert.rejects(call(api.participants), { name: 'ValidationError' });
  });

  test('a non-JSON content type throws NonJSONResponseError', async () => {
    await assert.rejects(call(api.conferenceStatus), { name: 'NonJSONResponseError' });
  });

  test('an unmodelled status throws', async () => {
    await assert.rejects(call(api.lock), /Unexpected status 500/);
  });

  test('expires as a number instead of a string throws ValidationError', async () => {
    await assert.rejects(call(api.refreshToken), { name: 'ValidationError' });
  });

  test('request bodies are validated before sending', async () => {
    await assert.rejects(
      api.requestToken({ fetcher: fetch, host: fake.url, params: { conferenceAlias: 'r' }, body: {} }),
      { name: 'ValidationError' },
    );
  });

  test('validateParticipant rejects an incomplete participant', () => {
    assert.throws(() => validateParticipant({ uuid: 'x' }), { name: 'ValidationError' });
  });
});

describe('the event-stream reader', () => {
  test('parses names, ids, multi-line data, CRLF and comments; flags non-JSON data', async () => {
    const stream = await openEvents(fake, 'r', 't', { lastEventId: '3' });
    const creates = await stream.synced();
    assert.deepEqual(
      creates.map((e) => [e.event, e.id, e.json]),
      [['participant_create', '7', { uuid: 'a', n: 1 }]],
    );
    await stream.done;
    const broken = stream.events.at(-1);
    assert.equal(broken.event, 'broken');
    assert.ok(broken.jsonError, 'non-JSON data is flagged');
    await assert.rejects(stream.waitFor('never', undefined, { timeout: 200 }), /ended before/);
  });
});
