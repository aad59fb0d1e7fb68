// Starts a real `plugboard serve` for a test file, or uses PLUGBOARD_URL when set.
//
//   const node = await startNode({ tag: 'tokens' });   // node.url = 'http://127.0.0.1:PORT'
//   after(() => node.stop());
//
// Starting and stopping the node is `../support/node.mjs`. Run
// `node conformance/node.mjs --print-config` to get the configuration a shared node
// (PLUGBOARD_URL) must be started with.

import { fileURLToPath } from 'node:url';

import { startNode as startPlugboard } from '../support/node.mjs';
import { configToml } from './rooms.mjs';

/** Whether the suites use a node started elsewhere (then custom configurations are impossible). */
export function usingSharedNode() {
  return Boolean(process.env.PLUGBOARD_URL);
}

/**
 * @param {{tag?: string, token_expiry?: number, waiting_room_timeout?: number}} options
 * @returns {Promise<{url: string, stop: () => Promise<void>, output: () => string}>}
 */
export async function startNode(options = {}) {
  if (usingSharedNode()) {
    const url = process.env.PLUGBOARD_URL.replace(/\/+$/, '');
    return { url, stop: async () => {}, output: () => '' };
  }
  const { tag, ...settings } = options;
  return startPlugboard({ config: configToml({ ...settings, tags: tag ? [tag] : undefined }) });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--print-config')) {
  process.stdout.write(configToml());
}
