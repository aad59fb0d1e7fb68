// The chat panel: messages to everyone and direct messages (to one participant, shown only to them and to
// the sender), a recipient picker and a composer. Every message is text, never markup.

import { actions, dispatchAction } from '../actions.js';
import { h, icon } from '../dom.js';
import { displayName, isWaiting } from '../model.js';

/** @typedef {import('../session.js').Session} Session */
/** @typedef {import('../session.js').ChatMessage} ChatMessage */

const EVERYONE = '';
/** @type {Intl.DateTimeFormat | undefined} made at the first message: making it loads locale data (~30 ms) */
let timeFormat;

/** @param {Date} at */
function timeOf(at) {
  timeFormat ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  return timeFormat.format(at);
}

export class Chat {
  /**
   * @param {Session} session
   * @param {{onUnread: (count: number) => void, isVisible: () => boolean}} handlers
   */
  constructor(session, handlers) {
    this.session = session;
    this.handlers = handlers;
    this.unread = 0;
    this.recipient = EVERYONE;

    this.list = h('ol', { class: 'chat__messages', 'aria-label': 'Messages', 'aria-live': 'polite', 'aria-relevant': 'additions' });
    this.emptyNote = h(
      'div',
      { class: 'chat__empty' },
      icon('message-square'),
      h('p', { text: 'No messages yet.' }),
      h('p', { class: 'chat__empty-hint', text: 'Messages go to everyone in the meeting. Choose a person to send a direct message.' }),
    );
    this.scroller = h('div', { class: 'chat__scroller' }, this.emptyNote, this.list);

    this.select = h('select', { class: 'chat__recipient pex-text-input', id: 'chat-recipient', 'aria-label': 'Send to' });
    this._fillRecipients();
    const refresh = () => this._fillRecipients();
    this.select.addEventListener('focus', refresh);
    this.select.addEventListener('pointerdown', refresh);
    this.select.addEventListener('change', () => {
      this.recipient = this.select.value;
      this._updatePlaceholder();
    });

    this.input = h('textarea', {
      class: 'chat__input pex-text-input',
      rows: '1',
      maxlength: '4000',
      'aria-label': 'Message',
      placeholder: 'Message everyone',
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.send();
      }
    });
    this.input.addEventListener('input', () => this._grow());
    this.sendButton = h('button', { type: 'submit', class: 'icon-button icon-button--primary chat__send', 'aria-label': 'Send message', title: 'Send message' }, icon('send'));
    this.disabledNote = h('p', { class: 'chat__disabled', text: 'Chat is turned off in this meeting.', hidden: true });
    const form = h(
      'form',
      { class: 'chat__composer', 'aria-label': 'Write a message' },
      h('label', { class: 'chat__to', for: 'chat-recipient' }, h('span', { text: 'To' }), this.select),
      h('div', { class: 'chat__row' }, this.input, this.sendButton),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.send();
    });
    this.form = form;

    this.el = h('div', { class: 'chat' }, this.scroller, this.disabledNote, form);
    for (const message of session.chat) this._append(message);
    this.setEnabled(session.chatEnabled);
  }

  /** @param {boolean} enabled */
  setEnabled(enabled) {
    this.form.hidden = !enabled;
    this.disabledNote.hidden = enabled;
  }

  /**
   * A new message arrived or was sent.
   * @param {ChatMessage} message
   */
  add(message) {
    const stick = this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 40;
    this._append(message);
    if (stick || message.own) this.scroller.scrollTop = this.scroller.scrollHeight;
    if (!message.own && !this.handlers.isVisible()) {
      this.unread += 1;
      this.handlers.onUnread(this.unread);
    }
  }

  /** The panel became visible: everything is read. */
  markRead() {
    if (this.unread === 0) return;
    this.unread = 0;
    this.handlers.onUnread(0);
  }

  /** @param {ChatMessage} message */
  _append(message) {
    this.emptyNote.hidden = true;
    const previous = /** @type {HTMLElement | null} */ (this.list.lastElementChild);
    const grouped =
      previous &&
      previous.dataset.senderUuid === message.senderUuid &&
      previous.dataset.direct === String(message.direct) &&
      (previous.dataset.to ?? '') === (message.toUuid ?? '') &&
      message.at.getTime() - Number(previous.dataset.at) < 60_000;
    const item = h('li', {
      class: ['chat__message', message.own && 'chat__message--own', message.direct && 'chat__message--direct', grouped && 'chat__message--grouped'],
      dataset: {
        senderUuid: message.senderUuid,
        direct: String(message.direct),
        to: message.toUuid,
        at: String(message.at.getTime()),
      },
    });
    if (!grouped) {
      const header = h('div', { class: 'chat__meta' });
      header.appendChild(h('span', { class: 'chat__sender', text: message.own ? 'You' : message.origin }));
      if (message.direct) {
        const to = message.own ? `Direct to ${message.toName ?? 'a participant'}` : 'Direct message';
        header.appendChild(h('span', { class: 'chat__direct', text: to }));
      }
      header.appendChild(h('time', { class: 'chat__time', datetime: message.at.toISOString(), text: timeOf(message.at) }));
      item.appendChild(header);
    }
    item.appendChild(h('p', { class: 'chat__text', text: message.text }));
    this.list.appendChild(item);
  }

  send() {
    const text = this.input.value;
    if (!text.trim()) return;
    const to = this.recipient;
    if (to && !this.session.participants.has(to)) {
      this._updatePlaceholder();
      return;
    }
    if (to) this.session.sendChat(text, to);
    else dispatchAction(actions.SEND_CHAT_MESSAGE, text);
    this.input.value = '';
    this._grow();
    this.input.focus();
  }

  /**
   * Send the next message to `uuid` only (or to everyone with '').
   * @param {string} uuid
   */
  setRecipient(uuid) {
    this.recipient = uuid;
    this._fillRecipients();
    this._updatePlaceholder();
  }

  /** A participant left or changed name: keep the picker truthful. */
  participantsChanged() {
    if (this.recipient && !this.session.participants.has(this.recipient)) {
      this._fillRecipients();
      this._updatePlaceholder();
    }
  }

  /** The picker's options are built when it is about to be used, not on every roster change. */
  _fillRecipients() {
    const options = [h('option', { value: EVERYONE, text: 'Everyone' })];
    /** @type {{uuid: string, name: string}[]} */
    const people = [];
    for (const p of this.session.participants.values()) {
      if (p.uuid === this.session.selfUuid || isWaiting(p) || p.protocol && p.protocol !== 'api' && p.protocol !== 'webrtc') continue;
      people.push({ uuid: p.uuid, name: displayName(p) });
    }
    people.sort((a, b) => a.name.localeCompare(b.name));
    for (const person of people) options.push(h('option', { value: person.uuid, text: person.name }));
    if (this.recipient && !people.some((p) => p.uuid === this.recipient)) {
      options.push(h('option', { value: this.recipient, text: 'Someone who left', disabled: true }));
    }
    this.select.replaceChildren(...options);
    this.select.value = this.recipient;
  }

  _updatePlaceholder() {
    const target = this.recipient ? this.session.participants.get(this.recipient) : null;
    let text = 'Message everyone';
    if (this.recipient) text = target ? `Direct message to ${displayName(target)}` : 'That person has left';
    this.input.placeholder = text;
    this.input.disabled = Boolean(this.recipient && !target);
    this.sendButton.disabled = this.input.disabled;
    this.el.classList.toggle('chat--direct', Boolean(this.recipient));
  }

  _grow() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 140)}px`;
  }

  focusInput() {
    this.input.focus();
  }
}
