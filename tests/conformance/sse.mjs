// A small reader of the node's event stream (`GET …/events`, text/event-stream), built on
// fetch and a ReadableStream so the tests can set headers such as Last-Event-ID.
//
//   const stream = await openEvents(node, alias, token);
//   await stream.synced();                              // participant_sync_begin … _end
//   const mark = stream.mark();
//   … do something …
//   const event = await stream.waitFor('participant_update', (data) => data.uuid === uuid, { after: mark });

import assert from 'node:assert/strict';

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * @typedef {{event: string, id: string | undefined, data: string, json: any, jsonError?: string,
 *            index: number}} ServerEvent
 */

/**
 * Opens the event stream of a conference.
 * @param {{url: string}} node
 * @param {string} alias
 * @param {string} token
 * @param {{auth?: 'query' | 'header', lastEventId?: string}} options
 */
export async function openEvents(node, alias, token, options = {}) {
  const { auth = 'query', lastEventId } = options;
  const base = `${node.url}/api/client/v2/conferences/${encodeURIComponent(alias)}/events`;
  const url = auth === 'query' ? `${base}?token=${encodeURIComponent(token)}` : base;
  const headers = { accept: 'text/event-stream' };
  if (auth === 'header') headers.token = token;
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (response.status !== 200) {
    const text = await response.text();
    const error = new Error(`events answered HTTP ${response.status}: ${text}`);
    Object.assign(error, { status: response.status, text, contentType: response.headers.get('content-type') });
    throw error;
  }
  const contentType = response.headers.get('content-type') ?? '';
  assert.ok(
    contentType.startsWith('text/event-stream'),
    `events should be text/event-stream, got ${contentType}`,
  );
  return new EventStream(response, controller);
}

export class EventStream {
  /** @type {ServerEvent[]} */
  events = [];
  ended = false;
  #waiters = new Set();
  #controller;

  constructor(response, controller) {
    this.#controller = controller;
    this.done = this.#read(response.body).catch((error) => {
      if (error.name !== 'AbortError') this.error = error;
    }).finally(() => {
      this.ended = true;
      this.#notify();
    });
  }

  /** Index to pass as `after` so that only later events match. */
  mark() {
    return this.events.length;
  }

  close() {
    this.#controller.abort();
  }

  /** Events named `name` (any when omitted) received so far, from index `after` on. */
  received(name, after = 0) {
    return this.events.slice(after).filter((e) => name === undefined || e.event === name);
  }

  /**
   * Waits for an event named `name` (any name when null) whose parsed data satisfies `predicate`.
   * @param {string | null} name
   * @param {(data: any, event: ServerEvent) => boolean} [predicate]
   * @param {{after?: number, timeout?: number}} [options]
   * @returns {Promise<ServerEvent>}
   */
  waitFor(name, predicate = () => true, { after = 0, timeout = DEFAULT_TIMEOUT_MS } = {}) {
    const find = () =>
      this.events.slice(after).find((e) => (name === null || e.event === name) && predicate(e.json, e));
    return new Promise((resolvePromise, reject) => {
      const waiter = () => {
        const found = find();
        if (found) {
          finish();
          resolvePromise(found);
        } else if (this.ended) {
          finish();
          reject(new Error(`event stream ended before a matching ${name} event\n${this.describe()}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no matching ${name} event within ${timeout} ms\n${this.describe()}`));
      }, timeout);
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
      waiter();
    });
  }

  /** Waits until the stream ends (the server closed it), failing after `timeout` ms. */
  async waitForEnd(timeout = DEFAULT_TIMEOUT_MS) {
    let timer;
    const expired = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`event stream still open after ${timeout} ms\n${this.describe()}`)),
        timeout,
      );
    });
    try {
      await Promise.race([this.done, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for the initial sync; returns the `participant_create` events between begin and end. */
  async synced(timeout = DEFAULT_TIMEOUT_MS) {
    const begin = await this.waitFor('participant_sync_begin', undefined, { timeout });
    const end = await this.waitFor('participant_sync_end', undefined, { after: begin.index, timeout });
    return this.events.slice(begin.index + 1, end.index);
  }

  /** A readable list of the events received, for failure messages. */
  describe() {
    const lines = this.events.map(
      (e) => `  #${e.index} id=${e.id ?? '-'} ${e.event} ${e.data.slice(0, 160)}`,
    );
    return `events received (${this.events.length}):\n${lines.join('\n')}`;
  }

  async #read(body) {
    const decoder = new TextDecoder();
    let buffer = '';
    let fields = emptyFields();
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline;
      while ((newline = buffer.search(/\r\n|\r|\n/)) !== -1) {
        const line = buffer.slice(0, newline);
        const width = buffer.startsWith('\r\n', newline) ? 2 : 1;
        buffer = buffer.slice(newline + width);
        if (line === '') {
          if (fields.data !== undefined) this.#dispatch(fields);
          fields = emptyFields();
        } else {
          parseField(line, fields);
        }
      }
    }
  }

  #dispatch(fields) {
    /** @type {ServerEvent} */
    const event = {
      event: fields.event || 'message',
      id: fields.id,
      data: fields.data,
      json: undefined,
      index: this.events.length,
    };
    try {
      event.json = JSON.parse(fields.data);
    } catch (error) {
      event.jsonError = String(error);
    }
    this.events.push(event);
    this.#notify();
  }

  #notify() {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

function emptyFields() {
  return { event: '', data: undefined, id: undefined };
}

/** Parses one `field: value` line of the event-stream format into `fields`. */
function parseField(line, fields) {
  if (line.startsWith(':')) return; // comment / keep-alive
  const colon = line.indexOf(':');
  const name = colon === -1 ? line : line.slice(0, colon);
  let value = colon === -1 ? '' : line.slice(colon + 1);
  if (value.startsWith(' ')) value = value.slice(1);
  if (name === 'event') fields.event = value;
  else if (name === 'data') fields.data = fields.data === undefined ? value : `${fields.data}\n${value}`;
  else if (name === 'id') fields.id = value;
}
