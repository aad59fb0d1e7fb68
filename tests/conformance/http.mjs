// Plain HTTP for what @pexip/infinity-api does not cover (error answers it does not model,
// doubled slashes, malformed bodies, endpoints it lacks), plus envelope assertions.

import assert from 'node:assert/strict';
import http from 'node:http';

/**
 * @typedef {{status: number, contentType: string, text: string, json: any, headers: Headers}} RawAnswer
 */

/**
 * Sends a request to `<node>/api/client/v2/conferences/<alias>/<path>` (or to `path` itself
 * when it starts with `/`).
 * @param {{url: string}} node
 * @param {string} alias
 * @param {string} path
 * @param {{method?: string, token?: string, pin?: string, json?: unknown, body?: BodyInit,
 *          contentType?: string, headers?: Record<string, string>}} options
 * @returns {Promise<RawAnswer>}
 */
export async function raw(node, alias, path, options = {}) {
  const base = `${node.url}/api/client/v2/conferences/${encodeURIComponent(alias)}`;
  const url = path.startsWith('/') ? `${node.url}${path}` : `${base}/${path}`;
  return rawUrl(url, options);
}

/** Like `raw`, with a complete URL. */
export async function rawUrl(url, options = {}) {
  const { method = options.json === undefined && options.body === undefined ? 'GET' : 'POST' } =
    options;
  const headers = new Headers(options.headers);
  if (options.token !== undefined) headers.set('token', options.token);
  if (options.pin !== undefined) headers.set('pin', options.pin);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set('content-type', 'application/json');
  }
  if (options.contentType) headers.set('content-type', options.contentType);
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    json,
    headers: response.headers,
  };
}

/**
 * Asserts a JSON answer in the Pexip envelope: HTTP `status`, a content type starting with
 * application/json, and a body `{"status": envelope, "result": …}`.
 * @param {RawAnswer} answer
 * @param {number | number[]} status
 * @param {'success' | 'failed' | Array<'success' | 'failed'>} envelope
 * @param {string} what
 */
export function assertEnvelope(answer, status, envelope, what = 'answer') {
  const detail = `${what}: HTTP ${answer.status} ${answer.contentType} ${answer.text.slice(0, 300)}`;
  const statuses = [status].flat();
  assert.ok(statuses.includes(answer.status), `expected HTTP ${statuses.join('|')}; ${detail}`);
  assert.ok(
    answer.contentType.startsWith('application/json'),
    `expected an application/json content type; ${detail}`,
  );
  assert.ok(answer.json && typeof answer.json === 'object', `expected a JSON object; ${detail}`);
  assert.ok('result' in answer.json, `expected a "result" member; ${detail}`);
  assert.ok(
    [envelope].flat().includes(answer.json.status),
    `expected "status": ${[envelope].flat().join('|')}; ${detail}`,
  );
}

/** Asserts an error answer: HTTP `status`, envelope `failed`, and a non-empty string reason. */
export function assertFailure(answer, status, what = 'answer') {
  assertEnvelope(answer, status, 'failed', what);
  assert.equal(typeof answer.json.result, 'string', `${what}: result should be the reason string`);
  assert.ok(answer.json.result.length > 0, `${what}: reason should not be empty`);
  return answer.json.result;
}

/**
 * POSTs `total` bytes of JSON-looking filler in 64 KiB chunks, as an uploading client does, and
 * stops sending once an answer arrives. Resolves with the answer, or with `{error}` when the
 * connection failed before an answer could be read (e.g. EPIPE / ECONNRESET because the server
 * closed it without reading the body).
 * @returns {Promise<RawAnswer | {error: string}>}
 */
export function postStreaming(url, headers, total) {
  return new Promise((resolvePromise) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, 'content-length': total },
    });
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('error', (error) => resolvePromise({ error: `reading the answer: ${error.code ?? error}` }));
      response.on('end', () => {
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const contentType = response.headers['content-type'] ?? '';
        resolvePromise({ status: response.statusCode, contentType, text, json, headers: response.headers });
      });
    });
    request.on('error', (error) => {
      if (!answered) resolvePromise({ error: `${error.code ?? error} before any answer` });
    });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (!answered && sent < total) {
        const size = Math.min(chunk.length, total - sent);
        sent += size;
        if (!request.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
          request.once('drain', pump);
          return;
        }
      }
      request.end();
    };
    pump();
  });
}
