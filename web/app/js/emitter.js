// A minimal typed-by-convention event emitter for the app's own components.

import { errors } from './observable.js';

export class Emitter {
  constructor() {
    /** @type {Map<string, Set<(...args: any[]) => void>>} */
    this._handlers = new Map();
  }

  /**
   * @param {string} event
   * @param {(...args: any[]) => void} handler
   * @returns {() => void} removes the handler
   */
  on(event, handler) {
    let set = this._handlers.get(event);
    if (!set) {
      set = new Set();
      this._handlers.set(event, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  /**
   * @param {string} event
   * @param {...any} args
   */
  emit(event, ...args) {
    const set = this._handlers.get(event);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        handler(...args);
      } catch (e) {
        errors.report(e);
      }
    }
  }

  /** Drop every handler (when the owner is discarded). */
  clearHandlers() {
    this._handlers.clear();
  }
}
