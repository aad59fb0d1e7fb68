// The roster of a big meeting: with 1,000 participants in the room, the web app lists them all and
// applies every participant_update. The time each update takes is printed for information; the
// project's speed figures come from benchmarks, not from timed tests.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startNode } from '../support/node.mjs';
import { restJoin } from './helpers/pexrtc-rest.mjs';
import { inConference, joinByLink, launchAppBrowser, openPerson, shot } from './helpers/app-session.mjs';

const PARTICIPANTS = 1000;
const UPDATES = 120;

/**
 * @template T
 * @param {number} count
 * @param {number} width
 * @param {(i: number) => Promise<T>} task
 */
async function pool(count, width, task) {
  /** @type {T[]} */
  const results = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** @param {number[]} values @param {number} q */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

describe('a roster of 1,000', { concurrency: false }, () => {
  /** @type {Awaited<ReturnType<typeof startNode>>} */
  let node;
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {Awaited<ReturnType<typeof restJoin>>[]} */
  let crowd = [];

  before(async () => {
    node = await startNode({ config: 'token_expiry = 600\n[[vmr]]\nname = "big"\n' });
    browser = await launchAppBrowser();
    crowd = await pool(PARTICIPANTS - 1, 32, (i) => restJoin(node.url, 'big', `Person ${String(i).padStart(4, '0')}`));
  });

  after(async () => {
    await browser?.close();
    await node?.stop();
  });

  test("lists everyone and applies every participant_update", async () => {
    const p = await openPerson(browser, 'big');
    const started = Date.now();
    await joinByLink(p, node.url, 'big', 'Zoe Host');
    await inConference(p);
    await p.page.waitForFunction((n) => document.querySelectorAll('.pex-roster-list__user').length === n, PARTICIPANTS, { timeout: 30_000 });
    const listed = Date.now() - started;
    assert.equal(await p.page.locator('#sidebar-tab-participants .pex-sidebar__tab-count').textContent(), String(PARTICIPANTS));
    await p.page.locator('#conference-stage-container .tile--more').waitFor();
    await shot(p, 'conference-1000-participants');

    // Time each update as a plugin would: by wrapping the client's callback, then forcing the style and
    // layout the update causes.
    await p.page.evaluate(() => {
      window.samples = [];
      const previous = window.pexrtc.onParticipantUpdate;
      window.pexrtc.onParticipantUpdate = function (participant) {
        const t0 = performance.now();
        previous.call(this, participant);
        document.querySelector('.pex-sidebar__list').getBoundingClientRect();
        void document.body.offsetHeight;
        window.samples.push(performance.now() - t0);
      };
    });
    const host = crowd[0];
    for (let i = 0; i < UPDATES; i++) {
      // Mute someone, then unmute them: every request changes a participant.
      const target = crowd[1 + ((Math.floor(i / 2) * 37) % (crowd.length - 1))];
      const reply = await host.post(`participants/${target.uuid}/${i % 2 ? 'unmute' : 'mute'}`);
      assert.equal(reply.status, 200);
    }
    await p.page.waitForFunction((n) => window.samples.length >= n, UPDATES, { timeout: 30_000 });
    const samples = await p.page.evaluate(() => window.samples);
    const p50 = quantile(samples, 0.5);
    const p95 = quantile(samples, 0.95);
    console.log(`# roster of ${PARTICIPANTS}: listed in ${listed} ms after opening the link; participant_update p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms (${samples.length} updates)`);
    assert.deepEqual(p.errors, []);
  });
});
