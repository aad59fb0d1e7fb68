// Pexip's published client, @pexip/infinity-api (pinned at 20.0.0 in tests/package.json).
//
// Every endpoint function of the package validates the request body before sending and the
// response after receiving it with the package's own JSON-schema validators, and throws
// `ValidationError` (invalid body or response) or `NonJSONResponseError` (response whose
// content type is not application/json) or `Error('Unexpected status N')`. A test that awaits
// one of these functions therefore fails when the node answers anything Pexip's client would
// not accept.

import { register } from 'node:module';

register('./resolve-hooks.mjs', import.meta.url);

/** The package's index: endpoint functions, `withToken`, `withPin`, error classes. */
export const api = await import('@pexip/infinity-api/dist/index.js');
/** Validators of conference-level responses (used for SSE payloads). */
export const conferenceValidation = await import(
  '@pexip/infinity-api/dist/conference/validation.js'
);

/**
 * Validates `data` with one of the package's validators, failing with its errors.
 * @param {Function & {errors?: unknown}} validator e.g. conferenceValidation.validateParticipants200
 * @param {unknown} data
 * @param {string} what description for the error message
 */
export function mustValidate(validator, data, what) {
  if (!validator(data)) {
    const error = new Error(
      `${what} is rejected by Pexip's validator: ${JSON.stringify(validator.errors)}\n` +
        `data: ${JSON.stringify(data)}`,
    );
    error.name = 'ValidationError';
    throw error;
  }
}

/** A participant object as sent in `participants` and `participant_create/update` events. */
export function validateParticipant(participant, what = 'participant') {
  mustValidate(
    conferenceValidation.validateParticipants200,
    { status: 'success', result: [participant] },
    what,
  );
}

/** A conference status as sent by `conference_status` and `conference_update` events. */
export function validateConferenceStatus(status, what = 'conference status') {
  mustValidate(
    conferenceValidation.validateConferenceStatus200,
    { status: 'success', result: status },
    what,
  );
}
