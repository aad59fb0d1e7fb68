// Under `plugboard dev` (the page then carries `<meta name="plugboard-dev" content="<events URL>">`):
// listen for changes of the branding folder, reload the changed plugins in place, and show the check's
// findings (file, line, message) in an overlay until they are fixed.

import { h } from './dom.js';

/** @typedef {import('./plugins/host.js').PluginHost} PluginHost */
/**
 * @typedef {{severity: 'error' | 'warning' | 'info', code: string, file: string, line: number,
 *   column: number, message: string, hint?: string | null}} Finding
 * @typedef {{reload: 'plugins' | 'all' | 'none', plugins: string[], findings: Finding[]}} Change
 */

/** @param {PluginHost} host */
export function connectDevServer(host) {
  const meta = document.querySelector('meta[name="plugboard-dev"]');
  const url = meta?.getAttribute('content');
  if (!url) return;
  const overlay = new FindingsOverlay();
  const events = new EventSource(url);
  events.addEventListener('change', (event) => {
    /** @type {Change} */
    let change;
    try {
      change = JSON.parse(/** @type {MessageEvent} */ (event).data);
    } catch {
      return;
    }
    overlay.show(change.findings.filter((f) => f.severity !== 'info'));
    if (change.reload === 'plugins') host.refresh(change.plugins);
    else if (change.reload === 'all') host.refresh(null);
  });
}

/** The findings of the latest check, over the app, until the package is clean again. */
class FindingsOverlay {
  constructor() {
    this.list = h('ul', { class: 'dev-overlay__list' });
    this.title = h('h2', { class: 'dev-overlay__title' });
    const close = h('button', { type: 'button', class: 'dev-overlay__close', 'aria-label': 'Hide the findings', text: '×' });
    close.addEventListener('click', () => {
      this.el.hidden = true;
    });
    this.el = h(
      'section',
      { class: 'dev-overlay', hidden: true, role: 'status', 'aria-live': 'polite', dataset: { devOverlay: '' } },
      h('div', { class: 'dev-overlay__header' }, this.title, close),
      this.list,
    );
    document.body.appendChild(this.el);
  }

  /** @param {Finding[]} findings */
  show(findings) {
    this.el.hidden = findings.length === 0;
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.length - errors;
    this.title.textContent = `plugboard dev: ${count(errors, 'error')}, ${count(warnings, 'warning')}`;
    this.el.classList.toggle('dev-overlay--errors', errors > 0);
    this.list.replaceChildren(
      ...findings.map((f) =>
        h(
          'li',
          { class: `dev-overlay__finding dev-overlay__finding--${f.severity}`, dataset: { findingCode: f.code } },
          h('span', { class: 'dev-overlay__where', text: `${f.file}:${f.line}:${f.column}` }),
          h('span', { class: 'dev-overlay__message', text: `${f.message} (${f.code})` }),
        ),
      ),
    );
  }
}

/**
 * @param {number} n
 * @param {string} noun
 */
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
