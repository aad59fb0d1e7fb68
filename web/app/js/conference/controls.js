// What hosts (and guests, a little) can do to participants and to the meeting: the per-participant menu,
// the meeting-controls menu, and their dialogs (change layout, transfer, confirmations).

import { extensions } from '../extensions.js';
import { h, icon } from '../dom.js';
import {
  displayName,
  handRaised,
  isAdminMuted,
  isHost,
  isSpotlit,
  isVideoMuted,
  isWaiting,
  layoutInfo,
} from '../model.js';
import { confirmDialog, openDialog } from '../ui/dialog.js';
import { openMenu } from '../ui/menu.js';
import { toast } from '../ui/toast.js';

/** @typedef {import('../session.js').Session} Session */
/** @typedef {import('../model.js').RawParticipant} RawParticipant */
/** @typedef {import('../ui/menu.js').MenuItem} MenuItem */

/**
 * Call a PexRTC method, reporting a missing or failing one instead of throwing into the UI.
 * @param {Session} session
 * @param {string} method
 * @param {...any} args
 */
export function call(session, method, ...args) {
  const rtc = session.rtc;
  if (typeof rtc?.[method] !== 'function') {
    toast(`This action is not available (${method}).`, { kind: 'error', icon: 'alert-triangle' });
    return undefined;
  }
  try {
    return rtc[method](...args);
  } catch (e) {
    console.error(`[plugboard] ${method} failed`, e);
    toast('That did not work. Please try again.', { kind: 'error', icon: 'alert-triangle' });
    return undefined;
  }
}

/**
 * Menu items that are drawn again when plugin items change (their `state$`, a plugin loading or failing).
 * @param {() => MenuItem[]} items
 * @returns {import('../ui/menu.js').LiveItems}
 */
function liveItems(items) {
  return { items, subscribe: (changed) => extensions.on('menus', changed) };
}

/**
 * The actions on one participant for the current viewer.
 * @param {Session} session
 * @param {RawParticipant} p
 * @param {{directMessage: (uuid: string) => void}} ui
 * @returns {MenuItem[]}
 */
export function participantItems(session, p, ui) {
  const self = p.uuid === session.selfUuid;
  const name = displayName(p);
  /** @type {MenuItem[]} */
  const items = [];
  const waiting = isWaiting(p);
  if (session.isHost) {
    if (waiting) {
      items.push({ label: 'Admit', icon: 'user-check', dataset: { action: 'admit' }, onSelect: () => call(session, 'unlockParticipant', p.uuid) });
      items.push({
        label: 'Deny entry',
        icon: 'user-x',
        danger: true,
        dataset: { action: 'deny' },
        onSelect: () => call(session, 'disconnectParticipant', p.uuid),
      });
    } else {
      const muted = isAdminMuted(p);
      items.push({
        label: muted ? 'Unmute microphone' : 'Mute microphone',
        icon: muted ? 'mic' : 'mic-off',
        dataset: { action: muted ? 'unmute' : 'mute' },
        onSelect: () => call(session, 'setParticipantMute', p.uuid, !muted),
      });
      const videoMuted = isVideoMuted(p);
      items.push({
        label: videoMuted ? 'Allow camera' : 'Turn off camera',
        icon: videoMuted ? 'video' : 'video-off',
        dataset: { action: videoMuted ? 'video-unmute' : 'video-mute' },
        onSelect: () => call(session, videoMuted ? 'videoUnmuted' : 'videoMuted', p.uuid),
      });
      const spot = isSpotlit(p);
      items.push({
        label: spot ? 'Remove spotlight' : 'Spotlight',
        icon: 'star',
        dataset: { action: spot ? 'spotlight-off' : 'spotlight-on' },
        onSelect: () => call(session, 'setParticipantSpotlight', p.uuid, !spot),
      });
      if (handRaised(p)) {
        items.push({ label: 'Lower hand', icon: 'hand', dataset: { action: 'lower-hand' }, onSelect: () => call(session, 'clearBuzz', p.uuid) });
      }
    }
    if (!self) {
      const host = isHost(p);
      items.push({
        label: host ? 'Make guest' : 'Make host',
        icon: 'shield',
        dataset: { action: host ? 'make-guest' : 'make-host' },
        onSelect: () => call(session, 'setRole', p.uuid, host ? 'guest' : 'chair'),
      });
    }
  }
  if (!self && !waiting && session.chatEnabled && (!p.protocol || p.protocol === 'api' || p.protocol === 'webrtc')) {
    items.push({ label: 'Send direct message', icon: 'message-square', dataset: { action: 'direct-message' }, onSelect: () => ui.directMessage(p.uuid) });
  }
  if (session.isHost && !self) {
    if (!waiting) {
      items.push({ label: 'Transfer…', icon: 'corner-up-right', dataset: { action: 'transfer' }, onSelect: () => transferDialog(session, p) });
    }
    items.push({ kind: 'separator' });
    items.push({
      label: waiting ? 'Remove' : 'Disconnect',
      icon: 'user-x',
      danger: true,
      dataset: { action: 'disconnect' },
      onSelect: async () => {
        const ok = await confirmDialog({
          title: `Disconnect ${name}?`,
          message: `${name} will leave the meeting. They can join again unless the meeting is locked.`,
          confirmLabel: 'Disconnect',
          danger: true,
        });
        if (ok) call(session, 'disconnectParticipant', p.uuid);
      },
    });
  }
  const extra = extensions.participantItems(p);
  if (extra.length) items.push({ kind: 'separator' }, ...extra);
  while (items[items.length - 1]?.kind === 'separator') items.pop();
  return items;
}

/**
 * @param {Session} session
 * @param {string} uuid
 * @param {HTMLElement} anchor
 * @param {{directMessage: (uuid: string) => void}} ui
 */
export function openParticipantMenu(session, uuid, anchor, ui) {
  const p = session.participants.get(uuid);
  if (!p) return;
  const items = () => {
    const now = session.participants.get(uuid) ?? p;
    return participantItems(session, now, ui);
  };
  openMenu(anchor, liveItems(items), { label: `Actions for ${displayName(p)}`, className: 'menu--participant' });
}

/**
 * The meeting-controls menu (hosts).
 * @param {Session} session
 * @returns {MenuItem[]}
 */
export function conferenceItems(session) {
  const s = session.status;
  if (!session.isHost) return extensions.conferenceItems();
  /** @type {MenuItem[]} */
  const items = [
    {
      kind: 'checkbox',
      label: 'Lock meeting',
      icon: s.locked ? 'lock' : 'unlock',
      checked: Boolean(s.locked),
      dataset: { action: 'lock' },
      onSelect: () => call(session, 'setConferenceLock', !s.locked),
    },
    {
      kind: 'checkbox',
      label: 'Mute all guests',
      icon: 'mic-off',
      checked: Boolean(s.guests_muted),
      dataset: { action: 'mute-guests' },
      onSelect: () => call(session, 'setMuteAllGuests', !s.guests_muted),
    },
    {
      kind: 'checkbox',
      label: 'Guests can unmute',
      icon: 'mic',
      checked: Boolean(s.guests_can_unmute),
      dataset: { action: 'guests-can-unmute' },
      onSelect: () => call(session, 'setGuestsCanUnmute', !s.guests_can_unmute),
    },
    { kind: 'separator' },
    {
      label: 'Change layout…',
      icon: 'layout',
      dataset: { action: 'layout' },
      disabled: session.availableLayouts.length === 0,
      onSelect: () => layoutDialog(session),
    },
    { label: 'Lower all hands', icon: 'hand', dataset: { action: 'lower-all-hands' }, onSelect: () => call(session, 'clearAllBuzz') },
    { label: 'Clear spotlights', icon: 'star', dataset: { action: 'clear-spotlights' }, onSelect: () => call(session, 'clearSpotlights') },
  ];
  const extra = extensions.conferenceItems();
  if (extra.length) items.push({ kind: 'separator' }, ...extra);
  items.push(
    { kind: 'separator' },
    {
      label: 'End meeting for everyone',
      icon: 'phone-off',
      danger: true,
      dataset: { action: 'disconnect-all' },
      onSelect: async () => {
        const ok = await confirmDialog({
          title: 'End the meeting for everyone?',
          message: 'Everyone, you included, will be disconnected.',
          confirmLabel: 'End meeting',
          danger: true,
        });
        if (ok) call(session, 'disconnectAll');
      },
    },
  );
  return items;
}

/**
 * @param {Session} session
 * @param {HTMLElement} anchor
 */
export function openConferenceMenu(session, anchor) {
  openMenu(anchor, liveItems(() => conferenceItems(session)), { label: 'Meeting controls', className: 'menu--conference' });
}

/**
 * A small picture of a layout: `main` large cells and `small` small ones.
 * @param {{main: number, small: number, id: string}} layout
 */
function layoutPicture(layout) {
  const pic = h('span', { class: 'layout-picture', 'aria-hidden': 'true' });
  const main = Math.min(layout.main, 25);
  const small = Math.min(layout.small, 8);
  const cols = Math.ceil(Math.sqrt(main));
  const mainGrid = h('span', { class: 'layout-picture__main', style: { '--columns': String(cols), '--rows': String(Math.ceil(main / cols)) } });
  for (let i = 0; i < main; i++) mainGrid.appendChild(h('span', { class: 'layout-picture__cell' }));
  pic.appendChild(mainGrid);
  if (small) {
    const strip = h('span', { class: 'layout-picture__strip' });
    for (let i = 0; i < small; i++) strip.appendChild(h('span', { class: 'layout-picture__cell' }));
    pic.appendChild(strip);
  }
  return pic;
}

/**
 * Choose the layout everyone sees.
 * @param {Session} session
 */
export function layoutDialog(session) {
  const current = session.currentLayout;
  const options = session.availableLayouts.map((l) => layoutInfo(l));
  const group = h('div', { class: 'layout-options', role: 'radiogroup', 'aria-label': 'Layouts' });
  for (const option of options) {
    const id = `layout-${option.id.replace(/[^a-z0-9]/gi, '-')}`;
    const input = h('input', { type: 'radio', name: 'layout', value: option.id, id, class: 'layout-option__input', checked: option.id === current });
    group.appendChild(
      h('label', { class: 'layout-option', for: id, dataset: { layout: option.id } }, input, layoutPicture(option), h('span', { class: 'layout-option__name', text: option.name })),
    );
  }
  openDialog({
    title: 'Change layout',
    className: 'pex-dialog--layout',
    body: [h('p', { class: 'pex-dialog-content-message', text: 'Choose how the meeting arranges people on stage.' }), group],
    initialFocus: 'input[name="layout"]:checked',
    actions: [
      { label: 'Cancel', class: 'green-non-action-button' },
      { label: 'Apply layout', class: 'green-action-button', type: 'submit' },
    ],
    onSubmit(form, close) {
      const chosen = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="layout"]:checked'));
      if (chosen) {
        call(session, 'transformLayout', { layout: chosen.value });
        toast(`Layout: ${layoutInfo(chosen.value).name}`, { icon: 'layout' });
      }
      close(chosen?.value);
    },
  });
}

/**
 * Move a participant to another meeting.
 * @param {Session} session
 * @param {RawParticipant} p
 */
export function transferDialog(session, p) {
  const name = displayName(p);
  const alias = h('input', { class: 'pex-text-input', id: 'transfer-alias', name: 'alias', required: true, autocomplete: 'off', spellcheck: 'false' });
  const role = h(
    'select',
    { class: 'pex-text-input', id: 'transfer-role', name: 'role' },
    h('option', { value: 'guest', text: 'Guest' }),
    h('option', { value: 'host', text: 'Host' }),
  );
  const pin = h('input', { class: 'pex-text-input', id: 'transfer-pin', name: 'pin', autocomplete: 'off', inputmode: 'numeric' });
  const error = h('p', { class: 'field__error', role: 'alert', hidden: true });
  openDialog({
    title: `Transfer ${name}`,
    body: [
      h('p', { class: 'pex-dialog-content-message', text: `${name} will leave this meeting and join the one you name.` }),
      h('div', { class: 'field' }, h('label', { class: 'field__label', for: 'transfer-alias', text: 'Meeting to join' }), alias),
      h('div', { class: 'field-row' },
        h('div', { class: 'field' }, h('label', { class: 'field__label', for: 'transfer-role', text: 'Role there' }), role),
        h('div', { class: 'field' }, h('label', { class: 'field__label', for: 'transfer-pin', text: 'PIN (optional)' }), pin),
      ),
      error,
    ],
    actions: [
      { label: 'Cancel', class: 'green-non-action-button' },
      { label: 'Transfer', class: 'blue-action-button', type: 'submit' },
    ],
    onSubmit(_form, close) {
      const target = alias.value.trim();
      if (!target) {
        error.textContent = 'Enter the meeting to transfer to.';
        error.hidden = false;
        alias.focus();
        return;
      }
      call(session, 'transferParticipant', p.uuid, target, role.value, pin.value.trim() || undefined, (/** @type {any} */ result) => {
        if (result === false || result?.status === 'failed') {
          toast(`Could not transfer ${name}.`, { kind: 'error', icon: 'alert-triangle' });
        } else {
          toast(`${name} was transferred to ${target}.`, { icon: 'corner-up-right' });
        }
      });
      close(target);
    },
  });
}
