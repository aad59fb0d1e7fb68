// The roster: `<pex-roster-list>` with one `.pex-roster-list__user` per participant (element id and
// `data-participant-uuid` = the uuid). Updates are keyed: a participant_update touches only its own row,
// and moves it only when its place in the order changed, so a roster of thousands stays cheap.

import { h, inlineIcon, setAttr, setAvatar, setText, spriteRead } from '../dom.js';
import {
  displayName,
  handRaised,
  isConnecting,
  isHost,
  isMuted,
  isPresenting,
  isSpotlit,
  isStreaming,
  isVideoMuted,
  isWaiting,
} from '../model.js';

/** @typedef {import('../model.js').RawParticipant} RawParticipant */
/** @typedef {import('../session.js').Session} Session */

if (!customElements.get('pex-roster-list')) {
  customElements.define('pex-roster-list', class PexRosterList extends HTMLElement {});
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The badges a participant can show, in display order.
 * @type {{key: string, icon: string, label: string, test: (p: RawParticipant) => boolean}[]}
 */
export const BADGES = [
  { key: 'hand', icon: 'hand', label: 'Hand raised', test: handRaised },
  { key: 'spotlight', icon: 'star', label: 'Spotlighted', test: isSpotlit },
  { key: 'presenting', icon: 'monitor', label: 'Presenting', test: isPresenting },
  { key: 'streaming', icon: 'radio', label: 'Streaming', test: isStreaming },
  { key: 'video-muted', icon: 'video-off', label: 'Camera off', test: isVideoMuted },
  { key: 'muted', icon: 'mic-off', label: 'Muted', test: isMuted },
];

/**
 * @param {RawParticipant} p
 * @returns {string} the keys of the badges `p` shows, e.g. "hand muted"
 */
export function badgeKeys(p) {
  let keys = '';
  for (const b of BADGES) if (b.test(p)) keys += keys ? ` ${b.key}` : b.key;
  return keys;
}

/**
 * Built once and cloned: a roster of thousands is drawn in one go after each sync, and cloning is much
 * cheaper than building each element anew. Built again once the icon sprite has been read, so that the
 * copies carry their icons' shapes rather than a `<use>` each (see `inlineIcon`).
 * @type {Map<string, Element>}
 */
const prototypes = new Map();
spriteRead.then(() => prototypes.clear());

/**
 * A copy of the element `make` builds, which is built once per `key`.
 * @template {Element} E
 * @param {string} key
 * @param {() => E} make
 * @returns {E}
 */
function copyOf(key, make) {
  let prototype = prototypes.get(key);
  if (!prototype) {
    prototype = make();
    prototypes.set(key, prototype);
  }
  return /** @type {E} */ (prototype.cloneNode(true));
}

/**
 * Fill `container` with the badges named in `keys`.
 * @param {HTMLElement} container
 * @param {string} keys
 */
export function renderBadges(container, keys) {
  const wanted = new Set(keys ? keys.split(' ') : []);
  container.replaceChildren(
    ...BADGES.filter((b) => wanted.has(b.key)).map((b) =>
      copyOf(`badge ${b.key}`, () =>
        h('span', { class: `badge badge--${b.key}`, role: 'img', 'aria-label': b.label, title: b.label }, inlineIcon(b.icon)),
      ),
    ),
  );
}

/** An empty roster entry: avatar, name, meta, badges and the menu button, in this order. */
function emptyRow() {
  return h(
    'div',
    { class: 'pex-roster-list__user', role: 'listitem' },
    h('span', { class: 'avatar pex-roster-list__avatar', 'aria-hidden': 'true' }),
    h('span', { class: 'pex-roster-list__text' }, h('span', { class: 'pex-roster-list__name' }), h('span', { class: 'pex-roster-list__meta' })),
    h('span', { class: 'pex-roster-list__badges' }),
    h(
      'button',
      {
        type: 'button',
        class: 'icon-button pex-roster-list__menu',
        'aria-haspopup': 'menu',
        'aria-expanded': 'false',
        dataset: { rosterAction: 'menu' },
      },
      inlineIcon('more-vertical'),
    ),
  );
}

/**
 * @typedef {{
 *   uuid: string, el: HTMLElement, avatar: HTMLElement, name: HTMLElement, meta: HTMLElement,
 *   badges: HTMLElement, menu: HTMLButtonElement, admit: HTMLButtonElement | null,
 *   section: Section, self: boolean, host: boolean, sortName: string, badgeKeys: string, metaText: string,
 *   displayName: string
 * }} Row
 */

/**
 * @typedef {{id: string, el: HTMLElement, list: HTMLElement, count: HTMLElement, rows: Row[]}} Section
 */

export class Roster {
  /**
   * @param {Session} session
   * @param {{
   *   onMenu: (uuid: string, anchor: HTMLElement) => void,
   *   onAdmit: (uuid: string) => void,
   *   onCount?: (count: number) => void
   * }} handlers
   */
  constructor(session, handlers) {
    this.session = session;
    this.handlers = handlers;
    /** @type {Map<string, Row>} */
    this.rows = new Map();
    this.el = /** @type {HTMLElement} */ (document.createElement('pex-roster-list'));
    this.container = h('div', { class: 'pex-roster-list__container' });
    this.waiting = this._section('waiting', 'Waiting to join');
    this.inMeeting = this._section('in-meeting', 'In the meeting');
    this.container.append(this.waiting.el, this.inMeeting.el);
    this.el.appendChild(this.container);
    this.lastCount = -1;
    this.showWaiting = session.isHost;

    this.container.addEventListener('click', (e) => {
      const target = /** @type {HTMLElement} */ (e.target);
      const control = /** @type {HTMLElement | null} */ (target.closest('[data-roster-action]'));
      if (!control) return;
      const uuid = /** @type {HTMLElement} */ (control.closest('.pex-roster-list__user'))?.dataset.participantUuid;
      if (!uuid) return;
      if (control.dataset.rosterAction === 'menu') handlers.onMenu(uuid, control);
      else if (control.dataset.rosterAction === 'admit') handlers.onAdmit(uuid);
    });
  }

  /**
   * @param {string} id
   * @param {string} title
   * @returns {Section}
   */
  _section(id, title) {
    const headingId = `roster-${id}-heading`;
    const count = h('span', { class: 'roster-section__count', text: '0' });
    const list = h('div', { class: 'roster-section__list', role: 'list', 'aria-labelledby': headingId });
    const el = h(
      'section',
      { class: `roster-section roster-section--${id}`, dataset: { section: id }, hidden: true },
      h('h3', { class: 'roster-section__title', id: headingId }, h('span', { text: title }), ' ', count),
      list,
    );
    return { id, el, list, count, rows: [] };
  }

  /**
   * Which section shows `p`, or null when this viewer does not list it.
   * @param {RawParticipant} p
   */
  _sectionFor(p) {
    if (isWaiting(p)) return this.showWaiting ? this.waiting : null;
    return this.inMeeting;
  }

  /**
   * Order: yourself first, then hosts, then everyone else, each by name.
   * @param {Row} a
   * @param {Row} b
   */
  _compare(a, b) {
    if (a.self !== b.self) return a.self ? -1 : 1;
    if (a.host !== b.host) return a.host ? -1 : 1;
    return collator.compare(a.sortName, b.sortName) || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0);
  }

  /**
   * Where `row` belongs in `rows` (sorted), by binary search.
   * @param {Row[]} rows
   * @param {Row} row
   */
  _position(rows, row) {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this._compare(rows[mid], row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** @param {Row} row */
  _insert(row) {
    const rows = row.section.rows;
    const at = this._position(rows, row);
    rows.splice(at, 0, row);
    row.section.list.insertBefore(row.el, rows[at + 1]?.el ?? null);
  }

  /** @param {Row} row */
  _detach(row) {
    const rows = row.section.rows;
    let at = this._position(rows, row);
    if (rows[at] !== row) at = rows.indexOf(row);
    if (at >= 0) rows.splice(at, 1);
    row.el.remove();
  }

  /**
   * @param {RawParticipant} p
   * @param {Section} section
   * @returns {Row}
   */
  _createRow(p, section) {
    const uuid = p.uuid;
    const el = copyOf('row', emptyRow);
    el.id = uuid;
    el.dataset.participantUuid = uuid;
    const [av, text, badges, menu] = /** @type {[HTMLElement, HTMLElement, HTMLElement, HTMLButtonElement]} */ ([...el.children]);
    const [name, meta] = /** @type {[HTMLElement, HTMLElement]} */ ([...text.children]);
    /** @type {Row} */
    const row = {
      uuid,
      el,
      avatar: av,
      name,
      meta,
      badges,
      menu,
      admit: null,
      section,
      self: uuid === this.session.selfUuid,
      host: isHost(p),
      sortName: displayName(p),
      badgeKeys: '\u0000',
      metaText: '\u0000',
      displayName: '',
    };
    this._patch(row, p);
    return row;
  }

  /**
   * Bring a row's contents up to date, touching only what changed.
   * @param {Row} row
   * @param {RawParticipant} p
   */
  _patch(row, p) {
    const name = displayName(p);
    if (row.displayName !== name) {
      row.displayName = name;
      setText(row.name, name);
      setAvatar(row.avatar, name, row.uuid);
      row.menu.setAttribute('aria-label', `Actions for ${name}`);
      row.menu.title = `Actions for ${name}`;
      if (row.admit) row.admit.setAttribute('aria-label', `Admit ${name}`);
    }
    const metaText = this._meta(p, row.self);
    if (row.metaText !== metaText) {
      row.metaText = metaText;
      setText(row.meta, metaText);
    }
    const keys = badgeKeys(p);
    if (row.badgeKeys !== keys) {
      row.badgeKeys = keys;
      renderBadges(row.badges, keys);
    }
    setAttr(row.el, 'data-role', isHost(p) ? 'chair' : 'guest');
    setAttr(row.el, 'data-service-type', p.service_type ?? '');
    setAttr(row.el, 'data-self', row.self ? 'true' : null);
    this._patchControls(row, p);
  }

  /**
   * The menu button shows when the viewer has actions for this person; waiting guests get an Admit button.
   * @param {Row} row
   * @param {RawParticipant} p
   */
  _patchControls(row, p) {
    const host = this.session.isHost;
    const wantsAdmit = host && isWaiting(p);
    if (wantsAdmit && !row.admit) {
      row.admit = h('button', {
        type: 'button',
        class: 'button button--small button--primary pex-roster-list__admit',
        text: 'Admit',
        'aria-label': `Admit ${row.displayName}`,
        dataset: { rosterAction: 'admit' },
      });
      row.el.insertBefore(row.admit, row.menu);
    } else if (!wantsAdmit && row.admit) {
      row.admit.remove();
      row.admit = null;
    }
    const hasMenu = host || (!row.self && !isWaiting(p));
    if (row.menu.hidden === hasMenu) row.menu.hidden = !hasMenu;
  }

  /**
   * @param {RawParticipant} p
   * @param {boolean} self
   */
  _meta(p, self) {
    const parts = [];
    if (self) parts.push('You');
    parts.push(isHost(p) ? 'Host' : 'Guest');
    if (isWaiting(p)) parts.push('Waiting');
    else if (isConnecting(p)) parts.push('Calling…');
    if (p.protocol && p.protocol !== 'api' && p.protocol !== 'webrtc') parts.push(p.protocol.toUpperCase());
    return parts.join(' · ');
  }

  /**
   * Apply one participant create or update.
   * @param {RawParticipant} p
   */
  update(p) {
    const section = this._sectionFor(p);
    const row = this.rows.get(p.uuid);
    if (!section) {
      if (row) this.remove(p.uuid);
      return;
    }
    if (!row) {
      const created = this._createRow(p, section);
      this.rows.set(p.uuid, created);
      this._insert(created);
      this._counts();
      return;
    }
    const sortName = displayName(p);
    const host = isHost(p);
    const moved = row.section !== section || row.sortName !== sortName || row.host !== host;
    if (moved) {
      this._detach(row);
      row.section = section;
      row.sortName = sortName;
      row.host = host;
      this._insert(row);
    }
    this._patch(row, p);
    if (moved) this._counts();
  }

  /** @param {string} uuid */
  remove(uuid) {
    const row = this.rows.get(uuid);
    if (!row) return;
    this._detach(row);
    this.rows.delete(uuid);
    this._counts();
  }

  /** Rebuild everything from the session's roster (after a sync, a role change or on first show). */
  rebuild() {
    this.showWaiting = this.session.isHost;
    this.rows.clear();
    for (const section of [this.waiting, this.inMeeting]) section.rows = [];
    for (const p of this.session.participants.values()) {
      const section = this._sectionFor(p);
      if (!section) continue;
      const row = this._createRow(p, section);
      this.rows.set(p.uuid, row);
      section.rows.push(row);
    }
    for (const section of [this.waiting, this.inMeeting]) {
      section.rows.sort((a, b) => this._compare(a, b));
      const fragment = document.createDocumentFragment();
      for (const row of section.rows) fragment.appendChild(row.el);
      section.list.replaceChildren(fragment);
    }
    this._counts();
  }

  _counts() {
    for (const section of [this.waiting, this.inMeeting]) {
      setText(section.count, String(section.rows.length));
      const hidden = section.rows.length === 0 && section !== this.inMeeting;
      if (section.el.hidden !== hidden) section.el.hidden = hidden;
    }
    const count = this.inMeeting.rows.length;
    if (count !== this.lastCount) {
      this.lastCount = count;
      this.handlers.onCount?.(count);
    }
  }

  /**
   * Focus a participant's entry (e.g. after a menu closed on a row that moved).
   * @param {string} uuid
   */
  row(uuid) {
    return this.rows.get(uuid);
  }
}
