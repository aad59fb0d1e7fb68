// Plugin menu icons (webapp2-compat §3): `file.svg#id` relative to the package folder (drawn with
// `<use>`), a `.svg` without fragment (drawn as an image), paths relative to the app such as
// `custom_configuration/plugins/x/star.svg#star`, and names in the app's own sprite (`icons.svg#mic-off`).
// Each icon file is fetched once to learn whether it (and the fragment's id) exists: an icon that does
// not resolve is left out, so the item shows its label instead of an empty square.

import { ICONS, icon as appIcon } from '../dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const APP_SPRITE = new RegExp(`^${ICONS.replace('.', '\\.')}#([\\w-]+)$`);

/** @typedef {import('./package.js').PluginPackage} PluginPackage */

/** @type {Map<string, Promise<Document | null>>} icon file URL → its parsed SVG, null when unusable */
const files = new Map();
/** @type {Map<string, boolean>} icon URL with fragment → whether it resolved, once known */
const known = new Map();

/**
 * Where an icon reference points.
 * @param {PluginPackage} pkg
 * @param {string} ref
 * @returns {URL | null}
 */
export function iconUrl(pkg, ref) {
  try {
    // Paths written against the app (what Webapp2 served next to the page) rather than the package.
    if (ref.startsWith('custom_configuration/')) return new URL(ref, document.baseURI);
    if (ref.startsWith('configuration/')) return new URL(`custom_${ref}`, document.baseURI);
    if (APP_SPRITE.test(ref)) return new URL(ref, document.baseURI);
    return pkg.resolve(ref);
  } catch {
    return null;
  }
}

/**
 * Learn whether the icon exists; `onKnown` runs when that was not known yet and now is.
 * @param {URL} url
 * @param {() => void} onKnown
 */
export function checkIcon(url, onKnown) {
  if (known.has(url.href)) return;
  const file = new URL(url.href);
  file.hash = '';
  let loading = files.get(file.href);
  if (!loading) {
    loading = loadSvg(file);
    files.set(file.href, loading);
  }
  loading.then((doc) => {
    if (known.has(url.href)) return;
    const id = decodeURIComponent(url.hash.slice(1));
    known.set(url.href, Boolean(doc) && (!id || Boolean(doc?.getElementById(id))));
    onKnown();
  });
}

/** @param {URL} file */
async function loadSvg(file) {
  try {
    const response = await fetch(file, { credentials: 'same-origin' });
    if (!response.ok) return null;
    const doc = new DOMParser().parseFromString(await response.text(), 'image/svg+xml');
    return doc.querySelector('parsererror') ? null : doc;
  } catch {
    return null;
  }
}

/**
 * The icon element for `ref`, or null when it does not resolve (or is not known to yet, when
 * `optimistic` is false).
 * @param {PluginPackage} pkg
 * @param {string | null | undefined} ref
 * @param {() => void} onKnown redraw once the icon's existence is known
 * @param {string} [className]
 * @returns {Element | null}
 */
export function pluginIcon(pkg, ref, onKnown, className = 'icon') {
  if (typeof ref !== 'string' || ref === '') return null;
  const sprite = APP_SPRITE.exec(ref);
  if (sprite) return appIcon(sprite[1], className);
  const url = iconUrl(pkg, ref);
  if (!url) return null;
  const exists = known.get(url.href);
  if (exists === false) return null;
  if (exists === undefined) checkIcon(url, onKnown);
  if (!url.hash) {
    const img = document.createElement('img');
    img.className = className;
    img.src = url.href;
    img.alt = '';
    return img;
  }
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS(SVG_NS, 'use');
  use.setAttribute('href', url.href);
  svg.appendChild(use);
  return svg;
}
