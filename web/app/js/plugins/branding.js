// Reading the branding package the node serves at `custom_configuration/`: `manifest.json`, then (when
// `isSettingsBranded`) `settings.json` and each plugin package file it lists. Published packages vary a
// lot (webapp2-compat §1), so everything is read leniently; what cannot be read becomes a plugin with a
// load error instead of stopping the others.
//
// The node puts these files in the app's page (crates/server/src/branding_in_page.rs), so that the first
// read needs no requests while the app is busy joining; a file the page does not carry is fetched, and
// reading again (after a change, under `plugboard dev`) fetches everything.

import { PluginPackage } from './package.js';

/**
 * @typedef {{
 *   root: URL,
 *   brandingId: string,
 *   packages: PluginPackage[],
 *   problems: string[]
 * }} Branding
 */

/** Where the branding lives, relative to the app (`<base href="/webapp2/">`, or a web app path). */
export function brandingRoot() {
  return new URL('custom_configuration/', document.baseURI);
}

/**
 * The branding files the page carries, by path under `custom_configuration/`; empty when it carries none.
 * @returns {Map<string, string>}
 */
function filesInPage() {
  const element = document.getElementById('plugboard-branding');
  try {
    const files = element ? JSON.parse(element.textContent ?? '').files : null;
    return new Map(isObject(files) ? Object.entries(files).filter(([, text]) => typeof text === 'string') : []);
  } catch (e) {
    console.error('[plugboard] the branding files in the page cannot be read; fetching them', e);
    return new Map();
  }
}

/**
 * Where `url` is under `root`, as the page keys its files; null when it is not under `root`.
 * @param {URL} url
 * @param {URL} root
 */
function pathUnder(url, root) {
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
  try {
    return decodeURIComponent(url.pathname.slice(root.pathname.length));
  } catch {
    return null;
  }
}

/**
 * A JSON file of the branding: from the page when it carries it, fetched otherwise.
 * @param {URL} url
 * @param {URL} root
 * @param {Map<string, string>} carried
 * @returns {Promise<{found: false} | {found: true, json: any}>}
 */
async function readJson(url, root, carried) {
  const path = pathUnder(url, root);
  let text = path === null ? undefined : carried.get(path);
  if (text === undefined) {
    const response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
    if (response.status === 404) return { found: false };
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.pathname}`);
    text = await response.text();
  }
  try {
    return { found: true, json: JSON.parse(text) };
  } catch (e) {
    throw new Error(`${url.pathname} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Read the branding's plugin list and packages.
 * @param {URL} [root]
 * @param {{fromPage?: boolean}} [options] `fromPage`: use the files the page carries (the first read)
 * @returns {Promise<Branding>}
 */
export async function readBranding(root = brandingRoot(), { fromPage = false } = {}) {
  /** @type {Branding} */
  const branding = { root, brandingId: '', packages: [], problems: [] };
  const carried = fromPage ? filesInPage() : new Map();
  /** @param {URL} url */
  const read = (url) => readJson(url, root, carried);
  let manifest;
  try {
    manifest = await read(new URL('manifest.json', root));
  } catch (e) {
    branding.problems.push(`manifest.json: ${message(e)}`);
    return branding;
  }
  if (!manifest.found || !isObject(manifest.json)) return branding;
  branding.brandingId = String(manifest.json.brandingID ?? '');
  if (manifest.json.isSettingsBranded !== true) return branding;

  let settings;
  try {
    settings = await read(new URL('settings.json', root));
  } catch (e) {
    branding.problems.push(`settings.json: ${message(e)}`);
    return branding;
  }
  const list = settings.found && isObject(settings.json) ? settings.json.plugins : undefined;
  if (!Array.isArray(list)) return branding;
  branding.packages = await Promise.all(list.filter(isObject).map((entry) => readPackage(root, entry, read)));
  return branding;
}

/**
 * @param {URL} root
 * @param {Record<string, any>} entry an element of `settings.json`'s `plugins`
 * @param {(url: URL) => ReturnType<typeof readJson>} read
 * @returns {Promise<PluginPackage>}
 */
async function readPackage(root, entry, read) {
  const settingsId = typeof entry.id === 'string' ? entry.id : '';
  const enabled = entry.enabled !== false;
  if (typeof entry.srcURL !== 'string' || entry.srcURL === '') {
    return PluginPackage.unreadable(settingsId, root, enabled, 'its settings.json entry has no srcURL');
  }
  const url = new URL(entry.srcURL, root);
  try {
    const file = await read(url);
    if (!file.found) return PluginPackage.unreadable(settingsId, url, enabled, `its package file ${url.pathname} was not found`);
    if (!isObject(file.json)) return PluginPackage.unreadable(settingsId, url, enabled, `its package file ${url.pathname} is not a JSON object`);
    return new PluginPackage(settingsId, url, enabled, file.json);
  } catch (e) {
    return PluginPackage.unreadable(settingsId, url, enabled, message(e));
  }
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} e */
function message(e) {
  return e instanceof Error ? e.message : String(e);
}
