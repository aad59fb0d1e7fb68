// Short notices ("Ann joined", "A host muted you") in a polite live region that floats over the page,
// so they never move anything else.

import { h, icon } from '../dom.js';

const MAX_TOASTS = 3;
const SHOW_MS = 4500;

/**
 * @param {string} text
 * @param {{icon?: string, kind?: 'info' | 'success' | 'warning' | 'error', action?: {label: string, onClick: () => void}}} [options]
 */
export function toast(text, options = {}) {
  const region = document.getElementById('toasts');
  if (!region) return;
  const el = h('div', { class: ['toast', `toast--${options.kind ?? 'info'}`] });
  if (options.icon) el.appendChild(icon(options.icon, 'toast__icon'));
  el.appendChild(h('span', { class: 'toast__text', text }));
  if (options.action) {
    const { label, onClick } = options.action;
    el.appendChild(
      h('button', {
        type: 'button',
        class: 'toast__action',
        text: label,
        on: {
          click: () => {
            onClick();
            el.remove();
          },
        },
      }),
    );
  }
  region.appendChild(el);
  while (region.children.length > MAX_TOASTS) region.firstElementChild?.remove();
  const timer = setTimeout(() => dismiss(el), options.action ? SHOW_MS * 2 : SHOW_MS);
  el.addEventListener('pointerenter', () => clearTimeout(timer), { once: true });
  el.addEventListener('pointerleave', () => setTimeout(() => dismiss(el), 1500), { once: true });
}

/** @param {HTMLElement} el */
function dismiss(el) {
  if (!el.isConnected) return;
  el.classList.add('toast--leaving');
  setTimeout(() => el.remove(), 200);
}

/** Remove every notice (when the screen changes completely). */
export function clearToasts() {
  document.getElementById('toasts')?.replaceChildren();
}
