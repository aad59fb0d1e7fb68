// A plugin package file (`<name>.plugin.package.json`) read leniently: published packages carry
// `version` as a number, a string or `""`, `menuItems` absent, `{}` or with empty lists, items without
// `icon`/`label`, and keys of their own (webapp2-compat §1). Paths inside resolve against the package
// file's folder.

/** The menu locations a package can fill. */
export const LOCATIONS = /** @type {const} */ (['toolbar', 'conference', 'participants']);

/** @typedef {typeof LOCATIONS[number]} Location */

/**
 * One menu item as the package declares it.
 * @typedef {{
 *   key: string, id: string | null, location: Location, action: string,
 *   icon: string | null, label: string | null
 * }} PackageItem
 */

export class PluginPackage {
  /**
   * @param {string} settingsId the id `settings.json` gives it
   * @param {URL} url the package file
   * @param {boolean} enabledByDefault `enabled` in `settings.json`
   * @param {Record<string, any>} json the package file
   */
  constructor(settingsId, url, enabledByDefault, json) {
    this.settingsId = settingsId;
    this.url = url;
    this.enabledByDefault = enabledByDefault;
    /** Why the package cannot be used, when it cannot. */
    this.error = '';
    /** The id `registerPlugin` must use: the package's, else the one in `settings.json`. */
    this.id = nonEmptyString(json.id) ?? settingsId;
    this.name = nonEmptyString(json.name) ?? this.id;
    this.description = typeof json.description === 'string' ? json.description : '';
    this.version = json.version === undefined || json.version === null ? '' : String(json.version);
    this.allowUnload = json.allowUnload === true;
    /** @type {string[]} */
    this.platforms = stringList(json.platforms);
    /** @type {string[]} */
    this.roles = stringList(json.participantRoles);
    const src = nonEmptyString(json.srcURL);
    this.scriptUrl = src ? new URL(src, url) : null;
    if (!this.scriptUrl) this.error = 'its package file has no srcURL for the script';
    if (!this.id) this.error = 'it has no id';
    /** @type {PackageItem[]} */
    this.items = menuItems(json.menuItems);
  }

  /**
   * A package that could not be read: it is listed as failed with `reason`.
   * @param {string} settingsId
   * @param {URL} url
   * @param {boolean} enabledByDefault
   * @param {string} reason
   */
  static unreadable(settingsId, url, enabledByDefault, reason) {
    const pkg = new PluginPackage(settingsId, url, enabledByDefault, {});
    pkg.error = reason;
    return pkg;
  }

  /** Whether the web app may run it (a package without `platforms` runs everywhere). */
  get forWeb() {
    return this.platforms.length === 0 || this.platforms.includes('web');
  }

  /**
   * Whether a participant of `role` gets it (a package without `participantRoles` is for everyone).
   * @param {'chair' | 'guest'} role
   */
  forRole(role) {
    return this.roles.length === 0 || this.roles.includes(role);
  }

  /**
   * @param {Location} location
   * @returns {PackageItem[]}
   */
  itemsAt(location) {
    return this.items.filter((item) => item.location === location);
  }

  /**
   * A path of the package (icon, script) as a URL.
   * @param {string} path
   */
  resolve(path) {
    return new URL(path, this.url);
  }
}

/**
 * @param {unknown} menu the package's `menuItems`
 * @returns {PackageItem[]}
 */
function menuItems(menu) {
  if (typeof menu !== 'object' || menu === null) return [];
  const m = /** @type {Record<string, unknown>} */ (menu);
  /** @type {PackageItem[]} */
  const items = [];
  for (const location of LOCATIONS) {
    const list = m[location];
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      if (typeof raw !== 'object' || raw === null) return;
      const action = nonEmptyString(raw.action);
      if (!action) return;
      const id = raw.id === undefined || raw.id === null ? null : String(raw.id);
      items.push({
        key: `${location}:${index}`,
        id,
        location,
        action,
        icon: nonEmptyString(raw.icon),
        label: typeof raw.label === 'string' ? raw.label : null,
      });
    });
  }
  return items;
}

/** @param {unknown} value */
function nonEmptyString(value) {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** @param {unknown} value */
function stringList(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}
