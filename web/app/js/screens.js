// The screens around a meeting: the join form, the PIN prompt, joining, the waiting room, and the
// failure and goodbye screens. Each is a `<main data-screen="…">` in the same frame.

import { h, icon } from './dom.js';
import { openSettings } from './settings.js';

/** @typedef {import('./model.js').Failure} Failure */
/** @typedef {import('./media.js').LocalMedia} LocalMedia */

/**
 * The frame every non-conference screen shares: a top bar and a centred card.
 * @param {string} name
 * @param {Node[]} card
 * @param {{media?: LocalMedia | null, wide?: boolean, reason?: string}} [options]
 */
function frame(name, card, options = {}) {
  const settings = h(
    'button',
    { type: 'button', class: 'header-button', 'aria-label': 'Settings', title: 'Settings', on: { click: () => openSettings({ media: options.media ?? null }) } },
    icon('settings'),
  );
  return h(
    'main',
    { class: `screen screen--${name}`, dataset: { screen: name, reason: options.reason } },
    h(
      'header',
      { class: 'topbar' },
      h('a', { class: 'brand', href: './', 'aria-label': 'Plugboard Connect, start page' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, icon('plug')), h('span', { class: 'brand__name', text: 'Plugboard' }), h('span', { class: 'brand__product', text: 'Connect' })),
      settings,
    ),
    h('div', { class: 'screen__center' }, h('div', { class: ['card', options.wide && 'card--wide'] }, ...card)),
    h('footer', { class: 'screen__footer', text: 'Plugboard · open, self-hosted video meetings' }),
  );
}

/**
 * @param {string} iconName
 * @param {string} [tone]
 */
function cardIcon(iconName, tone = 'accent') {
  return h('div', { class: `card__icon card__icon--${tone}`, 'aria-hidden': 'true' }, icon(iconName));
}

/**
 * @param {string} id
 * @param {string} label
 * @param {HTMLInputElement} input
 * @param {string} [hint]
 */
function field(id, label, input, hint) {
  input.id = id;
  /** @type {HTMLElement[]} */
  const children = [h('label', { class: 'field__label', for: id, text: label }), input];
  if (hint) {
    const hintId = `${id}-hint`;
    input.setAttribute('aria-describedby', hintId);
    children.push(h('p', { class: 'field__hint', id: hintId, text: hint }));
  }
  return h('div', { class: 'field' }, ...children);
}

/**
 * The join form.
 * @param {{alias: string, name: string, onJoin: (alias: string, name: string) => void}} options
 */
export function homeScreen({ alias, name, onJoin }) {
  const aliasInput = h('input', {
    class: 'pex-text-input',
    name: 'alias',
    value: alias,
    required: true,
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
    placeholder: 'e.g. meet',
    maxlength: '250',
  });
  const nameInput = h('input', { class: 'pex-text-input', name: 'name', value: name, required: true, autocomplete: 'name', placeholder: 'How others see you', maxlength: '250' });
  const error = h('p', { class: 'form__error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'aria-labelledby': 'home-title' },
    field('join-alias', 'Meeting', aliasInput, 'The meeting name or address you were given.'),
    field('join-name', 'Your name', nameInput),
    error,
    h('button', { type: 'submit', class: 'button button--primary button--block', id: 'join-button' }, h('span', { class: 'button__label', text: 'Join meeting' }), icon('arrow-right')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const a = aliasInput.value.trim();
    const n = nameInput.value.trim();
    if (!a || !n) {
      error.textContent = !a ? 'Enter the meeting you want to join.' : 'Enter your name so others know who you are.';
      error.hidden = false;
      (!a ? aliasInput : nameInput).focus();
      (!a ? aliasInput : nameInput).setAttribute('aria-invalid', 'true');
      return;
    }
    onJoin(a, n);
  });
  const screen = frame('home', [
    cardIcon('video'),
    h('h1', { class: 'card__title', id: 'home-title', text: 'Join a meeting' }),
    h('p', { class: 'card__text', text: 'Enter the meeting name and your name. You can turn your camera and microphone on or off once you are in.' }),
    form,
  ]);
  return { el: screen, focus: () => (alias ? nameInput : aliasInput).focus() };
}

/**
 * The PIN prompt. `optional`: guests have no PIN, so a guest may join without one.
 * @param {{conference: string, pinStatus: string, onSubmit: (pin: string) => void, onCancel: () => void}} options
 */
export function pinScreen({ conference, pinStatus, onSubmit, onCancel }) {
  const optional = pinStatus === 'optional';
  const pinInput = h('input', {
    class: 'pex-text-input pex-text-input--pin',
    type: 'password',
    name: 'pin',
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: '20',
    required: !optional,
  });
  const error = h('p', { class: 'form__error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    field('pin-input', optional ? 'Host PIN' : 'PIN', pinInput, optional ? 'Hosts enter their PIN. Guests join without one.' : 'Hosts and guests have different PINs; yours decides your role.'),
    error,
    h('button', { type: 'submit', class: 'button button--primary button--block', id: 'pin-submit' }, h('span', { class: 'button__label', text: optional ? 'Join as host' : 'Join meeting' })),
  );
  if (optional) {
    form.appendChild(
      h('button', { type: 'button', class: 'button button--secondary button--block', id: 'join-as-guest', on: { click: () => onSubmit('') } }, h('span', { class: 'button__label', text: 'Join as guest' })),
    );
  }
  form.appendChild(h('button', { type: 'button', class: 'button button--ghost button--block', on: { click: onCancel } }, h('span', { class: 'button__label', text: 'Cancel' })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const pin = pinInput.value.trim();
    if (!pin && !optional) {
      error.textContent = 'Enter the PIN for this meeting.';
      error.hidden = false;
      pinInput.setAttribute('aria-invalid', 'true');
      pinInput.focus();
      return;
    }
    onSubmit(pin);
  });
  const screen = frame('pin', [
    cardIcon('key'),
    h('h1', { class: 'card__title', id: 'pin-title', text: 'This meeting needs a PIN' }),
    h('p', { class: 'card__text' }, 'Enter the PIN for ', h('strong', { text: conference }), '.'),
    form,
  ]);
  return { el: screen, focus: () => pinInput.focus() };
}

/**
 * @param {{conference: string, onCancel: () => void, text?: string}} options
 */
export function connectingScreen({ conference, onCancel, text }) {
  const cancel = h('button', { type: 'button', class: 'button button--ghost', on: { click: onCancel } }, h('span', { class: 'button__label', text: 'Cancel' }));
  const screen = frame('connecting', [
    h('div', { class: 'spinner', role: 'progressbar', 'aria-label': 'Joining' }),
    h('h1', { class: 'card__title', id: 'connecting-title', text: text ?? 'Joining…' }),
    h('p', { class: 'card__text' }, h('strong', { text: conference })),
    h('div', { class: 'card__actions' }, cancel),
  ]);
  return { el: screen, focus: () => cancel.focus() };
}

/**
 * The waiting room: a locked meeting, waiting for a host to admit this guest.
 * @param {{conference: string, name: string, media: LocalMedia, onLeave: () => void}} options
 */
export function waitingScreen({ conference, name, media, onLeave }) {
  const video = h('video', { class: 'preview__video', autoplay: true, playsinline: true, muted: true, 'aria-label': 'Your camera preview' });
  video.muted = true;
  const note = h('span', { class: 'preview__note' });
  const preview = h('div', { class: 'preview' }, video, note);
  const update = () => {
    if (video.srcObject !== media.stream) video.srcObject = media.stream;
    const showing = media.hasVideo && media.videoEnabled;
    preview.classList.toggle('preview--video', showing);
    note.textContent = showing ? '' : media.permission === 'asking' ? 'Starting camera…' : 'Camera off';
  };
  const offs = [media.on('stream', update), media.on('permission', update), media.on('video', update)];
  update();
  const leave = h('button', { type: 'button', class: 'button button--danger', id: 'waiting-leave', on: { click: onLeave } }, icon('phone-off'), h('span', { class: 'button__label', text: 'Leave' }));
  const screen = frame(
    'waiting',
    [
      h('div', { class: 'waiting__pulse', 'aria-hidden': 'true' }, icon('clock')),
      h('h1', { class: 'card__title', id: 'waiting-title', text: 'Waiting for a host to let you in' }),
      h('p', { class: 'card__text', role: 'status' }, h('strong', { text: conference }), ' is locked. You will join as soon as a host admits you.'),
      preview,
      h('p', { class: 'card__text card__text--muted' }, 'You are joining as ', h('strong', { text: name }), '.'),
      h('div', { class: 'card__actions' }, leave),
    ],
    { media },
  );
  return { el: screen, focus: () => leave.focus(), destroy: () => offs.forEach((off) => off()) };
}

/**
 * A failure or the end of a meeting: what happened, why, and what to do now.
 * @param {{failure: Failure, screen: 'error' | 'ended', actions: {label: string, primary?: boolean, id?: string, onClick: () => void}[]}} options
 */
export function noticeScreen({ failure, screen, actions: buttons }) {
  const iconFor = {
    'invalid-pin': ['key', 'danger'],
    'not-found': ['search', 'danger'],
    left: ['log-out', 'accent'],
    ended: ['phone-off', 'accent'],
    removed: ['user-x', 'danger'],
    'not-admitted': ['clock', 'danger'],
    transferred: ['corner-up-right', 'accent'],
  };
  const [iconName, tone] = /** @type {Record<string, string[]>} */ (iconFor)[failure.kind] ?? ['alert-triangle', 'danger'];
  const actionEls = buttons.map((b) =>
    h('button', { type: 'button', class: ['button', b.primary ? 'button--primary' : 'button--secondary'], id: b.id, on: { click: b.onClick } }, h('span', { class: 'button__label', text: b.label })),
  );
  const children = [
    cardIcon(iconName, tone),
    h('h1', { class: 'card__title', id: 'notice-title', text: failure.title }),
    h('p', { class: 'card__text', text: failure.message }),
  ];
  if (failure.detail && failure.kind !== 'left') {
    children.push(h('p', { class: 'notice__detail' }, h('span', { class: 'notice__detail-label', text: 'Reason: ' }), h('span', { class: 'notice__reason', text: failure.detail })));
  }
  children.push(h('div', { class: 'card__actions' }, ...actionEls));
  const el = frame(screen, children, { reason: failure.kind });
  return { el, focus: () => actionEls[0]?.focus() };
}
