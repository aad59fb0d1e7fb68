// The user's choice of plugins (Settings → Plugins), remembered per branding in localStorage: each web
// app path has its own branding, so its own choices. Without a choice, `enabled` in settings.json rules.

const PREFIX = 'plugboard.plugins:';

export class Preferences {
  /** @param {URL} brandingRoot */
  constructor(brandingRoot) {
    this.key = PREFIX + brandingRoot.pathname;
    /** @type {Record<string, boolean>} */
    this.choices = this._read();
  }

  /** @returns {Record<string, boolean>} */
  _read() {
    try {
      const parsed = JSON.parse(localStorage.getItem(this.key) ?? '{}');
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }

  /**
   * @param {string} pluginId
   * @param {boolean} byDefault
   */
  enabled(pluginId, byDefault) {
    const choice = this.choices[pluginId];
    return typeof choice === 'boolean' ? choice : byDefault;
  }

  /**
   * @param {string} pluginId
   * @param {boolean} enabled
   */
  choose(pluginId, enabled) {
    this.choices[pluginId] = enabled;
    try {
      localStorage.setItem(this.key, JSON.stringify(this.choices));
    } catch {
      // Storage full or blocked: the choice holds until the page reloads.
    }
  }
}
