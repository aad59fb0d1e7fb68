// The conference screen (`#conference-container`): header, stage, sidebar (roster and chat) and the
// floating toolbar, kept in step with the session.

import { actions, dispatchAction } from '../actions.js';
import { h, icon, setText } from '../dom.js';
import { extensions } from '../extensions.js';
import { displayName, handRaised, isAdminMuted, isVideoMuted, isWaiting } from '../model.js';
import { conferencePath } from '../route.js';
import { openSettings } from '../settings.js';
import { closeMenu } from '../ui/menu.js';
import { toast } from '../ui/toast.js';
import { Chat } from './chat.js';
import { call, openConferenceMenu, openParticipantMenu } from './controls.js';
import { Roster } from './roster.js';
import { Stage } from './stage.js';
import { Toolbar } from './toolbar.js';

/** @typedef {import('../session.js').Session} Session */
/** @typedef {import('../media.js').LocalMedia} LocalMedia */
/** @typedef {import('../model.js').RawParticipant} RawParticipant */

/** Above this many people, arrivals and departures are not announced one by one. */
const ANNOUNCE_LIMIT = 30;
const WIDE = window.matchMedia('(min-width: 960px)');

export class ConferenceView {
  /**
   * @param {Session} session
   * @param {LocalMedia} media
   * @param {{localAudioMuted: () => boolean}} app
   */
  constructor(session, media, app) {
    this.session = session;
    this.media = media;
    this.app = app;
    /** @type {(() => void)[]} */
    this.cleanups = [];
    /** @type {'participants' | 'chat'} */
    this.panel = 'participants';
    this.sidebarOpen = WIDE.matches;

    this.roster = new Roster(session, {
      onMenu: (uuid, anchor) => openParticipantMenu(session, uuid, anchor, { directMessage: (u) => this.directMessage(u) }),
      onAdmit: (uuid) => call(session, 'unlockParticipant', uuid),
      onCount: (count) => this._setCount(count),
    });
    this.chat = new Chat(session, {
      onUnread: (count) => this._setUnread(count),
      isVisible: () => this.sidebarOpen && this.panel === 'chat',
    });
    this.stage = new Stage(session, media, { onInvite: () => this.copyLink() });
    this.toolbar = new Toolbar({
      onMic: (mute) => dispatchAction(mute ? actions.MUTE_MICROPHONE : actions.UNMUTE_MICROPHONE),
      onCamera: (mute) => dispatchAction(mute ? actions.MUTE_CAMERA : actions.UNMUTE_CAMERA),
      onHand: (raise) => call(session, raise ? 'setBuzz' : 'clearBuzz'),
      onParticipants: () => this.togglePanel('participants'),
      onChat: () => this.togglePanel('chat'),
      onLeave: () => this.session.leave(),
    });

    const header = this._buildHeader();
    this.title = header.title;
    this.lockChip = header.lockChip;
    this.mutedChip = header.mutedChip;
    this.roleChip = header.roleChip;
    this.countButton = header.countButton;
    this.hostButton = header.hostButton;
    this.header = header.el;
    const sidebar = this._buildSidebar();
    this.tabParticipants = sidebar.tabParticipants;
    this.tabChat = sidebar.tabChat;
    this.tabCount = sidebar.tabCount;
    this.tabUnread = sidebar.tabUnread;
    this.participantsPanel = sidebar.participantsPanel;
    this.chatPanel = sidebar.chatPanel;
    this.sidebar = sidebar.el;
    this.el = h(
      'div',
      { id: 'conference-container', class: 'conference', dataset: { screen: 'conference' } },
      this.header,
      h('div', { class: 'conference__body' }, h('div', { class: 'conference__stage-area' }, this.stage.el, this.toolbar.el), this.sidebar),
    );
    this._applySidebar(false);
    this._wire();
  }

  _buildHeader() {
    const title = h('h1', { class: 'conference__title', id: 'conference-title', tabindex: '-1' });
    const lockChip = h('span', { class: 'chip chip--warning', hidden: true }, icon('lock'), h('span', { text: 'Locked' }));
    const mutedChip = h('span', { class: 'chip', hidden: true }, icon('mic-off'), h('span', { text: 'Guests muted' }));
    const roleChip = h('span', { class: 'chip chip--role' });
    const countButton = h(
      'button',
      { type: 'button', class: 'header-button', 'aria-label': 'Participants', title: 'Participants', on: { click: () => this.togglePanel('participants') } },
      icon('users'),
      h('span', { class: 'header-button__count', text: '0' }),
    );
    const hostButton = h(
      'button',
      { type: 'button', class: 'header-button header-button--labelled', 'aria-haspopup': 'menu', 'aria-expanded': 'false', id: 'meeting-controls-button' },
      icon('sliders'),
      h('span', { class: 'header-button__label', text: 'Meeting controls' }),
    );
    hostButton.addEventListener('click', () => openConferenceMenu(this.session, hostButton));
    const settings = h(
      'button',
      { type: 'button', class: 'header-button', 'aria-label': 'Settings', title: 'Settings', on: { click: () => openSettings({ session: this.session, media: this.media }) } },
      icon('settings'),
    );
    const el = h(
      'header',
      { class: 'conference__header' },
      h('div', { class: 'brand-mark', 'aria-hidden': 'true' }, icon('plug')),
      h('div', { class: 'conference__heading' }, title, h('div', { class: 'conference__chips' }, roleChip, lockChip, mutedChip)),
      h('div', { class: 'conference__actions' }, countButton, hostButton, settings),
    );
    return { el, title, lockChip, mutedChip, roleChip, countButton, hostButton };
  }

  _buildSidebar() {
    const tabCount = h('span', { class: 'pex-sidebar__tab-count', text: '0' });
    const tabParticipants = h(
      'button',
      { type: 'button', role: 'tab', id: 'sidebar-tab-participants', class: 'pex-sidebar__tab', 'aria-controls': 'sidebar-panel-participants' },
      h('span', { text: 'Participants' }),
      tabCount,
    );
    const tabUnread = h('span', { class: 'pex-sidebar__tab-badge', hidden: true });
    const tabChat = h(
      'button',
      { type: 'button', role: 'tab', id: 'sidebar-tab-chat', class: 'pex-sidebar__tab', 'aria-controls': 'sidebar-panel-chat' },
      h('span', { text: 'Chat' }),
      tabUnread,
    );
    tabParticipants.addEventListener('click', () => this.showPanel('participants'));
    tabChat.addEventListener('click', () => this.showPanel('chat'));
    const tablist = h('div', { class: 'pex-sidebar__tabs', role: 'tablist', 'aria-label': 'Sidebar' }, tabParticipants, tabChat);
    tablist.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        this.showPanel(this.panel === 'participants' ? 'chat' : 'participants', true);
      }
    });
    const close = h('button', { type: 'button', class: 'icon-button pex-sidebar__close', 'aria-label': 'Close sidebar', title: 'Close sidebar (S)' }, icon('x'));
    close.addEventListener('click', () => this.setSidebar(false));

    const participantsPanel = h(
      'div',
      { class: 'pex-sidebar__list', id: 'sidebar-panel-participants', role: 'tabpanel', 'aria-labelledby': 'sidebar-tab-participants' },
      this.roster.el,
    );
    const chatPanel = h(
      'div',
      { class: 'pex-sidebar__chat', id: 'sidebar-panel-chat', role: 'tabpanel', 'aria-labelledby': 'sidebar-tab-chat' },
      this.chat.el,
    );
    const el = h(
      'aside',
      { id: 'pex-sidebar-container', class: 'pex-sidebar', 'aria-label': 'Participants and chat' },
      h('div', { class: 'pex-sidebar__header' }, tablist, close),
      participantsPanel,
      chatPanel,
    );
    return { el, tabParticipants, tabChat, tabCount, tabUnread, participantsPanel, chatPanel };
  }

  _wire() {
    const s = this.session;
    const on = (/** @type {string} */ event, /** @type {(...args: any[]) => void} */ fn) => this.cleanups.push(s.on(event, fn));
    on('participant', (/** @type {RawParticipant} */ p, /** @type {RawParticipant | undefined} */ prev) => this._participant(p, prev));
    on('participant-removed', (/** @type {RawParticipant} */ p) => {
      this.roster.remove(p.uuid);
      this.stage.schedule();
      this.chat.participantsChanged();
      if (s.participants.size < ANNOUNCE_LIMIT && !isWaiting(p)) toast(`${displayName(p)} left`, { icon: 'log-out' });
    });
    on('joined', (/** @type {RawParticipant} */ p) => {
      if (s.participants.size < ANNOUNCE_LIMIT && !isWaiting(p)) toast(`${displayName(p)} joined`, { icon: 'user-check' });
    });
    on('roster-reset', () => {
      this.roster.rebuild();
      this.stage.schedule();
      this._self(s.me, undefined);
    });
    on('status', (/** @type {any} */ status, /** @type {any} */ prev) => this._status(status, prev));
    on('stage', () => this.stage.schedule());
    on('layout', () => this.stage.schedule());
    on('chat', (/** @type {import('../session.js').ChatMessage} */ m) => {
      this.chat.add(m);
      if (!m.own && m.direct && !(this.sidebarOpen && this.panel === 'chat')) {
        toast(`Direct message from ${m.origin}`, { icon: 'message-square', action: { label: 'Open', onClick: () => this.showPanel('chat') } });
      }
    });
    on('role', (/** @type {string} */ role) => {
      this.roster.rebuild();
      this._header();
      toast(role === 'chair' ? 'You are now a host' : 'You are now a guest', { icon: 'shield' });
    });
    on('self', (/** @type {RawParticipant} */ p, /** @type {RawParticipant | undefined} */ prev) => this._self(p, prev));
    on('presentation', (/** @type {any} */ presenter) => this.stage.setPresenter(presenter));

    const m = this.media;
    this.cleanups.push(
      m.on('stream', () => this.stage.updateSelfview()),
      m.on('permission', () => this.stage.updateSelfview()),
      m.on('video', () => {
        this.stage.updateSelfview();
        this._syncCamera();
      }),
      m.on('level', (/** @type {number} */ level) => this.toolbar.setLevel(level)),
      // Only a guest's header depends on plugin items (whether Meeting controls shows at all).
      extensions.on('menus', () => {
        if (!this.session.isHost) this._header();
      }),
    );

    const onKey = (/** @type {KeyboardEvent} */ e) => {
      if ((e.key === 's' || e.key === 'S') && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        this.setSidebar(!this.sidebarOpen);
      }
    };
    document.addEventListener('keydown', onKey);
    this.cleanups.push(() => document.removeEventListener('keydown', onKey));
    const onWidth = () => this.setSidebar(WIDE.matches, false);
    WIDE.addEventListener('change', onWidth);
    this.cleanups.push(() => WIDE.removeEventListener('change', onWidth));
  }

  /** Show the conference as it is now (first show, and after being back from the waiting room). */
  mount() {
    this.roster.rebuild();
    this._header();
    this._status(this.session.status, undefined);
    this._self(this.session.me, undefined);
    this._syncCamera();
    this.stage.setPresenter(this.session.presenter);
    this.stage.updateSelfview();
    this.stage.render();
    extensions.setToolbarSlot(this.toolbar.pluginSlot);
    document.title = `${this.session.conferenceName} · Plugboard`;
  }

  destroy() {
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups = [];
    this.stage.destroy();
    closeMenu();
    if (extensions.toolbarSlot === this.toolbar.pluginSlot) extensions.setToolbarSlot(null);
  }

  /**
   * @param {RawParticipant} p
   * @param {RawParticipant | undefined} prev
   */
  _participant(p, prev) {
    this.roster.update(p);
    this.stage.schedule();
    if (!prev || displayName(prev) !== displayName(p) || isWaiting(prev) !== isWaiting(p)) this.chat.participantsChanged();
    const s = this.session;
    if (!s.isHost || p.uuid === s.selfUuid) return;
    if (isWaiting(p) && (!prev || !isWaiting(prev))) {
      toast(`${displayName(p)} is waiting to join`, {
        icon: 'clock',
        action: { label: 'Admit', onClick: () => call(s, 'unlockParticipant', p.uuid) },
      });
    } else if (prev && handRaised(p) && !handRaised(prev)) {
      toast(`${displayName(p)} raised their hand`, { icon: 'hand' });
    }
  }

  /**
   * The own participant changed: the toolbar and notices follow.
   * @param {RawParticipant | undefined} p
   * @param {RawParticipant | undefined} prev
   */
  _self(p, prev) {
    if (!p) return;
    const adminMuted = isAdminMuted(p);
    this.toolbar.setMic(adminMuted || this.app.localAudioMuted(), adminMuted ? 'muted by a host' : undefined);
    if (prev && adminMuted && !isAdminMuted(prev)) {
      toast('A host muted your microphone', { icon: 'mic-off', kind: 'warning' });
      this.media.setAudioEnabled(false);
    } else if (prev && !adminMuted && isAdminMuted(prev) && !this.app.localAudioMuted()) {
      this.media.setAudioEnabled(true);
    }
    if (prev && isVideoMuted(p) !== isVideoMuted(prev)) {
      this.media.setVideoEnabled(!isVideoMuted(p));
    }
    this._syncCamera();
    this.toolbar.setHand(handRaised(p));
    this.stage.updateSelfview();
  }

  _syncCamera() {
    const me = this.session.me;
    this.toolbar.setCamera((me ? isVideoMuted(me) : false) || !this.media.videoEnabled);
  }

  _header() {
    setText(this.title, this.session.conferenceName);
    // Guests get the menu only for plugin items meant for them.
    this.hostButton.hidden = !this.session.isHost && extensions.conferenceItems().length === 0;
    setText(this.roleChip, this.session.isHost ? 'Host' : 'Guest');
    this.roleChip.classList.toggle('chip--host', this.session.isHost);
  }

  /**
   * @param {import('../model.js').ConferenceStatus} status
   * @param {import('../model.js').ConferenceStatus | undefined} prev
   */
  _status(status, prev) {
    this.lockChip.hidden = !status.locked;
    this.mutedChip.hidden = !status.guests_muted;
    if (!prev) return;
    if (Boolean(prev.locked) !== Boolean(status.locked)) {
      toast(status.locked ? 'The meeting is locked: new guests wait to be admitted' : 'The meeting is unlocked', { icon: status.locked ? 'lock' : 'unlock' });
    }
    if (Boolean(prev.guests_muted) !== Boolean(status.guests_muted)) {
      toast(status.guests_muted ? 'All guests are muted' : 'Guests are no longer muted', { icon: status.guests_muted ? 'mic-off' : 'mic' });
    }
    const me = this.session.me;
    if (me) this._self(me, undefined);
  }

  /** @param {number} count */
  _setCount(count) {
    setText(this.tabCount, String(count));
    setText(/** @type {HTMLElement} */ (this.countButton.querySelector('.header-button__count')), String(count));
    const label = `Participants (${count})`;
    this.countButton.setAttribute('aria-label', label);
    this.countButton.title = label;
  }

  /** @param {number} count */
  _setUnread(count) {
    this.toolbar.setUnread(count);
    this.tabUnread.hidden = count === 0;
    this.tabUnread.textContent = String(count);
    this.tabChat.setAttribute('aria-label', count ? `Chat, ${count} unread` : 'Chat');
  }

  /**
   * Open or close the sidebar (the `s` key does the same).
   * @param {boolean} open
   * @param {boolean} [focus]
   */
  setSidebar(open, focus = true) {
    this.sidebarOpen = open;
    this._applySidebar(focus);
  }

  /**
   * Show a panel of the sidebar, opening it if needed.
   * @param {'participants' | 'chat'} panel
   * @param {boolean} [focusTab]
   */
  showPanel(panel, focusTab = false) {
    this.panel = panel;
    this.sidebarOpen = true;
    this._applySidebar(false);
    if (focusTab) (panel === 'chat' ? this.tabChat : this.tabParticipants).focus();
    else if (panel === 'chat') this.chat.focusInput();
  }

  /**
   * The toolbar's participants and chat buttons: show that panel, or close the sidebar if it shows it.
   * @param {'participants' | 'chat'} panel
   */
  togglePanel(panel) {
    if (this.sidebarOpen && this.panel === panel) this.setSidebar(false);
    else this.showPanel(panel);
  }

  /** @param {boolean} focus */
  _applySidebar(focus) {
    const open = this.sidebarOpen;
    this.el?.classList.toggle('sidebar-open', open);
    this.sidebar.hidden = !open;
    const chat = this.panel === 'chat';
    this.participantsPanel.hidden = chat;
    this.chatPanel.hidden = !chat;
    this.tabParticipants.setAttribute('aria-selected', String(!chat));
    this.tabChat.setAttribute('aria-selected', String(chat));
    this.tabParticipants.tabIndex = chat ? -1 : 0;
    this.tabChat.tabIndex = chat ? 0 : -1;
    this.toolbar.setPanel(open ? this.panel : null);
    if (open && chat) this.chat.markRead();
    if (focus && open) (chat ? this.tabChat : this.tabParticipants).focus();
  }

  /**
   * Start a direct message to `uuid`.
   * @param {string} uuid
   */
  directMessage(uuid) {
    this.chat.setRecipient(uuid);
    this.showPanel('chat');
  }

  async copyLink() {
    const url = `${location.origin}${conferencePath(this.session.alias)}`;
    try {
      await navigator.clipboard.writeText(url);
      toast('Meeting link copied', { icon: 'check', kind: 'success' });
    } catch {
      toast(`Meeting link: ${url}`, { icon: 'link' });
    }
  }
}

/** @param {EventTarget | null} target */
function isTyping(target) {
  const el = /** @type {HTMLElement | null} */ (target);
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
