// The floating toolbar: microphone (with its level bar), camera, raise hand, a slot for plugin buttons,
// participants, chat and leave. The microphone sits in two containers, one per state, as Webapp2 had
// them (`.toolbar-audio-on__button-container` / `.toolbar-audio-off__button-container`).

import { h, icon, setIcon } from '../dom.js';

/**
 * @typedef {{
 *   onMic: (mute: boolean) => void, onCamera: (mute: boolean) => void, onHand: (raise: boolean) => void,
 *   onParticipants: () => void, onChat: () => void, onLeave: () => void
 * }} ToolbarHandlers
 */

/**
 * @param {string} label
 * @param {string} iconName
 * @param {string} cls
 * @param {() => void} onClick
 */
function toolButton(label, iconName, cls, onClick) {
  const b = h('button', { type: 'button', class: `toolbar__button ${cls}`, 'aria-label': label, title: label }, icon(iconName));
  b.addEventListener('click', onClick);
  return b;
}

export class Toolbar {
  /** @param {ToolbarHandlers} handlers */
  constructor(handlers) {
    this.handlers = handlers;
    this.micMuted = false;
    this.cameraMuted = false;
    this.handRaised = false;

    this.levelFill = h('span', { class: 'toolbar-audio-bar-fill' });
    this.micOnButton = toolButton('Mute microphone', 'mic', 'toolbar__button--mic', () => handlers.onMic(true));
    this.micOnButton.appendChild(h('span', { class: 'toolbar-audio-bar', 'aria-hidden': 'true' }, this.levelFill));
    this.micOffButton = toolButton('Unmute microphone', 'mic-off', 'toolbar__button--mic toolbar__button--off', () => handlers.onMic(false));
    this.micOn = h('div', { class: 'toolbar-audio-on__button-container toolbar__item' }, this.micOnButton);
    this.micOff = h('div', { class: 'toolbar-audio-off__button-container toolbar__item', hidden: true }, this.micOffButton);

    this.camera = toolButton('Turn camera off', 'video', 'toolbar__button--camera', () => handlers.onCamera(!this.cameraMuted));
    this.hand = toolButton('Raise hand', 'hand', 'toolbar__button--hand', () => handlers.onHand(!this.handRaised));
    this.hand.setAttribute('aria-pressed', 'false');
    this.pluginSlot = h('div', { class: 'toolbar__plugins', dataset: { pluginSlot: 'toolbar' } });
    this.participants = toolButton('Participants', 'users', 'toolbar__button--participants', handlers.onParticipants);
    this.participants.setAttribute('aria-pressed', 'false');
    this.chatBadge = h('span', { class: 'toolbar__badge', hidden: true, 'aria-hidden': 'true' });
    this.chat = toolButton('Chat', 'message-square', 'toolbar__button--chat', handlers.onChat);
    this.chat.setAttribute('aria-pressed', 'false');
    this.chat.appendChild(this.chatBadge);
    this.leave = toolButton('Leave meeting', 'phone-off', 'toolbar__button--leave', handlers.onLeave);

    this.el = h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Meeting controls toolbar' },
      this.micOn,
      this.micOff,
      h('div', { class: 'toolbar__item' }, this.camera),
      h('div', { class: 'toolbar__item' }, this.hand),
      this.pluginSlot,
      h('span', { class: 'toolbar__divider', 'aria-hidden': 'true' }),
      h('div', { class: 'toolbar__item' }, this.participants),
      h('div', { class: 'toolbar__item' }, this.chat),
      h('div', { class: 'toolbar__item' }, this.leave),
    );
  }

  /**
   * @param {boolean} muted
   * @param {string} [why] shown as the button's tooltip when a host muted this participant
   */
  setMic(muted, why) {
    const focused = document.activeElement === this.micOnButton || document.activeElement === this.micOffButton;
    this.micMuted = muted;
    this.micOn.hidden = muted;
    this.micOff.hidden = !muted;
    const label = why ? `Unmute microphone (${why})` : 'Unmute microphone';
    this.micOffButton.setAttribute('aria-label', label);
    this.micOffButton.title = label;
    if (focused) (muted ? this.micOffButton : this.micOnButton).focus();
  }

  /** @param {number} level 0..1 */
  setLevel(level) {
    this.levelFill.style.transform = `scaleX(${level})`;
  }

  /** @param {boolean} muted */
  setCamera(muted) {
    this.cameraMuted = muted;
    const label = muted ? 'Turn camera on' : 'Turn camera off';
    this.camera.setAttribute('aria-label', label);
    this.camera.title = label;
    this.camera.classList.toggle('toolbar__button--off', muted);
    setIcon(/** @type {SVGSVGElement} */ (this.camera.querySelector('svg')), muted ? 'video-off' : 'video');
  }

  /** @param {boolean} raised */
  setHand(raised) {
    this.handRaised = raised;
    const label = raised ? 'Lower hand' : 'Raise hand';
    this.hand.setAttribute('aria-label', label);
    this.hand.title = label;
    this.hand.setAttribute('aria-pressed', String(raised));
    this.hand.classList.toggle('toolbar__button--active', raised);
  }

  /** @param {'participants' | 'chat' | null} panel the sidebar panel shown, if any */
  setPanel(panel) {
    this.participants.setAttribute('aria-pressed', String(panel === 'participants'));
    this.chat.setAttribute('aria-pressed', String(panel === 'chat'));
    this.participants.classList.toggle('toolbar__button--active', panel === 'participants');
    this.chat.classList.toggle('toolbar__button--active', panel === 'chat');
  }

  /** @param {number} count */
  setUnread(count) {
    this.chatBadge.hidden = count === 0;
    this.chatBadge.textContent = count > 99 ? '99+' : String(count);
    const label = count ? `Chat, ${count} unread` : 'Chat';
    this.chat.setAttribute('aria-label', label);
    this.chat.title = label;
  }
}
