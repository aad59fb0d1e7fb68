// The roster as plugins see it (`participants$`): the camelCase models of model.js in roster order,
// kept between emissions. A model is built again only for someone whose raw participant was replaced
// (PexRTC gives a new object for each update) or whose stage entry says something new, so an update
// costs one model and a copy of the list rather than a model for everybody, and someone who did not
// change is the same object in the next emission, as in Webapp2's store.

import { pluginParticipant } from './model.js';

/** @typedef {import('./model.js').RawParticipant} RawParticipant */
/** @typedef {{vad: number, stageIndex: number}} StageEntry */
/** @typedef {ReturnType<typeof pluginParticipant>} PluginModel */

export class PluginRoster {
  constructor() {
    /** @type {WeakMap<RawParticipant, {vad: number | undefined, stageIndex: number | undefined, model: PluginModel}>} */
    this._kept = new WeakMap();
    /** @type {PluginModel[] | null} the list in roster order; null when it must be put together again */
    this._list = null;
    /** @type {Map<string, number>} each uuid's place in `_list` */
    this._places = new Map();
    /** @type {Set<string>} participants replaced since the last list */
    this._changed = new Set();
  }

  /**
   * Someone already in the roster was replaced (an update).
   * @param {string} uuid
   */
  changed(uuid) {
    this._changed.add(uuid);
  }

  /** People came, left, or the stage changed: the next list is put together from the roster again. */
  reordered() {
    this._list = null;
  }

  /**
   * The roster as plugins see it, a new array each time.
   * @param {Map<string, RawParticipant>} participants
   * @param {Map<string, StageEntry>} stage
   */
  list(participants, stage) {
    if (this._list) {
      for (const uuid of this._changed) {
        const place = this._places.get(uuid);
        const p = participants.get(uuid);
        if (place === undefined || !p) {
          this._list = null;
          break;
        }
        this._list[place] = this.model(p, stage.get(uuid));
      }
    }
    this._changed.clear();
    if (!this._list) this._list = this._build(participants, stage);
    return this._list.slice();
  }

  /**
   * One participant as plugins see them.
   * @param {RawParticipant} p
   * @param {StageEntry | undefined} entry
   */
  model(p, entry) {
    const kept = this._kept.get(p);
    if (kept && kept.vad === entry?.vad && kept.stageIndex === entry?.stageIndex) return kept.model;
    const model = pluginParticipant(p, entry);
    this._kept.set(p, { vad: entry?.vad, stageIndex: entry?.stageIndex, model });
    return model;
  }

  /**
   * @param {Map<string, RawParticipant>} participants
   * @param {Map<string, StageEntry>} stage
   */
  _build(participants, stage) {
    this._places.clear();
    /** @type {PluginModel[]} */
    const list = [];
    for (const [uuid, p] of participants) {
      this._places.set(uuid, list.length);
      list.push(this.model(p, stage.get(uuid)));
    }
    return list;
  }
}
