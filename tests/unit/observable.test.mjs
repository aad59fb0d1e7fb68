// web/app/js/observable.js against the real rxjs (issue 5 item 6).
//
// The web app serves no build step, so it keeps its own small RxJS-5-style observable for `PEX.actions$`,
// plugin `state$` (createNewState), `participants$` and `conferenceDetails$` (spec webapp2-compat.md §2–§4).
// Each scenario below runs twice, once against observable.js (RxJS 5 method chaining: `.filter(…).map(…)`)
// and once against rxjs 7 (the same operators through `pipe`), and both must observe the same thing.
// What observable.js does on purpose differently (error reporting and owners) is tested on its own at the end.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';

import * as rx from 'rxjs';

import * as ours from '../../web/app/js/observable.js';

// ----- two implementations behind one face ------------------------------------------------------------

/** Where an error nobody handles ends up during a scenario (ours: errors.report; rxjs: config.onUnhandledError). */
let unhandledSink = null;
const originalReport = ours.errors.report;
const originalOwners = { ...ours.owners };
rx.config.onUnhandledError = (error) => {
  if (unhandledSink) unhandledSink(error);
  else throw error;
};

const OURS = {
  name: 'observable.js',
  Subject: ours.Subject,
  BehaviorSubject: ours.BehaviorSubject,
  create: (producer) => new ours.Observable(producer),
  of: (...values) =>
    new ours.Observable((o) => {
      for (const v of values) o.next(v);
      o.complete();
    }),
  filter: (source, predicate) => source.filter(predicate),
  map: (source, project) => source.map(project),
  tap: (source, effect) => source.do(effect),
  take: (source, n) => source.take(n),
  first: (source) => source.first(),
  skip: (source, n) => source.skip(n),
  distinctUntilChanged: (source, compare) =>
    compare === undefined ? source.distinctUntilChanged() : source.distinctUntilChanged(compare),
  startWith: (source, ...values) => source.startWith(...values),
  takeUntil: (source, notifier) => source.takeUntil(notifier),
  debounceTime: (source, ms) => source.debounceTime(ms),
  ofType: (source, ...types) => source.ofType(...types),
  toPromise: (source) => source.toPromise(),
  onUnhandled(sink) {
    ours.errors.report = (error) => sink(error);
  },
};

const RX = {
  name: 'rxjs',
  Subject: rx.Subject,
  BehaviorSubject: rx.BehaviorSubject,
  create: (producer) => new rx.Observable(producer),
  of: (...values) => rx.of(...values),
  filter: (source, predicate) => source.pipe(rx.filter(predicate)),
  map: (source, project) => source.pipe(rx.map(project)),
  tap: (source, effect) => source.pipe(rx.tap(effect)),
  take: (source, n) => source.pipe(rx.take(n)),
  first: (source) => source.pipe(rx.first()),
  skip: (source, n) => source.pipe(rx.skip(n)),
  distinctUntilChanged: (source, compare) => source.pipe(rx.distinctUntilChanged(compare)),
  startWith: (source, ...values) => source.pipe(rx.startWith(...values)),
  takeUntil: (source, notifier) => source.pipe(rx.takeUntil(notifier)),
  debounceTime: (source, ms) => source.pipe(rx.debounceTime(ms)),
  ofType: (source, ...types) => source.pipe(rx.filter((action) => types.includes(action.type))),
  toPromise: (source) => source.toPromise(),
  onUnhandled(sink) {
    unhandledSink = sink;
  },
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** An observer that writes everything it sees to `log`, tagged with `tag`. */
function recorder(log, tag = '') {
  const at = tag ? `${tag}:` : '';
  return {
    next: (v) => log.push(`${at}next ${fmt(v)}`),
    error: (e) => log.push(`${at}error ${e instanceof Error ? e.message : fmt(e)}`),
    complete: () => log.push(`${at}complete`),
  };
}

function fmt(v) {
  if (Object.is(v, -0)) return '-0';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Run `scenario(impl, log)` on both implementations and require the same log, equal to `expected`.
 * Errors nobody handles are logged as `unhandled <message>` once things settle (rxjs reports them on a timer).
 */
function same(name, scenario, expected) {
  test(name, async () => {
    const results = {};
    for (const impl of [OURS, RX]) {
      const log = [];
      const unhandled = [];
      impl.onUnhandled((e) => unhandled.push(`unhandled ${e instanceof Error ? e.message : fmt(e)}`));
      try {
        await scenario(impl, log);
        await sleep(5);
      } finally {
        ours.errors.report = originalReport;
        unhandledSink = null;
      }
      results[impl.name] = [...log, ...unhandled];
    }
    assert.deepEqual(results['observable.js'], results.rxjs, 'observable.js and rxjs differ');
    assert.deepEqual(results.rxjs, expected);
  });
}

// ----- Subject and BehaviorSubject ----------------------------------------------------------------------

describe('Subject', () => {
  same(
    'is hot: a subscriber sees only what comes after it subscribed, in subscription order',
    ({ Subject }, log) => {
      const s = new Subject();
      s.next(0);
      s.subscribe(recorder(log, 'a'));
      s.next(1);
      s.subscribe(recorder(log, 'b'));
      s.next(2);
    },
    ['a:next 1', 'a:next 2', 'b:next 2'],
  );

  same(
    'a subscriber added during delivery waits for the next value; one removed during delivery gets nothing more',
    ({ Subject }, log) => {
      const s = new Subject();
      let b;
      s.subscribe((v) => {
        log.push(`a:next ${v}`);
        if (v === 1) s.subscribe(recorder(log, 'late'));
        if (v === 2) b.unsubscribe();
      });
      b = s.subscribe(recorder(log, 'b'));
      s.next(1);
      s.next(2);
      s.next(3);
    },
    ['a:next 1', 'b:next 1', 'a:next 2', 'late:next 2', 'a:next 3', 'late:next 3'],
  );

  same(
    '`observed` tells whether anyone listens',
    ({ Subject }, log) => {
      const s = new Subject();
      log.push(s.observed);
      const sub = s.subscribe(() => {});
      log.push(s.observed);
      sub.unsubscribe();
      log.push(s.observed);
    },
    [false, true, false],
  );

  same(
    'after complete: current subscribers complete, later values are dropped, a late subscriber completes at once',
    ({ Subject }, log) => {
      const s = new Subject();
      const sub = s.subscribe(recorder(log, 'a'));
      s.next(1);
      s.complete();
      s.next(2);
      s.complete();
      log.push(`closed ${sub.closed} observed ${s.observed}`);
      const late = s.subscribe(recorder(log, 'late'));
      s.next(3);
      log.push(`late closed ${late.closed}`);
    },
    ['a:next 1', 'a:complete', 'closed true observed false', 'late:complete', 'late closed true'],
  );

  same(
    'after error: later notifications are dropped and a late subscriber gets the error at once',
    ({ Subject }, log) => {
      const s = new Subject();
      s.subscribe(recorder(log, 'a'));
      s.error(new Error('broken'));
      s.next(1);
      s.complete();
      s.subscribe(recorder(log, 'late'));
    },
    ['a:error broken', 'late:error broken'],
  );
});

describe('BehaviorSubject', () => {
  same(
    'replays the current value to each new subscriber, then delivers updates; value and getValue() follow',
    ({ BehaviorSubject }, log) => {
      const s = new BehaviorSubject({ icon: 'a.svg', label: 'A' });
      log.push(`value ${fmt(s.value)} ${fmt(s.getValue())}`);
      s.subscribe(recorder(log, 'a'));
      s.next({ icon: 'b.svg', label: 'B' });
      log.push(`value ${fmt(s.value)} ${fmt(s.getValue())}`);
      s.subscribe(recorder(log, 'late'));
      s.next({ label: 'C' });
    },
    [
      'value {"icon":"a.svg","label":"A"} {"icon":"a.svg","label":"A"}',
      'a:next {"icon":"a.svg","label":"A"}',
      'a:next {"icon":"b.svg","label":"B"}',
      'value {"icon":"b.svg","label":"B"} {"icon":"b.svg","label":"B"}',
      'late:next {"icon":"b.svg","label":"B"}',
      'a:next {"label":"C"}',
      'late:next {"label":"C"}',
    ],
  );

  same(
    'an undefined or falsy initial value is replayed too',
    ({ BehaviorSubject }, log) => {
      new BehaviorSubject(undefined).subscribe((v) => log.push(`undefined ${v === undefined}`));
      new BehaviorSubject(0).subscribe(recorder(log, 'zero'));
      new BehaviorSubject(null).subscribe(recorder(log, 'null'));
    },
    ['undefined true', 'zero:next 0', 'null:next null'],
  );

  same(
    'a subscriber that calls next() while the current value is replayed sees its own update next',
    ({ BehaviorSubject }, log) => {
      const s = new BehaviorSubject(1);
      s.subscribe((v) => {
        log.push(`next ${v}`);
        if (v === 1) s.next(2);
      });
      log.push(`value ${s.value}`);
    },
    ['next 1', 'next 2', 'value 2'],
  );

  same(
    'after complete a late subscriber completes without the value',
    ({ BehaviorSubject }, log) => {
      const s = new BehaviorSubject('x');
      s.complete();
      s.subscribe(recorder(log, 'late'));
    },
    ['late:complete'],
  );
});

// ----- subscribe and unsubscribe ------------------------------------------------------------------------

describe('subscribe', () => {
  same(
    'with a function, with (next, error, complete) functions, with an observer object, with nothing',
    ({ create }, log) => {
      const source = create((o) => {
        o.next(1);
        o.complete();
      });
      source.subscribe((v) => log.push(`fn ${v}`));
      source.subscribe(
        (v) => log.push(`fns next ${v}`),
        (e) => log.push(`fns error ${e}`),
        () => log.push('fns complete'),
      );
      source.subscribe(recorder(log, 'observer'));
      source.subscribe({ next: (v) => log.push(`partial ${v}`) });
      source.subscribe({ complete: () => log.push('complete only') });
      const bare = source.subscribe();
      log.push(`bare closed ${bare.closed}`);
    },
    [
      'fn 1',
      'fns next 1',
      'fns complete',
      'observer:next 1',
      'observer:complete',
      'partial 1',
      'complete only',
      'bare closed true',
    ],
  );

  same(
    'with null or undefined for next, the error and complete callbacks still count',
    ({ create, Subject }, log) => {
      create((o) => o.complete()).subscribe(null, null, () => log.push('complete after null'));
      create((o) => o.complete()).subscribe(undefined, undefined, () => log.push('complete after undefined'));
      const s = new Subject();
      s.subscribe(null, (e) => log.push(`error after null ${e.message}`));
      s.error(new Error('e'));
    },
    ['complete after null', 'complete after undefined', 'error after null e'],
  );

  same(
    "an observer's methods run with `this` bound to the observer",
    ({ Subject }, log) => {
      const s = new Subject();
      const observer = {
        name: 'mine',
        next(v) {
          log.push(`${this.name} next ${v}`);
        },
        complete() {
          log.push(`${this.name} complete`);
        },
      };
      s.subscribe(observer);
      s.next(1);
      s.complete();
    },
    ['mine next 1', 'mine complete'],
  );

  same(
    'a subject can be the observer of another observable',
    ({ Subject, of }, log) => {
      const s = new Subject();
      s.subscribe(recorder(log));
      of(1, 2).subscribe(s);
    },
    ['next 1', 'next 2', 'complete'],
  );

  same(
    'unsubscribe stops delivery and sets `closed`; unsubscribing again does nothing; teardown runs once',
    ({ create }, log) => {
      let emit;
      const source = create((o) => {
        emit = (v) => o.next(v);
        return () => log.push('teardown');
      });
      const sub = source.subscribe(recorder(log));
      emit(1);
      log.push(`closed ${sub.closed}`);
      sub.unsubscribe();
      log.push(`closed ${sub.closed}`);
      emit(2);
      sub.unsubscribe();
    },
    ['next 1', 'closed false', 'teardown', 'closed true'],
  );

  same(
    'a subscriber may unsubscribe itself from inside its own callback',
    ({ Subject }, log) => {
      const s = new Subject();
      const sub = s.subscribe((v) => {
        log.push(`next ${v}`);
        sub.unsubscribe();
      });
      s.next(1);
      s.next(2);
      log.push(`observed ${s.observed}`);
    },
    ['next 1', 'observed false'],
  );
});

describe('complete and error', () => {
  same(
    'nothing is delivered after complete; complete arrives once; teardown runs once and unsubscribe after it does nothing',
    ({ create }, log) => {
      const sub = create((o) => {
        setTimeout(() => {
          o.next(1);
          o.complete();
          o.next(2);
          o.complete();
          o.error(new Error('late'));
        });
        return () => log.push('teardown');
      }).subscribe(recorder(log));
      return sleep(5).then(() => {
        log.push(`closed ${sub.closed}`);
        sub.unsubscribe();
      });
    },
    ['next 1', 'complete', 'teardown', 'closed true'],
  );

  same(
    'error ends the subscription: no values and no complete after it',
    ({ create }, log) => {
      let o;
      const sub = create((observer) => {
        o = observer;
        return () => log.push('teardown');
      }).subscribe(recorder(log));
      o.next(1);
      o.error(new Error('bad'));
      o.next(2);
      o.complete();
      log.push(`closed ${sub.closed}`);
    },
    ['next 1', 'error bad', 'teardown', 'closed true'],
  );

  same(
    'a producer that completes synchronously still gets its teardown run, right away',
    ({ create }, log) => {
      const sub = create((o) => {
        o.next(1);
        o.complete();
        return () => log.push('teardown');
      }).subscribe(recorder(log));
      log.push(`closed ${sub.closed}`);
    },
    ['next 1', 'complete', 'teardown', 'closed true'],
  );

  same(
    'a producer that throws errors the subscriber',
    ({ create }, log) => {
      create(() => {
        throw new Error('producer');
      }).subscribe(recorder(log));
    },
    ['error producer'],
  );

  same(
    'an error nobody handles is reported, not delivered anywhere else',
    ({ Subject }, log) => {
      const s = new Subject();
      s.subscribe((v) => log.push(`next ${v}`));
      s.next(1);
      s.error(new Error('unhandled one'));
      s.next(2);
    },
    ['next 1', 'unhandled unhandled one'],
  );
});

// ----- operators ----------------------------------------------------------------------------------------

describe('operators', () => {
  same(
    'filter and map chain, with the index of each value',
    (impl, log) => {
      const s = new impl.Subject();
      const evens = impl.filter(s, (v, i) => {
        log.push(`filter ${v} at ${i}`);
        return v % 2 === 0;
      });
      impl.map(evens, (v, i) => `${v} was #${i}`).subscribe(recorder(log));
      for (const v of [1, 2, 3, 4]) s.next(v);
      s.complete();
    },
    ['filter 1 at 0', 'filter 2 at 1', 'next 2 was #0', 'filter 3 at 2', 'filter 4 at 3', 'next 4 was #1', 'complete'],
  );

  same(
    'ofType picks actions by type and chains with filter and map, as plugins do with PEX.actions$',
    (impl, log) => {
      const actions$ = new impl.Subject();
      const chat = impl.ofType(actions$, 'SEND_CHAT_MESSAGE', 'RECEIVE_CHAT_MESSAGE');
      const text = impl.map(
        impl.filter(chat, (a) => typeof a.payload === 'string' || typeof a.payload?.payload === 'string'),
        (a) => (typeof a.payload === 'string' ? a.payload : a.payload.payload),
      );
      text.subscribe(recorder(log, 'chat'));
      impl.ofType(actions$, '[Conference] Connect Success').subscribe((a) => log.push(`connected ${a.payload.alias}`));
      actions$.next({ type: 'SEND_CHAT_MESSAGE', payload: 'hello' });
      actions$.next({ type: '[Conference] Connect Success', payload: { alias: 'meet', joinRole: 'HOST' } });
      actions$.next({ type: 'RECEIVE_CHAT_MESSAGE', payload: { payload: 'hi back' } });
      actions$.next({ type: 'RECEIVE_CHAT_MESSAGE', payload: { payload: 42 } });
      actions$.next({ type: 'SELECT_EVENT', payload: { action: { type: 'x', payload: { name: 'n' } } } });
    },
    ['chat:next hello', 'connected meet', 'chat:next hi back'],
  );

  same(
    'tap (`do` in RxJS 5) sees each value and passes it on',
    (impl, log) => {
      impl.tap(impl.of(1, 2), (v) => log.push(`saw ${v}`)).subscribe(recorder(log));
    },
    ['saw 1', 'next 1', 'saw 2', 'next 2', 'complete'],
  );

  same(
    'take(n) delivers n values, completes and leaves the source',
    (impl, log) => {
      const s = new impl.Subject();
      impl.take(s, 2).subscribe(recorder(log));
      s.next(1);
      s.next(2);
      log.push(`observed ${s.observed}`);
      s.next(3);
      impl.take(s, 0).subscribe(recorder(log, 'zero'));
      impl.take(impl.of(7), 3).subscribe(recorder(log, 'short'));
    },
    ['next 1', 'next 2', 'complete', 'observed false', 'zero:complete', 'short:next 7', 'short:complete'],
  );

  same(
    'take(1) and first() on a BehaviorSubject give its current value and let go of it',
    (impl, log) => {
      const state$ = new impl.BehaviorSubject('now');
      impl.take(state$, 1).subscribe(recorder(log, 'take'));
      impl.first(state$).subscribe(recorder(log, 'first'));
      log.push(`observed ${state$.observed}`);
    },
    ['take:next now', 'take:complete', 'first:next now', 'first:complete', 'observed false'],
  );

  same(
    'first() on a Subject takes the next value',
    (impl, log) => {
      const s = new impl.Subject();
      impl.first(s).subscribe(recorder(log));
      s.next('a');
      s.next('b');
    },
    ['next a', 'complete'],
  );

  same(
    'skip(n) drops the first n values',
    (impl, log) => {
      impl.skip(impl.of(1, 2, 3, 4), 2).subscribe(recorder(log));
      impl.skip(new impl.BehaviorSubject('replayed'), 1).subscribe(recorder(log, 'behavior'));
    },
    ['next 3', 'next 4', 'complete'],
  );

  same(
    'distinctUntilChanged drops repeats with ===, or with a comparator(previous, current)',
    (impl, log) => {
      impl.distinctUntilChanged(impl.of(1, 1, 2, 2, 1, NaN, NaN, 0, -0)).subscribe(recorder(log));
      const a = { id: 1 };
      impl.distinctUntilChanged(impl.of(a, a, { id: 1 })).subscribe(recorder(log, 'identity'));
      impl
        .distinctUntilChanged(impl.of({ id: 1, n: 'a' }, { id: 1, n: 'b' }, { id: 2, n: 'c' }), (p, c) => {
          log.push(`compare ${p.n} ${c.n}`);
          return p.id === c.id;
        })
        .subscribe(recorder(log, 'by id'));
    },
    [
      'next 1',
      'next 2',
      'next 1',
      'next NaN',
      'next NaN',
      'next 0',
      'complete',
      'identity:next {"id":1}',
      'identity:next {"id":1}',
      'identity:complete',
      'by id:next {"id":1,"n":"a"}',
      'compare a b',
      'compare a c',
      'by id:next {"id":2,"n":"c"}',
      'by id:complete',
    ],
  );

  same(
    'startWith emits its values first, then the source (a BehaviorSubject replays after them)',
    (impl, log) => {
      const s = new impl.Subject();
      impl.startWith(s, 'a', 'b').subscribe(recorder(log, 'subject'));
      s.next('c');
      impl.startWith(new impl.BehaviorSubject('current'), 'first').subscribe(recorder(log, 'behavior'));
    },
    ['subject:next a', 'subject:next b', 'subject:next c', 'behavior:next first', 'behavior:next current'],
  );

  same(
    'takeUntil completes when the notifier emits and leaves both; a notifier that only completes changes nothing',
    (impl, log) => {
      const s = new impl.Subject();
      const stop = new impl.Subject();
      impl.takeUntil(s, stop).subscribe(recorder(log));
      s.next(1);
      stop.next();
      s.next(2);
      log.push(`observed ${s.observed} ${stop.observed}`);

      const quiet = new impl.Subject();
      const s2 = new impl.Subject();
      impl.takeUntil(s2, quiet).subscribe(recorder(log, 'quiet'));
      quiet.complete();
      s2.next(3);
      s2.complete();
    },
    ['next 1', 'complete', 'observed false false', 'quiet:next 3', 'quiet:complete'],
  );

  same(
    'takeUntil: the source completing leaves the notifier; the notifier erroring errors the result',
    (impl, log) => {
      const s = new impl.Subject();
      const stop = new impl.Subject();
      impl.takeUntil(s, stop).subscribe(recorder(log));
      s.complete();
      log.push(`notifier observed ${stop.observed}`);

      const failing = new impl.Subject();
      impl.takeUntil(new impl.Subject(), failing).subscribe(recorder(log, 'failing'));
      failing.error(new Error('notifier broke'));
    },
    ['complete', 'notifier observed false', 'failing:error notifier broke'],
  );

  same(
    'takeUntil a notifier that already emits (a BehaviorSubject) gives nothing',
    (impl, log) => {
      impl.takeUntil(impl.of(1, 2), new impl.BehaviorSubject(true)).subscribe(recorder(log));
    },
    ['complete'],
  );

  same(
    'debounceTime emits the last value of a burst after the quiet time',
    async (impl, log) => {
      const s = new impl.Subject();
      impl.debounceTime(s, 30).subscribe(recorder(log));
      s.next(1);
      s.next(2);
      s.next(3);
      log.push('burst sent');
      await sleep(100);
      s.next(4);
      await sleep(100);
    },
    ['burst sent', 'next 3', 'next 4'],
  );

  same(
    'debounceTime: complete flushes the pending value first; unsubscribe and error drop it',
    async (impl, log) => {
      const s = new impl.Subject();
      impl.debounceTime(s, 30).subscribe(recorder(log, 'complete'));
      s.next('pending');
      s.complete();

      const s2 = new impl.Subject();
      const sub = impl.debounceTime(s2, 30).subscribe(recorder(log, 'unsubscribe'));
      s2.next('dropped');
      sub.unsubscribe();

      const s3 = new impl.Subject();
      impl.debounceTime(s3, 30).subscribe(recorder(log, 'error'));
      s3.next('dropped');
      s3.error(new Error('e'));
      await sleep(100);
    },
    ['complete:next pending', 'complete:complete', 'error:error e'],
  );

  same(
    'an operator callback that throws errors the result and leaves the source',
    (impl, log) => {
      const s = new impl.Subject();
      const failing = impl.map(s, (v) => {
        if (v === 2) throw new Error('project failed');
        return v * 10;
      });
      const sub = failing.subscribe(recorder(log, 'map'));
      s.next(1);
      s.next(2);
      s.next(3);
      log.push(`closed ${sub.closed} observed ${s.observed}`);

      const s2 = new impl.Subject();
      impl
        .filter(s2, () => {
          throw new Error('predicate failed');
        })
        .subscribe(recorder(log, 'filter'));
      s2.next(1);

      const noHandler = new impl.BehaviorSubject({});
      impl.map(noHandler, (state) => state.missing.field).subscribe((v) => log.push(`never ${v}`));
      log.push(`observed ${noHandler.observed}`);
    },
    [
      'map:next 10',
      'map:error project failed',
      'closed true observed false',
      'filter:error predicate failed',
      'observed false',
      "unhandled Cannot read properties of undefined (reading 'field')",
    ],
  );

  same(
    'an error upstream goes through every operator to the subscriber',
    (impl, log) => {
      const s = new impl.Subject();
      const chain = impl.take(impl.distinctUntilChanged(impl.map(impl.filter(s, () => true), (v) => v)), 5);
      chain.subscribe(recorder(log));
      s.next(1);
      s.error(new Error('upstream'));
    },
    ['next 1', 'error upstream'],
  );

  same(
    'asObservable hides next() and still delivers, with its own unsubscribe',
    (impl, log) => {
      const s = new impl.BehaviorSubject('v1');
      const view = s.asObservable();
      log.push(`next is ${typeof view.next}`);
      const sub = view.subscribe(recorder(log));
      s.next('v2');
      sub.unsubscribe();
      s.next('v3');
      log.push(`observed ${s.observed}`);
    },
    ['next is undefined', 'next v1', 'next v2', 'observed false'],
  );

  same(
    'toPromise resolves with the last value on complete, rejects on error',
    async (impl, log) => {
      log.push(`last ${await impl.toPromise(impl.of(1, 2, 3))}`);
      log.push(`empty ${await impl.toPromise(impl.of())}`);
      const s = new impl.Subject();
      const failed = impl.toPromise(s);
      s.error(new Error('no'));
      await failed.catch((e) => log.push(`rejected ${e.message}`));
    },
    ['last 3', 'empty undefined', 'rejected no'],
  );
});

// ----- one failing subscriber ----------------------------------------------------------------------------

describe('a subscriber that throws', () => {
  // The spec (webapp2-compat.md §7) isolates plugins: a plugin's failing subscriber must not break the
  // app's or other plugins' subscribers. rxjs 7 agrees on delivery (it rethrows the error later on a timer
  // and keeps the subscriber), so this part runs on both. RxJS 5, which Webapp2 plugins were written
  // against, rethrew synchronously out of Subject.next, which stopped delivery to later subscribers.
  // Where the error goes differs on purpose and is tested on observable.js alone below.
  same(
    'does not stop delivery to the others, nor unsubscribe itself',
    ({ Subject, BehaviorSubject }, log) => {
      const s = new Subject();
      const a = s.subscribe((v) => {
        log.push(`a ${v}`);
        if (v === 1) throw new Error('a failed');
      });
      s.subscribe((v) => log.push(`b ${v}`));
      s.next(1);
      s.next(2);
      log.push(`a closed ${a.closed}`);

      const state$ = new BehaviorSubject('x');
      state$.subscribe(() => {
        throw new Error('replay failed');
      });
      state$.subscribe((v) => log.push(`state ${v}`));
    },
    ['a 1', 'b 1', 'a 2', 'b 2', 'a closed false', 'state x', 'unhandled a failed', 'unhandled replay failed'],
  );
});

// ----- observable.js alone: errors.report and owners ------------------------------------------------------

// Deliberate differences from rxjs: observable.js runs inside the plugin host, which must blame a failure on
// the plugin that caused it (spec §7). So (1) errors thrown by subscribers, errors nobody handles, rejected
// promises returned by subscribers and failing teardowns go synchronously to `errors.report(error, owner)`
// instead of being rethrown (rxjs rethrows them on a timer, and ignores returned promises); (2) a
// subscription remembers the owner current when it was made (`owners.current`, set by `runAs`) and runs
// its callbacks as that owner, so whatever they call or subscribe to is attributed to it. rxjs has no
// notion of owners.
describe('observable.js: errors.report and owners', () => {
  let reports;

  beforeEach(() => {
    reports = [];
    ours.errors.report = (error, owner) => reports.push([error instanceof Error ? error.message : error, owner]);
  });

  afterEach(() => {
    ours.errors.report = originalReport;
    Object.assign(ours.owners, originalOwners);
  });

  test('runAs sets owners.current for the call and restores it, also when the call throws', () => {
    assert.equal(ours.owners.current, null);
    const seen = ours.runAs('p1', () => [ours.owners.current, ours.runAs('p2', () => ours.owners.current), ours.owners.current]);
    assert.deepEqual(seen, ['p1', 'p2', 'p1']);
    assert.throws(() => ours.runAs('p1', () => { throw new Error('x'); }), /x/);
    assert.equal(ours.owners.current, null);
  });

  test("a subscription's callbacks run as the owner current at subscribe time", () => {
    const s = new ours.Subject();
    const seen = [];
    ours.runAs('plugin-a', () =>
      s.subscribe({
        next: () => seen.push(['next', ours.owners.current]),
        complete: () => seen.push(['complete', ours.owners.current]),
      }),
    );
    s.subscribe(() => seen.push(['app', ours.owners.current]));
    ours.runAs('plugin-b', () => s.next(1));
    s.complete();
    assert.deepEqual(seen, [['next', 'plugin-a'], ['app', null], ['complete', 'plugin-a']]);
  });

  test('a subscriber that throws is reported with its owner, not rethrown, and the others still get the value', () => {
    const s = new ours.Subject();
    const got = [];
    const failing = ours.runAs('plugin-a', () =>
      s.subscribe(() => {
        throw new Error('boom');
      }),
    );
    ours.runAs('plugin-b', () => s.subscribe((v) => got.push(v)));
    assert.doesNotThrow(() => s.next(1));
    s.next(2);
    assert.deepEqual(got, [1, 2]);
    assert.deepEqual(reports, [['boom', 'plugin-a'], ['boom', 'plugin-a']]);
    assert.equal(failing.closed, false);
  });

  test('a rejected promise returned by a subscriber is reported with its owner', async () => {
    const s = new ours.Subject();
    ours.runAs('plugin-a', () =>
      s.subscribe(async () => {
        await null;
        throw new Error('async boom');
      }),
    );
    s.next(1);
    assert.deepEqual(reports, []);
    await sleep(0);
    assert.deepEqual(reports, [['async boom', 'plugin-a']]);
  });

  test('an error nobody handles, from the source or an operator, is reported with the owner', () => {
    const s = new ours.Subject();
    ours.runAs('plugin-a', () => s.subscribe(() => {}));
    ours.runAs('plugin-b', () => s.map(() => {
      throw new Error('operator');
    }).subscribe());
    s.next(1);
    s.error(new Error('source'));
    assert.deepEqual(reports, [['operator', 'plugin-b'], ['source', 'plugin-a']]);
  });

  test('a failing teardown is reported with the owner and unsubscribe() does not throw', () => {
    const source = new ours.Observable(() => () => {
      throw new Error('teardown');
    });
    const sub = ours.runAs('plugin-a', () => source.subscribe());
    assert.doesNotThrow(() => sub.unsubscribe());
    assert.deepEqual(reports, [['teardown', 'plugin-a']]);
  });

  test('operators and subscriptions made inside a callback belong to the callback owner', () => {
    const outer = new ours.Subject();
    const inner = new ours.BehaviorSubject('v');
    const seen = [];
    ours.runAs('plugin-a', () =>
      outer.subscribe(() => {
        inner.map((v) => {
          seen.push(['map', ours.owners.current]);
          return v;
        }).subscribe(() => seen.push(['inner', ours.owners.current]));
      }),
    );
    outer.next(1);
    inner.next('w');
    assert.deepEqual(seen, [
      ['map', 'plugin-a'],
      ['inner', 'plugin-a'],
      ['map', 'plugin-a'],
      ['inner', 'plugin-a'],
    ]);
  });

  test('with nobody current, the owner is what owners.guess() names', () => {
    ours.owners.guess = () => 'script-of-plugin-c';
    const s = new ours.Subject();
    s.subscribe(() => {
      throw new Error('guessed');
    });
    s.next(1);
    assert.deepEqual(reports, [['guessed', 'script-of-plugin-c']]);
  });

  test('owners.track hears of each owned subscription and is told when it ends', () => {
    const tracked = [];
    ours.owners.track = (owner, subscription) => {
      tracked.push(['track', owner]);
      return () => tracked.push(['untrack', owner, subscription.closed]);
    };
    const s = new ours.Subject();
    s.subscribe(() => {});
    const sub = ours.runAs('plugin-a', () => s.subscribe(() => {}));
    ours.runAs('plugin-b', () => ours.runAs('plugin-b', () => s.subscribe(() => {})));
    sub.unsubscribe();
    sub.unsubscribe();
    s.complete();
    assert.deepEqual(tracked, [
      ['track', 'plugin-a'],
      ['track', 'plugin-b'],
      ['untrack', 'plugin-a', true],
      ['untrack', 'plugin-b', true],
    ]);
  });
});

// ----- a known difference left as it is ---------------------------------------------------------------------

test('known difference: first() of a source that completes empty just completes (rxjs errors with EmptyError)', () => {
  // Plugins use first() on state$ (a BehaviorSubject, never empty) and on actions$ (never completes), so
  // this does not show in practice; completing quietly also avoids marking a plugin failed for it.
  const log = [];
  new ours.Subject().first().subscribe(recorder(log));
  const s = new ours.Subject();
  s.first().subscribe(recorder(log));
  s.complete();
  assert.deepEqual(log, ['complete']);
  const rxLog = [];
  rx.EMPTY.pipe(rx.first()).subscribe(recorder(rxLog));
  assert.deepEqual(rxLog, ['error no elements in sequence']);
});
