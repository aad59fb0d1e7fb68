// Pop-up menus (roster entry actions, meeting controls): keyboard operable as the ARIA menu pattern
// describes, one open at a time, closed by Escape, Tab, a choice or a click elsewhere.

import { h, icon } from '../dom.js';

/**
 * @typedef {{
 *   kind?: 'item' | 'checkbox' | 'separator' | 'heading',
 *   label?: string,
 *   icon?: string | Node,
 *   checked?: boolean,
 *   danger?: boolean,
 *   disabled?: boolean,
 *   dataset?: Record<string, string>,
 *   onSelect?: () => void
 * }} MenuItem
 */

/** @type {{el: HTMLElement, anchor: HTMLElement, close: (restoreFocus?: boolean) => void} | null} */
let open = null;

/** Close the open menu, if any. */
export function closeMenu(restoreFocus = false) {
  open?.close(restoreFocus);
}

/** Whether `anchor`'s menu is the open one. */
export function isMenuOpenFor(/** @type {HTMLElement} */ anchor) {
  return open?.anchor === anchor;
}

/**
 * Items that can change while the menu is open (plugin items follow their `state$`): `items` gives the
 * current ones, `subscribe` calls back when they changed and returns how to stop.
 * @typedef {{items: () => MenuItem[], subscribe: (changed: () => void) => () => void}} LiveItems
 */

/**
 * Open a menu under `anchor`.
 * @param {HTMLElement} anchor the button that opened it (gets `aria-expanded`)
 * @param {MenuItem[] | LiveItems} items
 * @param {{label: string, className?: string, focusFirst?: boolean}} options
 * @returns {HTMLElement} the menu element
 */
export function openMenu(anchor, items, { label, className, focusFirst = true }) {
  const reopening = open?.anchor === anchor;
  closeMenu();
  if (reopening) return /** @type {any} */ (null);

  const menu = h('div', { class: ['menu', className], role: 'menu', 'aria-label': label, tabindex: '-1' });
  const fill = (/** @type {MenuItem[]} */ list) => {
    menu.replaceChildren(...list.map((item) => renderItem(item, () => close(true))));
    if (!menu.querySelector('[role^="menuitem"]')) {
      menu.appendChild(h('div', { class: 'menu__empty', text: 'No actions available' }));
    }
  };
  const live = Array.isArray(items) ? null : items;
  fill(live ? live.items() : /** @type {MenuItem[]} */ (items));
  const stopUpdates = live?.subscribe(() => {
    // Keep the keyboard where it was: the same position in the redrawn list.
    const entries = [...menu.querySelectorAll('[role^="menuitem"]')];
    const at = entries.indexOf(/** @type {Element} */ (document.activeElement));
    fill(live.items());
    if (at >= 0) /** @type {HTMLElement | undefined} */ (menu.querySelectorAll('[role^="menuitem"]')[at])?.focus();
  });

  const layer = document.getElementById('overlay-root') ?? document.body;
  layer.appendChild(menu);
  place(menu, anchor);
  anchor.setAttribute('aria-expanded', 'true');

  const onPointerDown = (/** @type {PointerEvent} */ e) => {
    const target = /** @type {Node} */ (e.target);
    if (!menu.contains(target) && !anchor.contains(target)) close(false);
  };
  const onResize = () => close(false);
  const onKey = (/** @type {KeyboardEvent} */ e) => keyboard(e, menu, close);
  menu.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onPointerDown, true);
  window.addEventListener('resize', onResize);

  let closed = false;
  function close(restoreFocus = false) {
    if (closed) return;
    closed = true;
    stopUpdates?.();
    menu.remove();
    anchor.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', onPointerDown, true);
    window.removeEventListener('resize', onResize);
    if (open?.el === menu) open = null;
    if (restoreFocus && anchor.isConnected) anchor.focus();
  }
  open = { el: menu, anchor, close };
  const first = /** @type {HTMLElement | null} */ (menu.querySelector('[role^="menuitem"]:not([aria-disabled="true"])'));
  if (focusFirst && first) first.focus();
  else menu.focus();
  return menu;
}

/**
 * @param {MenuItem} item
 * @param {() => void} close
 */
function renderItem(item, close) {
  if (item.kind === 'separator') return h('div', { class: 'menu__separator', role: 'separator' });
  if (item.kind === 'heading') return h('div', { class: 'menu__heading', role: 'presentation', text: item.label ?? '' });
  const checkbox = item.kind === 'checkbox';
  const el = h('button', {
    type: 'button',
    class: ['menu__item', item.danger && 'menu__item--danger'],
    role: checkbox ? 'menuitemcheckbox' : 'menuitem',
    tabindex: '-1',
    'aria-checked': checkbox ? String(Boolean(item.checked)) : undefined,
    'aria-disabled': item.disabled ? 'true' : undefined,
    dataset: item.dataset,
  });
  if (typeof item.icon === 'string') el.appendChild(icon(item.icon, 'menu__icon'));
  else if (item.icon) el.appendChild(item.icon);
  else el.appendChild(h('span', { class: 'menu__icon menu__icon--blank', 'aria-hidden': 'true' }));
  el.appendChild(h('span', { class: 'menu__label', text: item.label ?? '' }));
  if (checkbox) {
    el.appendChild(h('span', { class: 'switch', 'aria-hidden': 'true' }, h('span', { class: 'switch__thumb' })));
  }
  el.addEventListener('click', () => {
    if (item.disabled) return;
    // Focus goes back to the menu's button first, so a dialog the item opens returns focus there.
    close();
    item.onSelect?.();
  });
  return el;
}

/**
 * @param {KeyboardEvent} e
 * @param {HTMLElement} menu
 * @param {(restoreFocus?: boolean) => void} close
 */
function keyboard(e, menu, close) {
  const items = /** @type {HTMLElement[]} */ ([...menu.querySelectorAll('[role^="menuitem"]')]);
  const index = items.indexOf(/** @type {HTMLElement} */ (document.activeElement));
  const move = (/** @type {number} */ to) => {
    if (!items.length) return;
    items[(to + items.length) % items.length].focus();
    e.preventDefault();
  };
  switch (e.key) {
    case 'ArrowDown':
      move(index + 1);
      break;
    case 'ArrowUp':
      move(index <= 0 ? items.length - 1 : index - 1);
      break;
    case 'Home':
      move(0);
      break;
    case 'End':
      move(items.length - 1);
      break;
    case 'Escape':
      e.preventDefault();
      e.stopPropagation();
      close(true);
      break;
    case 'Tab':
      close(true);
      e.preventDefault();
      break;
    default:
      if (e.key.length === 1 && /\S/.test(e.key)) {
        const letter = e.key.toLowerCase();
        const start = index + 1;
        for (let i = 0; i < items.length; i++) {
          const candidate = items[(start + i) % items.length];
          if (candidate.textContent?.trim().toLowerCase().startsWith(letter)) {
            candidate.focus();
            e.preventDefault();
            break;
          }
        }
      }
  }
}

/**
 * Put the menu under the anchor, aligned to its end, flipping up or left when it would not fit.
 * @param {HTMLElement} menu
 * @param {HTMLElement} anchor
 */
function place(menu, anchor) {
  const a = anchor.getBoundingClientRect();
  const m = menu.getBoundingClientRect();
  const margin = 8;
  let top = a.bottom + 4;
  if (top + m.height > window.innerHeight - margin && a.top - 4 - m.height >= margin) {
    top = a.top - 4 - m.height;
  }
  top = Math.max(margin, Math.min(top, window.innerHeight - margin - m.height));
  let left = a.right - m.width;
  if (left < margin) left = Math.min(a.left, window.innerWidth - margin - m.width);
  left = Math.max(margin, left);
  menu.style.top = `${Math.round(top)}px`;
  menu.style.left = `${Math.round(left)}px`;
}
