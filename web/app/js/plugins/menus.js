// What a plugin menu item shows: the package's icon and label, overridden by the plugin's `state$`.
// `state$` values come in two forms (webapp2-compat §3): `{icon, label}` for the whole plugin, and
// `{<uuid>: {icon, label}}` per participant for roster menu items; objects mixing both exist. A `null`
// icon or label in the state hides the item (for that participant, in the per-uuid form); an item with
// neither icon nor label has nothing to show and stays hidden too (a package sets both to `null` when
// its `state$` fills them in, as the seed document's recording plugin does).

import { h, setAttr } from '../dom.js';
import { iconForm, pluginIcon } from './icons.js';

/** @typedef {import('./plugin.js').Plugin} Plugin */
/** @typedef {import('./package.js').PackageItem} PackageItem */
/** @typedef {import('../ui/menu.js').MenuItem} MenuItem */

/**
 * @typedef {{hidden: boolean, icon: string | null, label: string | null}} ItemView
 */

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * How an item looks now, for the participant `uuid` when it is a roster menu item.
 * @param {Plugin} plugin
 * @param {PackageItem} item
 * @param {string} [uuid]
 * @returns {ItemView}
 */
export function itemView(plugin, item, uuid) {
  if (item.id !== null && plugin.hiddenItems.has(item.id)) return { hidden: true, icon: null, label: null };
  /** @type {{icon?: unknown, label?: unknown}} */
  const state = {};
  const value = plugin.state;
  if (isObject(value)) {
    if ('icon' in value) state.icon = value.icon;
    if ('label' in value) state.label = value.label;
    if (uuid !== undefined && Object.hasOwn(value, uuid)) {
      const own = value[uuid];
      if (own === null) return { hidden: true, icon: null, label: null };
      if (isObject(own)) {
        if ('icon' in own) state.icon = own.icon;
        if ('label' in own) state.label = own.label;
      }
    }
  }
  if (state.icon === null || state.label === null) return { hidden: true, icon: null, label: null };
  const icon = 'icon' in state ? text(state.icon) : item.icon;
  const label = 'label' in state ? text(state.label) : item.label;
  return { hidden: !icon && !label, icon, label };
}

/** @param {unknown} value */
function text(value) {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The `data-*` attributes of every rendered plugin item (ARCHITECTURE.md, DOM contract).
 * @param {Plugin} plugin
 * @param {PackageItem} item
 */
export function itemDataset(plugin, item) {
  /** @type {Record<string, string>} */
  const data = { pluginId: plugin.id, pluginAction: item.action };
  if (item.id !== null) data.pluginItem = item.id;
  return data;
}

/**
 * The item for a pop-up menu (meeting controls, a roster entry).
 * @param {Plugin} plugin
 * @param {PackageItem} item
 * @param {ItemView} view
 * @param {() => void} onSelect
 * @param {() => void} redraw
 * @returns {MenuItem}
 */
export function popupItem(plugin, item, view, onSelect, redraw) {
  return {
    label: view.label ?? plugin.name,
    icon: pluginIcon(plugin.pkg, view.icon, redraw, 'menu__icon') ?? undefined,
    disabled: plugin.failed,
    dataset: itemDataset(plugin, item),
    onSelect,
  };
}

/**
 * A toolbar button (in its `.toolbar__item`); the label is its accessible name and tooltip, and its text
 * when the icon is missing. A plugin's `state$` may move on every roster change, so `update` follows a
 * new view in place — label, tooltip, failure — without drawing the icon again (it costs more than the
 * rest of the button); it returns false when the icon itself changed, came, went or is to be drawn
 * otherwise (its file has been read), and the caller draws a new button.
 * @param {Plugin} plugin
 * @param {PackageItem} item
 * @param {ItemView} view
 * @param {() => void} onClick
 * @param {() => void} redraw
 * @returns {{element: HTMLElement, update: (view: ItemView) => boolean}}
 */
export function toolbarButton(plugin, item, view, onClick, redraw) {
  const button = h('button', {
    type: 'button',
    class: 'toolbar__button toolbar__button--plugin',
    dataset: itemDataset(plugin, item),
  });
  const iconRef = view.icon;
  const form = iconForm(plugin.pkg, iconRef);
  const icon = pluginIcon(plugin.pkg, iconRef, redraw);
  /** @type {HTMLElement | null} */
  let text = null;
  if (icon) {
    button.appendChild(icon);
  } else {
    button.classList.add('toolbar__button--text');
    text = button.appendChild(h('span', { class: 'toolbar__button-text' }));
  }
  /** @param {ItemView} next */
  const show = (next) => {
    const label = next.label ?? plugin.name;
    setAttr(button, 'aria-label', label);
    setAttr(button, 'title', plugin.failed ? `${label} (plugin failed: ${plugin.reason})` : label);
    setAttr(button, 'aria-disabled', plugin.failed ? 'true' : null);
    if (text && text.textContent !== label) text.textContent = label;
  };
  show(view);
  button.addEventListener('click', () => {
    if (!plugin.failed) onClick();
  });
  return {
    element: h('div', { class: 'toolbar__item' }, button),
    update(next) {
      if (next.icon !== iconRef || iconForm(plugin.pkg, next.icon) !== form) return false;
      show(next);
      return true;
    },
  };
}
