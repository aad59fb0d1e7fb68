// The stage (`#conference-stage-container`): a tile per participant in the current layout (spotlighted
// first, then the server's stage order, then by arrival), badges on each tile, a ring on whoever speaks
// (`stage` events' vad), the own self-view (`#selfviewVideo`) and the main video element (`#mainVideo`).

import { avatar, h, icon, setAttr, setAvatar, setText } from '../dom.js';
import { displayName, isHost, isWaiting, layoutInfo } from '../model.js';
import { badgeKeys, renderBadges } from './roster.js';

/** @typedef {import('../model.js').RawParticipant} RawParticipant */
/** @typedef {import('../session.js').Session} Session */
/** @typedef {import('../media.js').LocalMedia} LocalMedia */

/**
 * @typedef {{el: HTMLElement, avatar: HTMLElement, name: HTMLElement, role: HTMLElement, badges: HTMLElement,
 *   name_: string, badgeKeys: string}} Tile
 */

/** The top-corner badges; the rest sit next to the name. */
const CORNER = new Set(['hand', 'spotlight', 'presenting', 'streaming']);

export class Stage {
  /**
   * @param {Session} session
   * @param {LocalMedia} media
   * @param {{onInvite: () => void}} handlers
   */
  constructor(session, media, handlers) {
    this.session = session;
    this.media = media;
    /** @type {Map<string, Tile>} */
    this.tiles = new Map();
    this._frame = 0;

    this.mainVideo = h('video', { id: 'mainVideo', class: 'stage__main-video', autoplay: true, playsinline: true, hidden: true });
    this.presentation = h('div', { class: 'stage__presentation', role: 'status', hidden: true });
    this.grid = h('div', { class: 'stage__grid' });
    this.mainArea = h('div', { class: 'stage__main' });
    this.strip = h('div', { class: 'stage__strip' });
    this.grid.append(this.mainArea, this.strip);
    this.more = h('div', { class: 'tile tile--more', role: 'note' });
    this.empty = h(
      'div',
      { class: 'stage__empty', hidden: true },
      h('div', { class: 'stage__empty-icon', 'aria-hidden': 'true' }, icon('users')),
      h('p', { class: 'stage__empty-title', text: 'You are the only one here' }),
      h('p', { class: 'stage__empty-text', text: 'Share the meeting link so others can join.' }),
      h('button', {
        type: 'button',
        class: 'button button--secondary',
        on: { click: handlers.onInvite },
      }, icon('link'), h('span', { class: 'button__label', text: 'Copy meeting link' })),
    );

    this.selfVideo = h('video', { id: 'selfviewVideo', class: 'selfview__video', autoplay: true, playsinline: true, muted: true });
    this.selfVideo.muted = true;
    this.selfAvatar = avatar(session.name, session.selfUuid || session.name, 'selfview__avatar');
    this.selfState = h('span', { class: 'selfview__state' });
    this.selfview = h(
      'figure',
      { class: 'selfview', 'aria-label': 'Your self-view' },
      this.selfVideo,
      this.selfAvatar,
      h('figcaption', { class: 'selfview__caption' }, h('span', { text: 'You' }), this.selfState),
    );

    this.el = h(
      'section',
      { id: 'conference-stage-container', class: 'stage', 'aria-label': 'Stage' },
      this.mainVideo,
      this.presentation,
      this.grid,
      this.empty,
      this.selfview,
    );
    this.updateSelfview();

    /** How many small tiles fit in the strip (tiles keep their shape; the rest go into "+N"). */
    this.stripFit = Infinity;
    this.resize = new ResizeObserver(() => {
      const fit = this._measureStrip();
      if (fit !== this.stripFit) {
        this.stripFit = fit;
        this.schedule();
      }
    });
    this.resize.observe(this.el);
  }

  /** The number of small tiles the strip has room for at the stage's current size. */
  _measureStrip() {
    const gap = 12;
    const style = getComputedStyle(this.el);
    const inner = this.el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (!(inner > 0)) return Infinity;
    // The self-view sits at the strip's end on wide screens (`--selfview-reserve` keeps room for it).
    const reserved = !/^0(px)?$/.test(style.getPropertyValue('--selfview-reserve').trim());
    const reserve = reserved ? this.selfview.getBoundingClientRect().width + gap : 0;
    const aspect = parseFloat(style.getPropertyValue('--strip-tile-aspect')) || 1.6;
    const width = inner - reserve;
    const stripHeight = this.strip.hidden || this.grid.hidden ? 0 : this.strip.getBoundingClientRect().height;
    const height = stripHeight || Math.min(132, Math.max(84, this.el.clientHeight * 0.17));
    const tile = height * aspect;
    return Math.max(1, Math.floor((width + gap) / (tile + gap)));
  }

  /** Redraw on the next frame (many events in one frame cost one redraw). */
  schedule() {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this.render();
    });
  }

  destroy() {
    cancelAnimationFrame(this._frame);
    this.resize.disconnect();
    this.selfVideo.srcObject = null;
  }

  /** Who is on stage, in order. */
  _ordered() {
    const stage = this.session.stage;
    /** @type {RawParticipant[]} */
    const people = [];
    for (const p of this.session.participants.values()) {
      if (p.uuid === this.session.selfUuid || isWaiting(p)) continue;
      people.push(p);
    }
    people.sort((a, b) => {
      const sa = a.spotlight || Infinity;
      const sb = b.spotlight || Infinity;
      if (sa !== sb) return sa - sb;
      const ia = stage.get(a.uuid)?.stageIndex ?? Infinity;
      const ib = stage.get(b.uuid)?.stageIndex ?? Infinity;
      if (ia !== ib) return ia - ib;
      return (a.start_time ?? 0) - (b.start_time ?? 0) || (a.uuid < b.uuid ? -1 : 1);
    });
    return people;
  }

  render() {
    const people = this._ordered();
    const layout = layoutInfo(this.session.currentLayout);
    const capacity = Math.max(1, layout.main + Math.min(layout.small, this.stripFit));
    const overflow = people.length > capacity ? people.length - (capacity - 1) : 0;
    const shown = overflow ? people.slice(0, capacity - 1) : people;
    const mainCount = Math.min(layout.main, shown.length) || Math.min(1, shown.length);
    const main = shown.slice(0, mainCount);
    const small = shown.slice(mainCount);

    this.empty.hidden = people.length > 0;
    this.grid.hidden = people.length === 0;
    this.el.dataset.layout = layout.id;
    this.el.dataset.count = String(people.length);

    const keep = new Set(shown.map((p) => p.uuid));
    for (const [uuid, tile] of this.tiles) {
      if (!keep.has(uuid)) {
        tile.el.remove();
        this.tiles.delete(uuid);
      }
    }
    this._place(this.mainArea, main, 'main');
    this._place(this.strip, small, 'small');
    if (overflow) {
      setText(this.more, `+${overflow}`);
      this.more.setAttribute('aria-label', `${overflow} more participants`);
      this.more.title = `${overflow} more participants`;
      const inStrip = Boolean(small.length || layout.small);
      this.more.classList.toggle('tile--small', inStrip);
      (inStrip ? this.strip : this.mainArea).appendChild(this.more);
    } else if (this.more.isConnected) {
      this.more.remove();
    }
    const mainTiles = main.length + (overflow && !(small.length || layout.small) ? 1 : 0);
    const columns = Math.ceil(Math.sqrt(mainTiles || 1));
    this.mainArea.style.setProperty('--columns', String(columns));
    this.mainArea.style.setProperty('--rows', String(Math.ceil((mainTiles || 1) / columns)));
    this.strip.hidden = small.length === 0 && !(overflow && layout.small);
    this.grid.classList.toggle('stage__grid--with-strip', !this.strip.hidden);
  }

  /**
   * Put `people`'s tiles into `area`, in order, reusing existing tiles.
   * @param {HTMLElement} area
   * @param {RawParticipant[]} people
   * @param {'main' | 'small'} size
   */
  _place(area, people, size) {
    let cursor = /** @type {ChildNode | null} */ (area.firstChild);
    for (const p of people) {
      const tile = this._tile(p);
      tile.el.classList.toggle('tile--small', size === 'small');
      if (tile.el !== cursor) area.insertBefore(tile.el, cursor);
      else cursor = cursor.nextSibling;
    }
    while (cursor) {
      const next = cursor.nextSibling;
      if (cursor !== this.more) cursor.remove();
      cursor = next;
    }
  }

  /**
   * The tile of `p`, created or brought up to date.
   * @param {RawParticipant} p
   */
  _tile(p) {
    let tile = this.tiles.get(p.uuid);
    if (!tile) {
      const el = h('div', { class: 'tile', role: 'group', dataset: { participantUuid: p.uuid } });
      const av = avatar(displayName(p), p.uuid, 'tile__avatar');
      const name = h('span', { class: 'tile__name' });
      const role = h('span', { class: 'tile__role' });
      const badges = h('span', { class: 'tile__badges' });
      const corner = h('span', { class: 'tile__corner' });
      el.append(av, corner, h('div', { class: 'tile__plate' }, badges, name, role));
      tile = { el, avatar: av, name, role, badges, name_: '', badgeKeys: '\u0000' };
      /** @type {any} */ (tile).corner = corner;
      this.tiles.set(p.uuid, tile);
    }
    const name = displayName(p);
    if (tile.name_ !== name) {
      tile.name_ = name;
      setText(tile.name, name);
      setAvatar(tile.avatar, name, p.uuid);
      tile.el.setAttribute('aria-label', name);
    }
    setText(tile.role, isHost(p) ? 'Host' : '');
    const keys = badgeKeys(p);
    if (tile.badgeKeys !== keys) {
      tile.badgeKeys = keys;
      const all = keys ? keys.split(' ') : [];
      renderBadges(/** @type {any} */ (tile).corner, all.filter((k) => CORNER.has(k)).join(' '));
      renderBadges(tile.badges, all.filter((k) => !CORNER.has(k)).join(' '));
    }
    const vad = this.session.stage.get(p.uuid)?.vad ?? 0;
    tile.el.classList.toggle('tile--speaking', vad > 0);
    setAttr(tile.el, 'data-speaking', vad > 0 ? 'true' : null);
    tile.el.classList.toggle('tile--spotlight', (p.spotlight ?? 0) > 0);
    return tile;
  }

  /** Show the camera, or the avatar when there is none or it is off. */
  updateSelfview() {
    const media = this.media;
    const stream = media.stream;
    const me = this.session.me;
    const name = me ? displayName(me) : this.session.name;
    setAvatar(this.selfAvatar, name, this.session.selfUuid || name);
    if (this.selfVideo.srcObject !== stream) {
      this.selfVideo.srcObject = stream;
      if (stream) this.selfVideo.play().catch(() => {});
    }
    const showVideo = media.hasVideo && media.videoEnabled;
    this.selfview.classList.toggle('selfview--video', showVideo);
    let state = '';
    if (media.permission === 'asking') state = 'Starting camera…';
    else if (media.permission === 'denied') state = 'Camera blocked';
    else if (media.permission === 'unavailable' || (media.permission === 'granted' && !media.hasVideo)) state = 'No camera';
    else if (!media.videoEnabled) state = 'Camera off';
    setText(this.selfState, state);
  }

  /** @param {{uuid: string, name: string} | null} presenter */
  setPresenter(presenter) {
    this.presentation.hidden = !presenter;
    this.presentation.replaceChildren();
    if (presenter) {
      this.presentation.append(icon('monitor'), h('span', { text: `${presenter.name || 'Someone'} is presenting` }));
    }
  }
}
