// Plugin menu icons (webapp2-compat §3): `file.svg#id` relative to the package folder (drawn with
// `<use>`), a `.svg` without fragment (drawn as an image), paths relative to the app such as
// `custom_configuration/plugins/x/star.svg#star`, and names in the app's own sprite (`icons.svg#mic-off`).
// Each icon file is fetched once to learn whether it (and the fragment's id) exists: an icon that does
// not resolve is left out, so the item shows its label instead of an empty square.

import { ICONS, icon as appIcon, svgIcon } from '../dom.js';

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

/** @type {WeakMap<PluginPackage, Map<string, URL | null>>} icon references resolved, by package */
const resolved = new WeakMap();

/**
 * `iconUrl`, remembered: toolbar buttons ask on every change of their plugin's state.
 * @param {PluginPackage} pkg
 * @param {string} ref
 */
function resolvedUrl(pkg, ref) {
  let refs = resolved.get(pkg);
  if (!refs) {
    refs = new Map();
    resolved.set(pkg, refs);
  }
  let url = refs.get(ref);
  if (url === undefined) {
    url = iconUrl(pkg, ref);
    refs.set(ref, url);
  }
  return url;
}

/**
 * What `ref` draws now: a name in the app's sprite, an icon file of the package, or nothing (no
 * reference, or one known not to resolve).
 * @param {PluginPackage} pkg
 * @param {string | null | undefined} ref
 * @returns {{sprite: string} | {url: URL} | null}
 */
function drawable(pkg, ref) {
  if (typeof ref !== 'string' || ref === '') return null;
  const sprite = APP_SPRITE.exec(ref);
  if (sprite) return { sprite: sprite[1] };
  const url = resolvedUrl(pkg, ref);
  if (!url || known.get(url.href) === false) return null;
  return { url };
}

/**
 * Whether `pluginIcon` draws an icon for `ref` now (one not known to resolve yet is drawn).
 * @param {PluginPackage} pkg
 * @param {string | null | undefined} ref
 */
export function iconShows(pkg, ref) {
  return drawable(pkg, ref) !== null;
}

/**
 * The icon element for `ref`, or null when there is none or it is known not to resolve (one not known
 * yet is drawn, and `onKnown` runs once it is).
 * @param {PluginPackage} pkg
 * @param {string | null | undefined} ref
 * @param {() => void} onKnown redraw once the icon's existence is known
 * @param {string} [extraClass] a class besides `icon`
 * @returns {Element | null}
 */
export function pluginIcon(pkg, ref, onKnown, extraClass) {
  const target = drawable(pkg, ref);
  if (!target) return null;
  if ('sprite' in target) return appIcon(target.sprite, extraClass);
  const { url } = target;
  if (!known.has(url.href)) checkIcon(url, onKnown);
  if (url.hash) return svgIcon(url.href, extraClass);
  const img = document.createElement('img');
  img.className = extraClass ? `icon ${extraClass}` : 'icon';
  img.src = url.href;
  img.alt = '';
  return img;
}
