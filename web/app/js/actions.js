// The app's action stream (`PEX.actions$`): every notable thing the app does or learns is an action
// `{type, payload}`; plugins watch it and put their own actions on it with `PEX.dispatchAction`.

import { Subject } from './observable.js';

/** The action types, by the constant names Webapp2 plugins use. */
export const actions = Object.freeze({
  SEND_CHAT_MESSAGE: '[Chat] Send Message',
  RECEIVE_CHAT_MESSAGE: '[Chat] Receive Message',
  SELECT_EVENT: '[Event] Select',
  PARTICIPANT_CONNECT_SUCCESS: '[Participant] Connect Success',
  PARTICIPANT_DISCONNECT_SUCCESS: '[Participant] Disconnect Success',
  DISCONNECT_SUCCESS: '[Conference] Disconnect Success',
  CONNECT_SUCCESS: '[Conference] Connect Success',
  CONNECT_FAIL: '[Conference] Connect Fail',
  DISCONNECT: '[Conference] Disconnect',
  SET_SELF_UUID: '[Conference] Set Self UUID',
  SET_REMOTE_CALL_TYPE: '[Conference] Set remote call type',
  BUZZ_CHANGED: '[Conference] Buzz Changed',
  MUTE_MICROPHONE: '[Conference] Mute Microphone',
  UNMUTE_MICROPHONE: '[Conference] Unmute Microphone',
  MUTE_CAMERA: '[Conference] Mute Camera',
  UNMUTE_CAMERA: '[Conference] Unmute Camera',
  PARTICIPANT_MUTED_CHANGED: '[Participant] Muted Changed',
  SCREEN_STATE: '[Home] Screen state',
  PEXRTC_PARTICIPANT_UPDATE: 'PexRTC: participant_update',
});

/**
 * @typedef {{type: string, payload?: any}} Action
 */

/** @type {Subject<Action>} */
const stream = new Subject();

/** Everything that happens, for plugins and for the app's own effects. */
export const actions$ = stream.asObservable();

/** @type {Map<string, Set<(payload: any, action: Action) => void>>} */
const effects = new Map();

/**
 * Run `effect` whenever an action of `type` is dispatched, by the app or by a plugin.
 * @param {string} type
 * @param {(payload: any, action: Action) => void} effect
 * @returns {() => void} removes the effect
 */
export function onAction(type, effect) {
  let set = effects.get(type);
  if (!set) {
    set = new Set();
    effects.set(type, set);
  }
  set.add(effect);
  return () => set.delete(effect);
}

/**
 * Put an action on the stream; the app acts on the types it knows.
 * @param {Action | string} action an action, or just its type
 * @param {any} [payload]
 */
export function dispatchAction(action, payload) {
  /** @type {Action} */
  const a = typeof action === 'string' ? { type: action, payload } : action;
  if (!a || typeof a.type !== 'string') {
    throw new TypeError('dispatchAction needs an action {type, payload}');
  }
  for (const effect of effects.get(a.type) ?? []) {
    try {
      effect(a.payload, a);
    } catch (e) {
      // The app's own effects: a failure here is the app's, even when a plugin dispatched the action.
      console.error(`[plugboard] handling ${a.type} failed:`, e);
    }
  }
  stream.next(a);
}

/**
 * Whether anyone outside the app watches the stream (lets costly payloads be skipped).
 */
export function actionsObserved() {
  return stream.observed;
}
