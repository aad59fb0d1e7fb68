// The conference as observable state for plugins (`participants$`, `conferenceDetails$`), kept across
// joins so that late subscribers always get the current value.

import { BehaviorSubject } from './observable.js';

/** @type {BehaviorSubject<ReturnType<typeof import('./model.js').pluginParticipant>[]>} */
export const participants$ = new BehaviorSubject(/** @type {any[]} */ ([]));

/** @type {BehaviorSubject<ReturnType<typeof import('./model.js').pluginConferenceDetails> | {}>} */
export const conferenceDetails$ = new BehaviorSubject({});
