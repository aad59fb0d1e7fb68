// web/app/js/plugin-roster.js: the roster as plugins see it (`participants$`), kept between emissions.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PluginRoster } from '../../web/app/js/plugin-roster.js';

/** @param {string} uuid @param {object} [fields] a raw participant as PexRTC gives it */
const raw = (uuid, fields = {}) => ({ uuid, display_name: `Person ${uuid}`, role: 'guest', is_muted: 'NO', service_type: 'conference', ...fields });

/** @param {...object} people */
const rosterOf = (...people) => new Map(people.map((p) => [p.uuid, p]));

test('lists everyone in roster order, in the plugin API shape, a new array each time', () => {
  const roster = new PluginRoster();
  const participants = rosterOf(raw('a'), raw('b', { role: 'chair', is_muted: 'YES' }));
  const stage = new Map([['b', { vad: 40, stageIndex: 0 }]]);
  const first = roster.list(participants, stage);
  assert.deepEqual(first.map((m) => [m.uuid, m.name, m.role, m.muted, m.vad, m.stageIndex]), [
    ['a', 'Person a', 'guest', false, 0, -1],
    ['b', 'Person b', 'chair', true, 40, 0],
  ]);
  const second = roster.list(participants, stage);
  assert.notEqual(second, first, 'a new array, so that a plugin keeping the last one sees it unchanged');
  assert.deepEqual(second, first);
});

test('someone who did not change is the same object in the next list; someone updated is new', () => {
  const roster = new PluginRoster();
  const participants = rosterOf(raw('a'), raw('b'), raw('c'));
  const stage = new Map();
  const before = roster.list(participants, stage);
  participants.set('b', raw('b', { is_muted: 'YES' }));
  roster.changed('b');
  const after = roster.list(participants, stage);
  assert.equal(after[0], before[0]);
  assert.equal(after[2], before[2]);
  assert.notEqual(after[1], before[1]);
  assert.equal(after[1].muted, true);
  assert.equal(before[1].muted, false, 'the list given before is left as it was');
});

test('comings and goings keep the roster order', () => {
  const roster = new PluginRoster();
  const participants = rosterOf(raw('a'), raw('b'), raw('c'));
  const stage = new Map();
  const before = roster.list(participants, stage);
  participants.delete('b');
  participants.set('d', raw('d'));
  roster.reordered();
  const after = roster.list(participants, stage);
  assert.deepEqual(after.map((m) => m.uuid), ['a', 'c', 'd']);
  assert.equal(after[1], before[2], 'c kept its object');
  participants.set('c', raw('c', { buzz_time: 7 }));
  roster.changed('c');
  assert.deepEqual(roster.list(participants, stage).map((m) => [m.uuid, m.buzzTime]), [['a', 0], ['c', 7], ['d', 0]]);
});

test('a new stage changes only the models whose stage entry says something new', () => {
  const roster = new PluginRoster();
  const participants = rosterOf(raw('a'), raw('b'));
  const before = roster.list(participants, new Map([['a', { vad: 0, stageIndex: 0 }], ['b', { vad: 0, stageIndex: 1 }]]));
  roster.reordered();
  const after = roster.list(participants, new Map([['a', { vad: 0, stageIndex: 0 }], ['b', { vad: 80, stageIndex: 1 }]]));
  assert.equal(after[0], before[0], 'same values in a new stage entry: same object');
  assert.notEqual(after[1], before[1]);
  assert.equal(after[1].vad, 80);
});

test('a change announced for someone no longer there puts the list together again', () => {
  const roster = new PluginRoster();
  const participants = rosterOf(raw('a'), raw('b'));
  roster.list(participants, new Map());
  participants.delete('a');
  roster.changed('a');
  assert.deepEqual(roster.list(participants, new Map()).map((m) => m.uuid), ['b']);
});
