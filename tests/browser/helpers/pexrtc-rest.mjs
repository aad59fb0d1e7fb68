// A participant that joins over the plain REST API from Node (no browser): quick extra people for
// the PexRTC page tests to see, and a way to reach a participant's event stream from outside.
//
//   const bob = await restJoin(node.url, 'meet', 'Bob');
//   await bob.post('message', { type: 'text/plain', payload: 'hi' });
//   await bob.leave();

/**
 * @typedef {object} RestParticipant
 * @property {string} uuid
 * @property {string} token
 * @property {string} role  HOST or GUEST
 * @property {(request: string, body?: object) => Promise<{status: number, json: any}>} post
 * @property {(request: string) => Promise<{status: number, json: any}>} get
 * @property {() => Promise<void>} leave  releases the token
 */

/**
 * Requests a token for `name` in `conference`.
 * @param {string} nodeUrl
 * @param {string} conference
 * @param {string} name
 * @param {{pin?: string}} [options]
 * @returns {Promise<RestParticipant>}
 */
export async function restJoin(nodeUrl, conference, name, options = {}) {
  const base = conferenceUrl(nodeUrl, conference);
  const headers = { 'content-type': 'application/json' };
  if (options.pin) headers.pin = options.pin;
  const response = await fetch(`${base}/request_token`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ display_name: name }),
  });
  const answer = await response.json();
  if (response.status !== 200) {
    throw new Error(`request_token for ${name} in ${conference}: ${response.status} ${JSON.stringify(answer)}`);
  }
  const { token, participant_uuid: uuid, role } = answer.result;
  /** @param {string} method @param {string} request @param {object} [body] */
  const send = async (method, request, body) => {
    const init = { method, headers: { token } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const reply = await fetch(`${base}/${request}`, init);
    const text = await reply.text();
    return { status: reply.status, json: text ? JSON.parse(text) : null };
  };
  return {
    uuid,
    token,
    role,
    post: (request, body) => send('POST', request, body),
    get: (request) => send('GET', request),
    leave: async () => {
      await send('POST', 'release_token');
    },
  };
}

/**
 * @param {string} nodeUrl
 * @param {string} conference
 */
export function conferenceUrl(nodeUrl, conference) {
  return `${nodeUrl}/api/client/v2/conferences/${encodeURIComponent(conference)}`;
}

/**
 * Opens the event stream of a token from Node and keeps it open until `close()`. The node allows
 * one stream per participant, so this ends the stream a page had open with the same token.
 * @param {string} nodeUrl
 * @param {string} conference
 * @param {string} token
 * @returns {Promise<{close: () => void}>}
 */
export async function takeOverEventStream(nodeUrl, conference, token) {
  const controller = new AbortController();
  const url = `${conferenceUrl(nodeUrl, conference)}/events?token=${encodeURIComponent(token)}`;
  const response = await fetch(url, { signal: controller.signal });
  if (response.status !== 200) throw new Error(`events: ${response.status}`);
  return { close: () => controller.abort() };
}
