// pexrtc.js in headless Chromium against a node whose tokens live only 6 s: the library refreshes
// them every expires/3 and so stays in the conference; when refreshes cannot get through, the node
// ends the session and the library reports the node's reason.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launchBrowser } from './helpers/browser.mjs';
import { startNode } from '../support/node.mjs';
import { openClient } from './helpers/pexrtc-page.mjs';
import { roomPool, roomsConfig } from './helpers/pexrtc-rooms.mjs';

const TOKEN_EXPIRY_S = 6;

let node;
let browser;
const rooms = roomPool();

before(async () => {
  node = await startNode({ config: roomsConfig({ token_expiry: TOKEN_EXPIRY_S }) });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await node?.stop();
});

/**
 * Records when the page asks for a token refresh; `refuse` makes those requests fail (network).
 * @param {import('./helpers/pexrtc-page.mjs').Client} client
 * @param {{refuse?: boolean}} [options]
 */
async function watchRefreshes(client, options = {}) {
  /** @type {number[]} */
  const times = [];
  await client.context.route(
    (url) => url.pathname.endsWith('/refresh_token'),
    (route) => {
      times.push(Date.now());
      return options.refuse ? route.abort() : route.continue();
    },
  );
  return times;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('the token is refreshed every expires/3, so the session outlives the token', async (t) => {
  const room = rooms.open();
  const bob = await openClient(browser, node);
  const alice = await openClient(browser, node);
  t.after(async () => {
    await alice.close();
    await bob.close();
  });
  await bob.join(room, 'Bob');
  const refreshes = await watchRefreshes(alice);
  const joined = Date.now();
  await alice.join(room, 'Alice');
  const aliceUuid = await alice.prop('uuid');
  const firstToken = await alice.prop('token');
  assert.equal(await alice.prop('expires'), TOKEN_EXPIRY_S);

  await sleep(TOKEN_EXPIRY_S * 1000 * 1.5);

  assert.ok(refreshes.length >= 3, `${refreshes.length} refreshes in 9 s`);
  const firstDelay = refreshes[0] - joined;
  assert.ok(firstDelay >= 1500 && firstDelay <= 3500, `first refresh after ${firstDelay} ms, expected ~2000`);
  assert.notEqual(await alice.prop('token'), firstToken, 'the refreshed token is used');
  assert.equal(await alice.prop('state'), 'ACTIVE');
  assert.deepEqual(await alice.calls('onDisconnect'), []);
  assert.deepEqual(await alice.calls('onError'), []);
  assert.deepEqual(await bob.calls('onParticipantDelete'), [], 'Bob never saw Alice leave');

  await alice.call('sendChatMessage', 'Still here');
  const [message] = await bob.waitFor('onChatMessage', ([m]) => m.payload === 'Still here');
  assert.equal(message.uuid, aliceUuid);
});

test('when refreshes cannot reach the node, the node ends the session and onDisconnect gives its reason', async (t) => {
  const room = rooms.open();
  const bob = await openClient(browser, node);
  const alice = await openClient(browser, node);
  t.after(async () => {
    await alice.close();
    await bob.close();
  });
  await bob.join(room, 'Bob');
  const refreshes = await watchRefreshes(alice, { refuse: true });
  await alice.join(room, 'Alice');
  const aliceUuid = await alice.prop('uuid');

  const [reason] = await alice.waitFor('onDisconnect', () => true, { timeout: TOKEN_EXPIRY_S * 1000 + 5000 });
  assert.equal(reason, 'Timer expired awaiting token refresh');
  assert.equal(await alice.prop('state'), 'IDLE');
  await bob.waitFor('onParticipantDelete', ([p]) => p.uuid === aliceUuid);
  assert.ok(refreshes.length >= 1, 'the library tried to refresh');

  const attempts = refreshes.length;
  await sleep(3000);
  assert.equal(refreshes.length, attempts, 'no more refresh retries once the session has ended');
  assert.deepEqual(await alice.calls('onError'), [], 'the disconnect is reported once, not as an error too');
});
