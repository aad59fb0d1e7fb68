// `PEX.pluginAPI.openTemplateDialog(config)` (webapp2-compat §3): a dialog with the plugin's title and
// its HTML body inserted as is. The answer works as a Promise and as an Observable of the dialog ref,
// settled once the body is in the DOM. `dialogRef.close(result)`, `close$` and `viewInit$` behave as
// in Webapp2.
//
// Inline `on…` handlers in the body must keep working, but the app's Content-Security-Policy does not
// allow inline script (that would let any markup injected into the page run). So the host compiles
// each handler itself, with the scope an inline handler has (the element, its form, the document), and
// runs it as the plugin: a handler that throws fails its plugin, not the app. Handlers that the plugin
// adds to the dialog later are compiled as they appear. The body's handler attributes are renamed
// before the HTML is parsed, because the browser reports every inline handler it parses (even into a
// template) as a policy violation on the console.

import { BehaviorSubject, Subject } from '../observable.js';
import { openDialog } from '../ui/dialog.js';

/** @typedef {import('./plugin.js').Plugin} Plugin */
/** @typedef {import('./host.js').PluginHost} PluginHost */

/**
 * @typedef {{
 *   close: (result?: unknown) => void,
 *   close$: import('../observable.js').Observable<unknown>,
 *   afterClosed: () => import('../observable.js').Observable<unknown>,
 *   viewInit$: import('../observable.js').Observable<void>,
 *   element: HTMLElement
 * }} PluginDialogRef
 */

/**
 * @param {PluginHost} host
 * @param {Plugin | null} plugin the plugin opening it (handlers run as this plugin)
 * @param {unknown} config `{title, body, isCloseDisabled}`
 */
export function openTemplateDialog(host, plugin, config) {
  const { title, body, isCloseDisabled } = /** @type {Record<string, any>} */ (config ?? {});
  const content = document.createElement('div');
  content.className = 'pex-plugin-dialog__body';
  const template = document.createElement('template');
  template.innerHTML = typeof body === 'string' ? renameHandlers(body) : '';
  compileHandlers(template.content, host, plugin);
  content.appendChild(template.content);

  const closed$ = new Subject();
  const viewInit$ = new BehaviorSubject(/** @type {void} */ (undefined));
  const ref = openDialog({
    title: title === null || title === undefined ? null : String(title),
    body: content,
    closable: isCloseDisabled !== true,
    className: 'pex-dialog--plugin',
  });
  if (plugin) ref.el.dataset.pluginId = plugin.id;
  if (!title) ref.el.setAttribute('aria-label', plugin ? plugin.name : 'Plugin');
  const watcher = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' && record.target instanceof Element) compileHandlers(record.target, host, plugin, false);
      for (const node of record.addedNodes) if (node instanceof Element) compileHandlers(node, host, plugin);
    }
  });
  watcher.observe(content, { subtree: true, childList: true, attributes: true });

  /** @type {PluginDialogRef} */
  const dialogRef = {
    close: (result) => ref.close(result),
    close$: closed$.asObservable(),
    afterClosed: () => closed$.asObservable(),
    viewInit$: viewInit$.asObservable(),
    element: ref.el,
  };
  ref.closed.then((result) => {
    watcher.disconnect();
    closed$.next(result);
    closed$.complete();
  });
  return dialogAnswer(host, plugin, dialogRef);
}

/**
 * What `openTemplateDialog` returns: a Promise of the dialog ref that is also subscribable.
 * @param {PluginHost} host
 * @param {Plugin | null} plugin
 * @param {PluginDialogRef} dialogRef
 */
function dialogAnswer(host, plugin, dialogRef) {
  const opened = Promise.resolve(dialogRef);
  /** @param {Function | undefined} fn */
  const asPlugin = (fn) =>
    typeof fn === 'function' && plugin
      ? (/** @type {unknown} */ value) => runChecked(host, plugin, 'a dialog callback', () => fn(value))
      : fn;
  return {
    /** @param {Function} [onOpened] @param {Function} [onRejected] */
    then: (onOpened, onRejected) => opened.then(/** @type {any} */ (asPlugin(onOpened)), /** @type {any} */ (onRejected)),
    /** @param {Function} [onRejected] */
    catch: (onRejected) => opened.catch(/** @type {any} */ (onRejected)),
    /** @param {(() => void) | undefined} [onFinally] */
    finally: (onFinally) => opened.finally(onFinally),
    /** @param {Function | {next?: Function}} [observer] */
    subscribe(observer) {
      const next = typeof observer === 'function' ? observer : observer?.next?.bind(observer);
      let active = true;
      opened.then((value) => {
        if (!active || !next) return;
        // Code the host cannot attribute (e.g. a library a plugin loaded) gets its ref all the same.
        if (plugin) host.invoke(plugin, 'a dialog subscription', () => next(value));
        else next(value);
      });
      return {
        unsubscribe() {
          active = false;
        },
        get closed() {
          return !active;
        },
      };
    },
  };
}

/**
 * Run `fn` as the plugin; a failure fails the plugin and is rethrown, so the plugin's own promise
 * chain sees it as it would have.
 * @param {PluginHost} host
 * @param {Plugin} plugin
 * @param {string} where
 * @param {() => unknown} fn
 */
function runChecked(host, plugin, where, fn) {
  let thrown = false;
  /** @type {unknown} */
  let error;
  const result = host.invoke(plugin, where, () => {
    try {
      return fn();
    } catch (e) {
      thrown = true;
      error = e;
      throw e;
    }
  });
  if (thrown) throw error;
  return result;
}

/** A start tag, with its attributes (quoted values may hold `>`). */
const START_TAG = /<[a-z][^\s/>]*(?:\s*[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/gi;
/** One attribute of a start tag: its leading space, name and `=value` if any. */
const ATTRIBUTE = /(\s+)([^\s/>"'=]+)((?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)/g;
const HANDLER = /^on[a-z]+$/i;
/** What `renameHandlers` turns `onclick` into; `compileHandlers` reads both. */
const RENAMED = 'data-plugboard-';

/**
 * Rename the `on…` attributes of the start tags in `html` to `data-plugboard-on…`, so that parsing it
 * sets no inline handler.
 * @param {string} html
 */
function renameHandlers(html) {
  return html.replace(START_TAG, (tag) => {
    const nameEnd = tag.search(/[\s/>]/);
    const attributes = tag.slice(nameEnd).replace(ATTRIBUTE, (all, space, name, value) =>
      HANDLER.test(name) ? `${space}${RENAMED}${name.toLowerCase()}${value}` : all,
    );
    return tag.slice(0, nameEnd) + attributes;
  });
}

/**
 * Replace the inline `on…` attributes under `root` (also as renamed by `renameHandlers`) with
 * listeners that run the same code.
 * @param {ParentNode} root
 * @param {PluginHost} host
 * @param {Plugin | null} plugin
 * @param {boolean} [deep]
 */
function compileHandlers(root, host, plugin, deep = true) {
  const elements = deep ? [...root.querySelectorAll('*')] : [];
  if (root instanceof Element) elements.unshift(root);
  for (const el of elements) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.startsWith(RENAMED) ? attr.name.slice(RENAMED.length) : attr.name;
      if (!HANDLER.test(name)) continue;
      el.removeAttribute(attr.name);
      listen(el, name.slice(2).toLowerCase(), attr.value, host, plugin);
    }
  }
}

/**
 * @param {Element} el
 * @param {string} type
 * @param {string} code
 * @param {PluginHost} host
 * @param {Plugin | null} plugin
 */
function listen(el, type, code, host, plugin) {
  /** @type {Function} */
  let handler;
  try {
    // The scope chain of an inline handler: the element, then its form, then the document.
    handler = new Function('event', `with (this.ownerDocument) { with (this.form || {}) { with (this) {\n${code}\n} } }`);
  } catch (e) {
    if (plugin) host.fail(plugin, e, `an inline ${type} handler of its dialog`);
    else console.error('[plugboard] a dialog handler does not compile:', e);
    return;
  }
  el.addEventListener(type, function (event) {
    const run = () => handler.call(el, event);
    const result = plugin ? host.invoke(plugin, `an inline ${type} handler of its dialog`, run) : run();
    if (result === false) event.preventDefault();
  });
}
