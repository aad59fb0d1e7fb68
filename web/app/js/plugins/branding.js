// Reading the branding package the node serves at `custom_configuration/`: `manifest.json`, then (when
// `isSettingsBranded`) `settings.json` and each plugin package file it lists. Published packages vary a
// lot (webapp2-compat §1), so everything is read leniently; what cannot be read becomes a plugin with a
// load error instead of stopping the others.

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
 * @param {URL} url
 * @returns {Promise<{found: false} | {found: true, json: any}>}
 */
async function fetchJson(url) {
  const response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
  if (response.status === 404) return { found: false };
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.pathname}`);
  const text = await response.text();
  try {
    return { found: true, json: JSON.parse(text) };
  } catch (e) {
    throw new Error(`${url.pathname} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Read the branding's plugin list and packages.
 * @param {URL} [root]
 * @returns {Promise<Branding>}
 */
export async function readBranding(root = brandingRoot()) {
  /** @type {Branding} */
  const branding = { root, brandingId: '', packages: [], problems: [] };
  let manifest;
  try {
    manifest = await fetchJson(new URL('manifest.json', root));
  } catch (e) {
    branding.problems.push(`manifest.json: ${message(e)}`);
    return branding;
  }
  if (!manifest.found || !isObject(manifest.json)) return branding;
  branding.brandingId = String(manifest.json.brandingID ?? '');
  if (manifest.json.isSettingsBranded !== true) return branding;

  let settings;
  try {
    settings = await fetchJson(new URL('settings.json', root));
  } catch (e) {
    branding.problems.push(`settings.json: ${message(e)}`);
    return branding;
  }
  const list = settings.found && isObject(settings.json) ? settings.json.plugins : undefined;
  if (!Array.isArray(list)) return branding;
  branding.packages = await Promise.all(list.filter(isObject).map((entry) => readPackage(root, entry)));
  return branding;
}

/**
 * @param {URL} root
 * @param {Record<string, any>} entry an element of `settings.json`'s `plugins`
 * @returns {Promise<PluginPackage>}
 */
async function readPackage(root, entry) {
  const settingsId = typeof entry.id === 'string' ? entry.id : '';
  const enabled = entry.enabled !== false;
  if (typeof entry.srcURL !== 'string' || entry.srcURL === '') {
    return PluginPackage.unreadable(settingsId, root, enabled, 'its settings.json entry has no srcURL');
  }
  const url = new URL(entry.srcURL, root);
  try {
    const read = await fetchJson(url);
    if (!read.found) return PluginPackage.unreadable(settingsId, url, enabled, `its package file ${url.pathname} was not found`);
    if (!isObject(read.json)) return PluginPackage.unreadable(settingsId, url, enabled, `its package file ${url.pathname} is not a JSON object`);
    return new PluginPackage(settingsId, url, enabled, read.json);
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
