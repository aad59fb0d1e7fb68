// A small observable in the style of RxJS 5: what Webapp2 plugins use on `PEX.actions$`, `state$`,
// `participants$` and `conferenceDetails$` (subscribe with a function or an observer, chain `filter`, `map`,
// `ofType`, unsubscribe). One failing subscriber never stops the others.

/**
 * @template T
 * @typedef {{next?: (value: T) => void, error?: (error: unknown) => void, complete?: () => void}} Observer
 */

/**
 * @typedef {{unsubscribe: () => void, closed: boolean}} Subscription
 */

/**
 * Who runs code right now: `null` for the app, or whatever the plugin host put here while it calls
 * into a plugin. A subscription remembers the owner current when it was made (or, when nobody is
 * current, the one `guess` names, e.g. the plugin whose script is being evaluated) and runs its
 * callbacks (and anything they subscribe to) as that owner, so a failure is blamed on the plugin that
 * caused it. `track` lets the host end an owner's subscriptions when it unloads the plugin; it
 * returns the function that forgets a subscription once it ends.
 * @type {{
 *   current: unknown,
 *   guess: () => unknown,
 *   track: (owner: unknown, subscription: Subscription) => (() => void) | void
 * }}
 */
export const owners = { current: null, guess: () => null, track: () => {} };

/** Where errors thrown by subscribers go; the plugin host replaces `report` to attribute them. */
export const errors = {
  /**
   * @param {unknown} error
   * @param {unknown} [owner] the owner of the subscription that threw, if any
   */
  report(error, owner) {
    console.error('[plugboard] a subscriber failed:', error, owner ?? '');
  },
};

/**
 * Run `fn` as `owner`, then restore whoever ran before.
 * @template R
 * @param {unknown} owner
 * @param {() => R} fn
 * @returns {R}
 */
export function runAs(owner, fn) {
  const previous = owners.current;
  owners.current = owner;
  try {
    return fn();
  } finally {
    owners.current = previous;
  }
}

/**
 * An error nobody handles is the current owner's failure (subscribers run as their owner).
 * @param {unknown} error
 */
function reportUnhandled(error) {
  errors.report(error, owners.current);
}

/**
 * @template T
 * @param {((value: T) => void) | Observer<T> | null | undefined} observerOrNext
 * @param {(error: unknown) => void} [error]
 * @param {() => void} [complete]
 * @returns {Required<Observer<T>>}
 */
function toObserver(observerOrNext, error, complete) {
  if (typeof observerOrNext === 'function' || observerOrNext === null || observerOrNext === undefined) {
    return { next: observerOrNext ?? (() => {}), error: error ?? reportUnhandled, complete: complete ?? (() => {}) };
  }
  const o = observerOrNext;
  return {
    next: typeof o.next === 'function' ? o.next.bind(o) : () => {},
    error: typeof o.error === 'function' ? o.error.bind(o) : reportUnhandled,
    complete: typeof o.complete === 'function' ? o.complete.bind(o) : () => {},
  };
}

/**
 * Call `fn` as `owner` and report, rather than rethrow, what it throws or what its promise rejects with.
 * @param {Function} fn
 * @param {unknown[]} args
 * @param {unknown} owner
 */
function guarded(fn, args, owner) {
  try {
    const result = runAs(owner, () => fn(...args));
    if (result && typeof result.then === 'function') {
      result.then(undefined, (/** @type {unknown} */ e) => errors.report(e, owner));
    }
  } catch (e) {
    errors.report(e, owner);
  }
}

/** @template T */
export class Observable {
  /**
   * @param {(observer: Required<Observer<T>>) => (void | (() => void))} producer
   */
  constructor(producer) {
    this._producer = producer;
  }

  /**
   * @param {((value: T) => void) | Observer<T>} [observerOrNext]
   * @param {(error: unknown) => void} [error]
   * @param {() => void} [complete]
   * @returns {Subscription}
   */
  subscribe(observerOrNext, error, complete) {
    const target = toObserver(observerOrNext, error, complete);
    const owner = owners.current ?? owners.guess();
    let closed = false;
    /** @type {void | (() => void)} */
    let teardown = undefined;
    /** @type {(() => void) | void} */
    let untrack = undefined;
    const subscription = {
      get closed() {
        return closed;
      },
      unsubscribe() {
        if (closed) return;
        closed = true;
        if (untrack) untrack();
        if (typeof teardown === 'function') guarded(teardown, [], owner);
      },
    };
    /** @type {Required<Observer<T>>} */
    const safe = {
      next: (value) => {
        if (!closed) guarded(target.next, [value], owner);
      },
      error: (e) => {
        if (closed) return;
        guarded(target.error, [e], owner);
        subscription.unsubscribe();
      },
      complete: () => {
        if (closed) return;
        guarded(target.complete, [], owner);
        subscription.unsubscribe();
      },
    };
    if (owner !== null && owner !== undefined) untrack = owners.track(owner, subscription);
    try {
      teardown = this._producer(safe);
    } catch (e) {
      safe.error(e);
    }
    if (closed && typeof teardown === 'function') guarded(teardown, [], owner);
    return subscription;
  }

  /**
   * @template R
   * @param {(source: Observable<T>) => Observable<R>} operator
   * @returns {Observable<R>}
   */
  lift(operator) {
    return operator(this);
  }

  /**
   * @param {...((source: Observable<any>) => Observable<any>)} operators
   * @returns {Observable<any>}
   */
  pipe(...operators) {
    return operators.reduce((source, op) => op(source), /** @type {Observable<any>} */ (this));
  }

  /**
   * @param {(value: T, index: number) => boolean} predicate
   * @returns {Observable<T>}
   */
  filter(predicate) {
    return new Observable((o) => {
      let i = 0;
      const s = this.subscribe({
        next: (v) => {
          let keep;
          try {
            keep = predicate(v, i++);
          } catch (e) {
            o.error(e);
            return;
          }
          if (keep) o.next(v);
        },
        error: o.error,
        complete: o.complete,
      });
      return () => s.unsubscribe();
    });
  }

  /**
   * @template R
   * @param {(value: T, index: number) => R} project
   * @returns {Observable<R>}
   */
  map(project) {
    return new Observable((o) => {
      let i = 0;
      const s = this.subscribe({
        next: (v) => {
          let projected;
          try {
            projected = project(v, i++);
          } catch (e) {
            o.error(e);
            return;
          }
          o.next(projected);
        },
        error: o.error,
        complete: o.complete,
      });
      return () => s.unsubscribe();
    });
  }

  /**
   * Actions whose `type` is one of `types`.
   * @param {...string} types
   * @returns {Observable<T>}
   */
  ofType(...types) {
    const wanted = new Set(types.flat());
    return this.filter((action) => {
      const type = /** @type {any} */ (action)?.type;
      return wanted.has(type);
    });
  }

  /**
   * @param {(value: T) => void} effect
   * @returns {Observable<T>}
   */
  do(effect) {
    return this.map((v) => {
      effect(v);
      return v;
    });
  }

  /**
   * @param {number} count
   * @returns {Observable<T>}
   */
  take(count) {
    return new Observable((o) => {
      if (count <= 0) {
        o.complete();
        return;
      }
      let seen = 0;
      const s = this.subscribe({
        next: (v) => {
          seen += 1;
          o.next(v);
          if (seen >= count) o.complete();
        },
        error: o.error,
        complete: o.complete,
      });
      return () => s.unsubscribe();
    });
  }

  /** @returns {Observable<T>} */
  first() {
    return this.take(1);
  }

  /**
   * @param {number} count
   * @returns {Observable<T>}
   */
  skip(count) {
    return this.filter((_, i) => i >= count);
  }

  /**
   * @param {(previous: T, current: T) => boolean} [same] defaults to `===`, as in RxJS
   * @returns {Observable<T>}
   */
  distinctUntilChanged(same = (a, b) => a === b) {
    return new Observable((o) => {
      let has = false;
      /** @type {T} */
      let last;
      const s = this.subscribe({
        next: (v) => {
          try {
            if (has && same(last, v)) return;
          } catch (e) {
            o.error(e);
            return;
          }
          has = true;
          last = v;
          o.next(v);
        },
        error: o.error,
        complete: o.complete,
      });
      return () => s.unsubscribe();
    });
  }

  /**
   * Values once `ms` passed without another; completing delivers the pending value first.
   * @param {number} ms
   * @returns {Observable<T>}
   */
  debounceTime(ms) {
    return new Observable((o) => {
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      let timer;
      /** @type {(() => void) | undefined} */
      let emitPending;
      const s = this.subscribe({
        next: (v) => {
          clearTimeout(timer);
          emitPending = () => {
            emitPending = undefined;
            o.next(v);
          };
          timer = setTimeout(() => emitPending?.(), ms);
        },
        error: o.error,
        complete: () => {
          clearTimeout(timer);
          emitPending?.();
          o.complete();
        },
      });
      return () => {
        clearTimeout(timer);
        s.unsubscribe();
      };
    });
  }

  /**
   * @param {{subscribe: Function}} notifier
   * @returns {Observable<T>}
   */
  takeUntil(notifier) {
    return new Observable((o) => {
      const stop = notifier.subscribe({ next: () => o.complete(), error: o.error });
      const s = this.subscribe(o);
      return () => {
        stop.unsubscribe();
        s.unsubscribe();
      };
    });
  }

  /**
   * @param {...T} values
   * @returns {Observable<T>}
   */
  startWith(...values) {
    return new Observable((o) => {
      for (const v of values) o.next(v);
      const s = this.subscribe(o);
      return () => s.unsubscribe();
    });
  }

  /** @returns {Promise<T | undefined>} the next value */
  toPromise() {
    return new Promise((resolve, reject) => {
      /** @type {T | undefined} */
      let last;
      this.subscribe({ next: (v) => (last = v), error: reject, complete: () => resolve(last) });
    });
  }

  /** @returns {Observable<T>} */
  asObservable() {
    return new Observable((o) => {
      const s = this.subscribe(o);
      return () => s.unsubscribe();
    });
  }
}

/**
 * A hot stream: values go to whoever is subscribed at the time. Once it completed or failed it stays so:
 * later values are dropped and a late subscriber gets the complete or the error at once.
 * @template T
 * @extends {Observable<T>}
 */
export class Subject extends Observable {
  constructor() {
    super((o) => {
      if (this._ended?.failed) o.error(this._ended.error);
      else if (this._ended) o.complete();
      else {
        this._observers.add(o);
        return () => this._observers.delete(o);
      }
    });
    /** @type {Set<Required<Observer<T>>>} */
    this._observers = new Set();
    /** @type {{failed: boolean, error?: unknown} | null} */
    this._ended = null;
  }

  /** Whether anyone listens, so producers can skip work nobody sees. */
  get observed() {
    return this._observers.size > 0;
  }

  /** @param {T} value */
  next(value) {
    if (this._ended) return;
    for (const o of [...this._observers]) o.next(value);
  }

  /** @param {unknown} error */
  error(error) {
    if (this._ended) return;
    this._ended = { failed: true, error };
    for (const o of [...this._observers]) o.error(error);
  }

  complete() {
    if (this._ended) return;
    this._ended = { failed: false };
    for (const o of [...this._observers]) o.complete();
  }
}

/**
 * A subject with a current value, replayed to each new subscriber.
 * @template T
 * @extends {Subject<T>}
 */
export class BehaviorSubject extends Subject {
  /** @param {T} initial */
  constructor(initial) {
    super();
    this._value = initial;
    const subscribeHot = this._producer;
    this._producer = (o) => {
      const teardown = subscribeHot(o);
      o.next(this._value);
      return teardown;
    };
  }

  get value() {
    return this._value;
  }

  /** @returns {T} */
  getValue() {
    return this._value;
  }

  /** @param {T} value */
  next(value) {
    this._value = value;
    super.next(value);
  }
}
