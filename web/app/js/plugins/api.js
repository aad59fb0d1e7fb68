// `window.PEX.pluginAPI`: every function of the seed document, with the call shapes published plugins
// use (webapp2-compat §3). Requests go through the app's PexRTC client, so they carry its token; a
// callback a plugin passes runs as that plugin, so what it throws fails the plugin, not the app.

import { actions, dispatchAction } from '../actions.js';
import { BehaviorSubject } from '../observable.js';
import { openTemplateDialog } from './dialogs.js';

/** @typedef {import('./host.js').PluginHost} PluginHost */
/** @typedef {import('./plugin.js').Plugin} Plugin */
/** @typedef {{status: string, result: any}} Answer */

const NOT_CONNECTED = { status: 'failed', result: 'Not connected to a conference' };

/**
 * @param {PluginHost} host
 */
export function createPluginApi(host) {
  /** @returns {any} the app's PexRTC client while connected */
  const rtc = () => {
    const client = host.session?.rtc;
    return client && client.state === 'ACTIVE' ? client : null;
  };

  /**
   * Hand `answer` to the caller's callback, as the caller.
   * @param {Plugin | null} caller
   * @param {unknown} callback
   * @param {Answer} answer
   */
  const reply = (caller, callback, answer) => {
    if (typeof callback !== 'function') return;
    if (caller) host.invoke(caller, 'a request callback', () => callback(answer));
    else callback(answer);
  };

  /**
   * Send a conference request as the app's participant; `callback` gets `{status, result}`.
   * @param {string} path
   * @param {unknown} payload
   * @param {unknown} callback
   */
  const request = (path, payload, callback) => {
    const caller = host.caller();
    const client = rtc();
    if (!client) {
      queueMicrotask(() => reply(caller, callback, NOT_CONNECTED));
      return;
    }
    const body = payload === undefined || payload === null ? null : payload;
    client.sendRequest(String(path).replace(/^\/+/, ''), body, (/** @type {any} */ answer) => {
      reply(caller, callback, { status: answer?.status ?? 'failed', result: answer?.result ?? null });
    });
  };

  /** @param {string} method @param {...unknown} args */
  const command = (method, ...args) => {
    const client = rtc();
    if (!client) throw new Error(`${method}: not connected to a conference`);
    return client[method](...args);
  };

  return {
    /** @param {unknown} registration */
    registerPlugin: (registration) => host.register(registration),

    /**
     * @template T
     * @param {T} initial
     */
    createNewState: (initial) => new BehaviorSubject(initial === undefined ? /** @type {any} */ ({}) : initial),

    /**
     * @param {string} path relative to the conference, with or without a leading `/`
     * @param {unknown} [payload]
     * @param {(answer: Answer) => void} [callback]
     */
    sendRequest: (path, payload, callback) => request(path, payload, callback),

    /** @param {unknown} config */
    openTemplateDialog: (config) => openTemplateDialog(host, host.caller(), config),

    /** @param {string} uuid */
    spotlightOnParticipant: (uuid) => command('setParticipantSpotlight', uuid, true),

    /** @param {string} uuid */
    spotlightOffParticipant: (uuid) => command('setParticipantSpotlight', uuid, false),

    /** @param {string} uuid */
    disconnectParticipant: (uuid) => command('disconnectParticipant', uuid),

    /**
     * Dial out from the conference; `callback({status, result})` gets the new participants' uuids,
     * none when the dial failed.
     * @param {string} alias
     * @param {string} [protocol]
     * @param {string} [role]
     * @param {(answer: Answer) => void} [callback]
     * @param {Record<string, unknown>} [options] e.g. `{streaming: true}`
     */
    dialOut: (alias, protocol, role, callback, options) => {
      const caller = host.caller();
      const client = rtc();
      if (!client) {
        queueMicrotask(() => reply(caller, callback, { status: 'failed', result: [] }));
        return;
      }
      client.dialOut(alias, protocol || 'auto', role, (/** @type {any} */ answer) => {
        const result = Array.isArray(answer?.result) ? answer.result : [];
        reply(caller, callback, { status: answer?.status ?? 'failed', result });
      }, options);
    },

    /**
     * Deprecated in the seed document, still used: `{layouts: [...]}`; `{layouts: []}` clears.
     * @param {unknown} layout
     */
    changeConferenceLayout: (layout) => command('overrideLayout', layout ?? { layouts: [] }),

    /** @param {Record<string, unknown>} transforms `{}` resets to the default layout */
    transformConferenceLayout: (transforms) => command('transformLayout', transforms ?? {}),

    /** @param {string | {type?: string, payload?: unknown}} message the text, or an action carrying it */
    sendChatMessage: (message) => {
      const text = typeof message === 'string' ? message : message?.payload;
      if (typeof text !== 'string') throw new TypeError('sendChatMessage needs the message text');
      dispatchAction(actions.SEND_CHAT_MESSAGE, text);
    },

    /**
     * A handle on one of a plugin's menu items (by the `id` in its package) to hide or show it.
     * @param {string} pluginId
     * @param {string} menuItemId
     */
    getPluginMenuItem: (pluginId, menuItemId) => ({
      hide: () => host.setItemHidden(String(pluginId), String(menuItemId), true),
      show: () => host.setItemHidden(String(pluginId), String(menuItemId), false),
    }),
  };
}
