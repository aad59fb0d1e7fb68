// Plugin menu icons (webapp2-compat §3): `file.svg#id` relative to the package folder (drawn as a copy
// of that element, or with `<use>`), a `.svg` without fragment (drawn as an image), paths relative to the app such as
// `custom_configuration/plugins/x/star.svg#star`, and names in the app's own sprite (`icons.svg#mic-off`).
// Each icon file is fetched once to learn whether it (and the fragment's id) exists: an icon that does
// not resolve is left out, so the item shows its label instead of an empty square.

import { ICONS, emptyIcon, icon as appIcon, inlineCopy, readSvg, svgIcon } from '../dom.js';

const APP_SPRITE = new RegExp(`^${ICONS.replace('.', '\\.')}#([\\w-]+)$`);

/** @typedef {import('./package.js').PluginPackage} PluginPackage */

/**
 * Icon files by URL: `read` settles once the file has been read, and `doc` is its parsed SVG from then on
 * (null when it cannot be read or is not SVG; `undefined` while it is being read).
 * @type {Map<string, {read: Promise<void>, doc: Document | null | undefined}>}
 */
const files = new Map();
/**
 * What an icon URL points at, once its file is read: whether it resolves, and the element to draw as a
 * copy (null when there is none, or it refers to other elements of its file).
 * @type {Map<string, {resolves: boolean, shape: Element | null}>}
 */
const targets = new Map();

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
  const href = fileOf(url);
  let file = files.get(href);
  if (!file) {
    const entry = {
      doc: /** @type {Document | null | undefined} */ (undefined),
      read: readSvg(href).then((doc) => {
        entry.doc = doc;
      }),
    };
    files.set(href, entry);
    file = entry;
  }
  if (file.doc === undefined) file.read.then(onKnown);
}

/**
 * Read the icon files of a package's menu items ahead, so that their items can draw them at once.
 * @param {PluginPackage} pkg
 */
export function readIconsOf(pkg) {
  for (const item of pkg.items) {
    const target = drawable(pkg, item.icon);
    if (target && 'url' in target) checkIcon(target.url, () => {});
  }
}

/** @param {URL} url */
function fileOf(url) {
  const file = new URL(url.href);
  file.hash = '';
  return file.href;
}

/**
 * What `url` points at (see `targets`); `undefined` while its file is being read.
 * @param {URL} url
 */
function targetOf(url) {
  let target = targets.get(url.href);
  if (target) return target;
  const doc = files.get(fileOf(url))?.doc;
  if (doc === undefined) return undefined;
  const id = decodeURIComponent(url.hash.slice(1));
  const element = doc && id ? doc.getElementById(id) : null;
  target = { resolves: Boolean(doc) && (!id || Boolean(element)), shape: element && selfContained(element) ? element : null };
  targets.set(url.href, target);
  return target;
}

/**
 * Whether a copy of `element` in the page draws as it does in its file: it refers to no other element
 * (`url(#…)`, `href="#…"`), and has nothing that would act on the page (scripts, styles, handlers).
 * @param {Element} element
 */
function selfContained(element) {
  for (const node of [element, ...element.querySelectorAll('*')]) {
    if (/^(script|style|foreignObject|use|image)$/i.test(node.localName)) return false;
    for (const attribute of node.attributes) {
      if (/^on/i.test(attribute.name) || attribute.value.includes('url(') || /href$/i.test(attribute.name)) return false;
    }
  }
  return true;
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
  if (!url || targetOf(url)?.resolves === false) return null;
  return { url };
}

/**
 * How `ref` is drawn now: not at all (no reference, or one known not to resolve), from the app's sprite,
 * as an image (a file without fragment), or, for `file.svg#id`, as a copy of the element once the file is
 * read (no `<use>`: Chromium loads a document of its own for each `<use>` of another file, costly while
 * joining with many plugins), as an empty icon while it is read, or as a `<use>` when only that draws
 * it right.
 * @param {PluginPackage} pkg
 * @param {string | null | undefined} ref
 * @returns {{form: 'none'} | {form: 'sprite', name: string} | {form: 'image' | 'empty' | 'use', url: URL}
 *   | {form: 'copy', url: URL, shape: Element}}
 */
function drawing(pkg, ref) {
  const target = drawable(pkg, ref);
  if (!target) return { form: 'none' };
  if ('sprite' in target) return { form: 'sprite', name: target.sprite };
  const { url } = target;
  if (!url.hash) return { form: 'image', url };
  const shape = targetOf(url)?.shape;
  if (shape) return { form: 'copy', url, shape };
  return { form: shape === undefined ? 'empty' : 'use', url };
}

/**
 * How `pluginIcon` draws `ref` now, so that a drawn icon can tell when it would be drawn otherwise.
 * @param {PluginPackage} pkg
 * @param {string | null | undefined} ref
 */
export function iconForm(pkg, ref) {
  return drawing(pkg, ref).form;
}

/**
 * The icon element for `ref` (see {@link drawing}), or null when there is none or it is known not to
 * resolve (one not known yet is drawn, and `onKnown` runs once it is).
 * @param {PluginPackage} pkg
 * @param {string | null | undefined} ref
 * @param {() => void} onKnown redraw once the icon's existence is known
 * @param {string} [extraClass] a class besides `icon`
 * @returns {Element | null}
 */
export function pluginIcon(pkg, ref, onKnown, extraClass) {
  const drawn = drawing(pkg, ref);
  if (drawn.form === 'none') return null;
  if (drawn.form === 'sprite') return appIcon(drawn.name, extraClass);
  checkIcon(drawn.url, onKnown);
  if (drawn.form === 'image') {
    const img = document.createElement('img');
    img.className = extraClass ? `icon ${extraClass}` : 'icon';
    img.src = drawn.url.href;
    img.alt = '';
    return img;
  }
  const svg =
    drawn.form === 'copy' ? inlineCopy(drawn.shape, extraClass)
    : drawn.form === 'empty' ? emptyIcon(extraClass)
    : svgIcon(drawn.url.href, extraClass);
  svg.dataset.icon = drawn.url.href;
  return svg;
}
