// Building DOM without markup strings: text always goes in as text, so names and chat from the
// conference can never become markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Where the app's icon sprite lives, relative to the app root (`<base href="/webapp2/">`). */
export const ICONS = 'icons.svg';

/**
 * @typedef {string | number | Node | null | undefined | false} Child
 * @typedef {Record<string, any>} Props
 */

/**
 * Create an element. Props: `class`, `text`, `dataset` ({key: value}), `style` ({prop: value}),
 * `on` ({event: handler}), `hidden`, booleans, `aria-*` and any other attribute.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props | null} [props]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) applyProps(el, props);
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Props} props
 */
function applyProps(el, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    switch (key) {
      case 'class':
        el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
        break;
      case 'text':
        el.textContent = String(value);
        break;
      case 'dataset':
        for (const [k, v] of Object.entries(value)) {
          if (v !== undefined && v !== null) /** @type {HTMLElement} */ (el).dataset[k] = String(v);
        }
        break;
      case 'style':
        for (const [k, v] of Object.entries(value)) {
          /** @type {HTMLElement} */ (el).style.setProperty(k, String(v));
        }
        break;
      case 'on':
        for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
        break;
      case 'value':
        /** @type {HTMLInputElement} */ (el).value = String(value);
        break;
      case 'checked':
        /** @type {HTMLInputElement} */ (el).checked = Boolean(value);
        break;
      default:
        el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

/**
 * @param {Node} parent
 * @param {(Child | Child[])[]} children
 */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? /** @type {Node} */ (child) : document.createTextNode(String(child)));
  }
}

/**
 * An icon from the app's sprite (`icons.svg#<name>`), hidden from assistive technology: the control
 * that holds it carries the accessible name.
 * @param {string} name
 * @param {string} [extraClass]
 * @returns {SVGSVGElement}
 */
export function icon(name, extraClass) {
  return svgIcon(`${ICONS}#${name}`, extraClass);
}

/** The app's sprite once read (for {@link inlineIcon}); null before, or when it cannot be read. */
let sprite = /** @type {Document | null} */ (null);

/**
 * An SVG file, fetched and parsed; null when it cannot be read or is not SVG.
 * @param {string} url
 * @returns {Promise<Document | null>}
 */
export async function readSvg(url) {
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return null;
    const doc = new DOMParser().parseFromString(await response.text(), 'image/svg+xml');
    return doc.querySelector('parsererror') ? null : doc;
  } catch {
    return null;
  }
}

/** Settles once the sprite was read (or could not be: icons are then drawn with `<use>`). */
export const spriteRead = readSvg(ICONS).then((doc) => {
  sprite = doc;
});

/** The presentation attributes a sprite symbol passes on to its shapes. */
const SYMBOL_ATTRIBUTES = ['viewBox', 'fill', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin'];

/**
 * An icon of the app's sprite as SVG shapes of its own, a copy of the symbol, rather than a `<use>` of
 * it: each `<use>` builds a shadow tree (about 0.05 ms, and style and layout work besides), too much
 * for lists of thousands such as the roster. Drawn like {@link icon}, which it falls back to until the
 * sprite has been read.
 * @param {string} name
 * @param {string} [extraClass]
 * @returns {SVGSVGElement}
 */
export function inlineIcon(name, extraClass) {
  const symbol = sprite?.getElementById(name);
  return symbol ? inlineCopy(symbol, extraClass) : icon(name, extraClass);
}

/**
 * An icon drawn as a copy of an element of a parsed SVG file, as `<use>` would draw it: a `<symbol>`'s
 * shapes in an `<svg>` with its `viewBox` and presentation attributes, any other element as it is.
 * The element must not refer to others of its file (see `plugins/icons.js`).
 * @param {Element} element
 * @param {string} [extraClass]
 * @returns {SVGSVGElement}
 */
export function inlineCopy(element, extraClass) {
  const svg = emptyIcon(extraClass);
  if (element.localName !== 'symbol') {
    svg.appendChild(document.importNode(element, true));
    return svg;
  }
  for (const attribute of SYMBOL_ATTRIBUTES) {
    const value = element.getAttribute(attribute);
    if (value !== null) svg.setAttribute(attribute, value);
  }
  for (const shape of element.children) svg.appendChild(document.importNode(shape, true));
  return svg;
}

/**
 * An icon drawn with `<use href>` from any SVG file's element (`file.svg#id`), hidden like {@link icon}.
 * @param {string} href
 * @param {string} [extraClass]
 * @returns {SVGSVGElement}
 */
export function svgIcon(href, extraClass) {
  const svg = emptyIcon(extraClass);
  const use = document.createElementNS(SVG_NS, 'use');
  use.setAttribute('href', href);
  svg.appendChild(use);
  return svg;
}

/**
 * An empty `<svg>` of class `icon`, hidden from assistive technology and from the tab order: what every
 * icon is drawn in, and alone an icon that draws nothing yet (its shapes are being read).
 * @param {string} [extraClass]
 * @returns {SVGSVGElement}
 */
export function emptyIcon(extraClass) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', extraClass ? `icon ${extraClass}` : 'icon');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  return svg;
}

/**
 * Point an icon made by {@link icon} at another symbol.
 * @param {SVGSVGElement} svg
 * @param {string} name
 */
export function setIcon(svg, name) {
  const use = svg.firstElementChild;
  const href = `${ICONS}#${name}`;
  if (use && use.getAttribute('href') !== href) use.setAttribute('href', href);
}

/**
 * A button with an icon and a visible or hidden label; the label is always its accessible name.
 * @param {{icon?: string, label: string, showLabel?: boolean, class?: string, onClick?: (e: MouseEvent) => void} & Props} options
 * @returns {HTMLButtonElement}
 */
export function button({ icon: iconName, label, showLabel = true, class: cls, onClick, ...rest }) {
  const b = h('button', { type: 'button', class: cls ?? 'button', ...rest });
  if (iconName) b.appendChild(icon(iconName));
  if (showLabel) {
    b.appendChild(h('span', { class: 'button__label', text: label }));
  } else {
    b.setAttribute('aria-label', label);
    b.title = label;
  }
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

/** @param {Element} el */
export function clear(el) {
  el.replaceChildren();
}

/**
 * Initials for an avatar: the first letters of the first two words.
 * @param {string} name
 */
export function initials(name) {
  const words = String(name || '?').trim().split(/\s+/).filter(Boolean);
  const first = Array.from(words[0] ?? '')[0] ?? '';
  // The last word that starts with a letter gives the second initial ("Ann Lee" → AL, "Room 4" → R).
  const later = words.slice(1).reverse().find((w) => /^\p{L}/u.test(w));
  const second = later ? (Array.from(later)[0] ?? '') : '';
  return (first + second || '?').toUpperCase();
}

/**
 * A stable hue for a name, so each person keeps their avatar colour.
 * @param {string} key
 */
export function hue(key) {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

/**
 * An avatar circle with initials.
 * @param {string} name
 * @param {string} key what the colour is derived from (the uuid)
 * @param {string} [extraClass]
 */
export function avatar(name, key, extraClass) {
  const el = h('span', { class: extraClass ? `avatar ${extraClass}` : 'avatar', 'aria-hidden': 'true' });
  setAvatar(el, name, key);
  return el;
}

/**
 * @param {HTMLElement} el
 * @param {string} name
 * @param {string} key
 */
export function setAvatar(el, name, key) {
  const text = initials(name);
  if (el.textContent !== text) el.textContent = text;
  el.style.setProperty('--avatar-hue', String(hue(key)));
}

/**
 * Set text only when it changed (cheap keyed updates).
 * @param {Element} el
 * @param {string} text
 */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/**
 * Toggle an attribute only when it changed.
 * @param {Element} el
 * @param {string} name
 * @param {string | null} value null removes it
 */
export function setAttr(el, name, value) {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}
