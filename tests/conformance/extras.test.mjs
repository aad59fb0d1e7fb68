// Endpoints of the spec (client-rest-api.md §3–§4) that @pexip/infinity-api covers beyond the core
// requests: themes, layout pictures, presentation floor, captions and the small participant flags.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { api } from './iapi.mjs';
import { join } from './client.mjs';
import { useNode, roomPool } from './suite.mjs';

const node = useNode('extras');
const rooms = roomPool('extras');

describe('conference-level extras', () => {
  test('theme/: 200 with a valid theme, or 204 when there is none', async () => {
    const host = await join(node, rooms.open());
    const answer = await host.call(api.theme);
    assert.ok([200, 204].includes(answer.status));
  });

  test('layout_svgs: an object of SVG strings', async () => {
    const host = await join(node, rooms.open());
    const svgs = await host.ok(api.layoutSvgs);
    assert.equal(typeof svgs, 'object');
  });

  test('silent_video_detection is not offered: the node analyses no video', async () => {
    const host = await join(node, rooms.open());
    await assert.rejects(
      host.call(api.silentVideoDetection, { body: { config: { enable: true, silent_after: 10 } } }),
      /Unexpected status 404/,
    );
  });
});

describe('participant-level extras', () => {
  const cases = [
    ['take_floor → null', api.takeFloor, undefined, null],
    ['release_floor → null', api.releaseFloor, undefined, null],
    ['show_live_captions → null', api.showLiveCaptions, undefined, null],
    ['hide_live_captions → null', api.hideLiveCaptions, undefined, null],
    ['notify_not_afk → true', api.notifyNotAFK, undefined, true],
    ['preferred_aspect_ratio → true', api.preferredAspectRatio, { aspect_ratio: 1.5 }, true],
    ['pres_in_mix → true', api.presInMixParticipant, { state: true }, true],
  ];
  for (const [name, endpoint, body, expected] of cases) {
    test(name, async () => {
      const host = await join(node, rooms.open());
      assert.equal(await host.ok(endpoint, { participant: host.uuid, body }), expected);
    });
  }

  test('take_floor makes the caller the presenter and tells the others; release_floor stops it', async () => {
    const room = rooms.open();
    const presenter = await join(node, room, { name: 'Petra' });
    const viewer = await join(node, room, { name: 'Viktor' });
    const events = await viewer.events();
    await presenter.ok(api.takeFloor, { participant: presenter.uuid });
    const start = (await events.waitFor('presentation_start')).json;
    assert.equal(start.presenter_uuid, presenter.uuid);
    assert.equal(start.presenter_name, 'Petra');
    await events.waitFor('participant_update', (p) => p.uuid === presenter.uuid && p.is_presenting === 'YES');
    await presenter.ok(api.releaseFloor, { participant: presenter.uuid });
    assert.deepEqual((await events.waitFor('presentation_stop')).json, {});
    events.close();
  });

  test('avatar.jpg without an image: 404 "No image available"', async () => {
    const host = await join(node, rooms.open());
    const answer = await host.call(api.avatarJpgParticipant, { participant: host.uuid });
    assert.equal(answer.status, 404);
  });
});
