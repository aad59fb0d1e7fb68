// Per-file setup shared by the conformance test files.

import { after, before } from 'node:test';

import { join, releaseAll } from './client.mjs';
import { startNode } from './node.mjs';
import { GUEST_PIN, HOST_PIN, roomPool } from './rooms.mjs';

/**
 * Starts a node for this test file before its tests and stops it after them.
 * Returns a handle whose `url` is set once the node listens.
 * @param {string} tag the file's room tag (see rooms.mjs)
 * @param {{token_expiry?: number, waiting_room_timeout?: number}} options
 */
export function useNode(tag, options = {}) {
  const handle = { url: '', output: () => '', stop: async () => {} };
  before(async () => {
    Object.assign(handle, await startNode({ tag, ...options }));
  });
  after(async () => {
    await releaseAll();
    await handle.stop();
  });
  return handle;
}

export { roomPool };

/** A uuid as Pexip writes them. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Joins `room` (a room with host and guest PINs) as a host and then as a guest. */
export async function hostAndGuest(node, room, { host = 'Hanna Host', guest = 'Gustav Guest' } = {}) {
  const hostMember = await join(node, room, { name: host, pin: HOST_PIN });
  const guestMember = await join(node, room, { name: guest, pin: GUEST_PIN });
  return { host: hostMember, guest: guestMember };
}
