// GET /api/client/v2/status: node health.

import { test } from 'node:test';

import { rawUrl, assertEnvelope } from './http.mjs';
import { useNode } from './suite.mjs';

const node = useNode('status');

test('GET /api/client/v2/status answers 200 with a JSON envelope', async () => {
  const answer = await rawUrl(`${node.url}/api/client/v2/status`);
  assertEnvelope(answer, 200, 'success', 'status');
});

test('the status endpoint needs no token', async () => {
  const answer = await rawUrl(`${node.url}/api/client/v2/status`, { headers: { token: 'bogus' } });
  assertEnvelope(answer, 200, 'success', 'status with a bogus token');
});
