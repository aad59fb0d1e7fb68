// Joining conferences with Pexip's client (@pexip/infinity-api) and acting as a participant.
//
//   const host = await join(node, room, { name: 'Host', pin: HOST_PIN });
//   await host.ok(api.lock);                                   // result of a 200, validated
//   await host.ok(api.muteParticipant, { participant: guest.uuid });
//   const list = await host.participants();
//
// Every call goes through the package's endpoint functions, so its validators check the
// request body and the node's answer; `ok` additionally requires HTTP 200.

import assert from 'node:assert/strict';

import { api } from './iapi.mjs';
import { openEvents } from './sse.mjs';

/** Everyone joined through `join`, released by `releaseAll` at the end of a file. */
const joined = new Set();

/**
 * request_token through the package (body and answer validated by it).
 * @param {{url: string}} node
 * @param {string} alias
 * @param {{name?: string, pin?: string, body?: object}} options
 */
export function requestToken(node, alias, { name = 'Alice', pin, body = {} } = {}) {
  const fetcher = pin === undefined ? fetch : api.withPin(fetch, pin);
  return api.requestToken({
    fetcher,
    host: node.url,
    params: { conferenceAlias: alias },
    body: { display_name: name, ...body },
  });
}

/** Joins `alias` and returns the participant; fails unless request_token answers 200. */
export async function join(node, alias, options = {}) {
  const answer = await requestToken(node, alias, options);
  assert.equal(
    answer.status,
    200,
    `request_token ${alias} (${options.name ?? 'Alice'}) answered ${answer.status}: ${JSON.stringify(answer.data)}`,
  );
  const member = new Member(node, alias, answer.data.result);
  joined.add(member);
  return member;
}

/** Releases the tokens of everyone still joined (ignores failures: they may be gone). */
export async function releaseAll() {
  const members = [...joined];
  joined.clear();
  await Promise.allSettled(members.map((member) => member.release()));
}

export class Member {
  constructor(node, alias, result) {
    this.node = node;
    this.alias = alias;
    this.result = result;
    this.token = result.token;
    this.uuid = result.participant_uuid;
    this.name = result.display_name;
  }

  /** A fetch that sends this participant's current token. */
  get fetcher() {
    return api.withToken(fetch, this.token);
  }

  /**
   * Calls an endpoint function of the package as this participant.
   * @param {Function} endpoint e.g. api.lock, api.muteParticipant
   * @param {{participant?: string, params?: object, body?: unknown}} options
   */
  call(endpoint, { participant, params = {}, body } = {}) {
    const allParams = { conferenceAlias: this.alias, ...params };
    if (participant !== undefined) allParams.participantUuid = participant;
    return endpoint({ fetcher: this.fetcher, host: this.node.url, params: allParams, body });
  }

  /** Like `call`, requiring HTTP 200; returns `result`. */
  async ok(endpoint, options = {}) {
    const answer = await this.call(endpoint, options);
    assert.equal(
      answer.status,
      200,
      `${endpoint.name} as ${this.name} answered ${answer.status}: ${JSON.stringify(answer.data)}`,
    );
    assert.equal(answer.data.status, 'success');
    return answer.data.result;
  }

  /** GET participants (validated by validateParticipants200). */
  participants() {
    return this.ok(api.participants);
  }

  /** This participant's view of participant `uuid` (undefined when absent). */
  async participant(uuid) {
    return (await this.participants()).find((p) => p.uuid === uuid);
  }

  conferenceStatus() {
    return this.ok(api.conferenceStatus);
  }

  /** refresh_token; keeps the new token. */
  async refresh() {
    const result = await this.ok(api.refreshToken);
    this.token = result.token;
    return result;
  }

  /** release_token (header auth). */
  async release(reason) {
    joined.delete(this);
    return this.ok(api.releaseToken, { body: reason === undefined ? {} : { reason } });
  }

  /** Opens this participant's event stream. */
  events(options) {
    return openEvents(this.node, this.alias, this.token, options);
  }
}

/**
 * Polls `check` until it returns a truthy value (returned) or `timeout` ms pass (fails with
 * the last value or error).
 */
export async function eventually(check, { timeout = 5_000, interval = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      assert.fail(`${what} not reached within ${timeout} ms; last: ${last instanceof Error ? last.stack : JSON.stringify(last)}`);
    }
    await sleep(interval);
  }
}

export function sleep(ms) {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}
