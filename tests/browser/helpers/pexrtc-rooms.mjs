// Rooms for the PexRTC page tests: a node configuration with numbered rooms, so that every test
// claims fresh ones and no state (lock, mutes, layout) leaks between tests.
//
//   const node = await startNode({ config: roomsConfig() });
//   const rooms = roomPool();
//   const room = rooms.open();      // 'open-1': no PIN, everyone host
//   const other = rooms.pinned();   // 'pinned-1': host PIN 1234, guest PIN 5678
//   const lobby = rooms.hostpin();  // 'hostpin-1': host PIN 1234, guests need none

export const HOST_PIN = '1234';
export const GUEST_PIN = '5678';
const ROOMS_PER_KIND = 40;

/** Room kinds and their VMR settings (TOML lines). */
const KINDS = {
  open: [],
  pinned: [`pin = "${HOST_PIN}"`, `guest_pin = "${GUEST_PIN}"`, 'allow_guests = true'],
  hostpin: [`pin = "${HOST_PIN}"`, 'allow_guests = true'],
};

/**
 * The node configuration (TOML).
 * @param {{token_expiry?: number}} [options]
 * @returns {string}
 */
export function roomsConfig(options = {}) {
  const lines = [];
  if (options.token_expiry !== undefined) lines.push(`token_expiry = ${options.token_expiry}`);
  for (const [kind, settings] of Object.entries(KINDS)) {
    for (let number = 1; number <= ROOMS_PER_KIND; number += 1) {
      lines.push('', '[[vmr]]', `name = "${kind}-${number}"`, ...settings);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Hands out unused room names, per kind.
 * @returns {{open: () => string, pinned: () => string, hostpin: () => string}}
 */
export function roomPool() {
  const used = { open: 0, pinned: 0, hostpin: 0 };
  /** @param {'open'|'pinned'|'hostpin'} kind */
  const claim = (kind) => {
    used[kind] += 1;
    if (used[kind] > ROOMS_PER_KIND) throw new Error(`no ${kind} rooms left: raise ROOMS_PER_KIND`);
    return `${kind}-${used[kind]}`;
  };
  return { open: () => claim('open'), pinned: () => claim('pinned'), hostpin: () => claim('hostpin') };
}
