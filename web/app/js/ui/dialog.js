// Modal dialogs on the native <dialog> element (focus stays inside, Escape closes). The markup and
// classes are the ones plugin dialogs use too (`pex-dialog`, `pex-dialog-content-message`,
// `dialog-button`, `green-action-button`, `red-action-button`, `pex-text-input`, …).

import { h, icon } from '../dom.js';

/**
 * @typedef {{
 *   label: string,
 *   class?: string,
 *   value?: any,
 *   type?: 'button' | 'submit',
 *   onClick?: (close: (value?: any) => void) => void,
 *   dataset?: Record<string, string>
 * }} DialogAction
 */

/**
 * @typedef {{
 *   el: HTMLDialogElement,
 *   body: HTMLElement,
 *   form: HTMLFormElement,
 *   close: (value?: any) => void,
 *   closed: Promise<any>
 * }} DialogRef
 */

let dialogIds = 0;

/**
 * Open a modal dialog.
 * @param {{
 *   title?: string | null,
 *   body?: Node | Node[] | null,
 *   actions?: DialogAction[],
 *   closable?: boolean,
 *   className?: string,
 *   onSubmit?: (form: HTMLFormElement, close: (value?: any) => void) => void,
 *   initialFocus?: string
 * }} options
 * @returns {DialogRef}
 */
export function openDialog({ title, body, actions = [], closable = true, className, onSubmit, initialFocus }) {
  const id = `dialog-${++dialogIds}`;
  const titleId = `${id}-title`;
  const dialog = h('dialog', {
    class: ['pex-dialog', className],
    'aria-labelledby': title ? titleId : undefined,
    'aria-label': title ? undefined : 'Dialog',
  });
  const form = h('form', { class: 'pex-dialog__form', method: 'dialog', novalidate: true });
  const header = h('div', { class: 'pex-dialog__header' });
  if (title) header.appendChild(h('h2', { class: 'pex-dialog__title', id: titleId, text: title }));
  /** @type {HTMLButtonElement | null} */
  let closeButton = null;
  if (closable) {
    closeButton = h('button', { type: 'button', class: 'icon-button pex-dialog__close', 'aria-label': 'Close', title: 'Close' }, icon('x'));
    header.appendChild(closeButton);
  }
  const content = h('div', { class: 'pex-dialog__content' });
  if (body) for (const node of Array.isArray(body) ? body : [body]) content.appendChild(node);
  form.append(header, content);
  if (actions.length) {
    const footer = h('div', { class: 'pex-dialog__actions' });
    for (const action of actions) {
      const b = h('button', {
        type: action.type ?? 'button',
        class: ['dialog-button', action.class ?? 'green-non-action-button'],
        text: action.label,
        dataset: action.dataset,
      });
      if (action.type !== 'submit') {
        b.addEventListener('click', () => (action.onClick ? action.onClick(close) : close(action.value)));
      }
      footer.appendChild(b);
    }
    form.appendChild(footer);
  }
  dialog.appendChild(form);

  /** @type {(value: any) => void} */
  let resolve = () => {};
  const closed = new Promise((r) => (resolve = r));
  let done = false;
  /** @type {Element | null} */
  const opener = document.activeElement;
  /** @param {any} [value] */
  function close(value) {
    if (done) return;
    done = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    resolve(value);
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  }
  closeButton?.addEventListener('click', () => close(undefined));
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    if (closable) close(undefined);
  });
  dialog.addEventListener('close', () => close(dialog.returnValue || undefined));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (onSubmit) onSubmit(form, close);
  });

  (document.getElementById('dialog-root') ?? document.body).appendChild(dialog);
  dialog.showModal();
  const focusTarget = /** @type {HTMLElement | null} */ (
    (initialFocus && dialog.querySelector(initialFocus)) ||
      dialog.querySelector('input:not([type="hidden"]), select, textarea') ||
      dialog.querySelector('.pex-dialog__actions button:last-child') ||
      closeButton
  );
  focusTarget?.focus();
  return { el: dialog, body: content, form, close, closed };
}

/**
 * Ask a yes/no question.
 * @param {{title: string, message: string, confirmLabel: string, danger?: boolean}} options
 * @returns {Promise<boolean>}
 */
export async function confirmDialog({ title, message, confirmLabel, danger = false }) {
  const ref = openDialog({
    title,
    body: h('p', { class: 'pex-dialog-content-message', text: message }),
    actions: [
      { label: 'Cancel', class: 'green-non-action-button', value: false },
      { label: confirmLabel, class: danger ? 'red-action-button' : 'green-action-button', value: true },
    ],
  });
  return (await ref.closed) === true;
}
