// What the app and plugins make of the server's objects: participants, conference status, layouts,
// and the human wording of the server's reasons.

/**
 * A participant as the server sends it (client REST API §7.2); only the fields the app reads.
 * @typedef {{
 *   uuid: string, display_name?: string, overlay_text?: string, uri?: string, role?: string,
 *   protocol?: string, service_type?: string, start_time?: number, buzz_time?: number, spotlight?: number,
 *   is_muted?: string, is_client_muted?: boolean, is_presenting?: string, is_video_call?: string,
 *   is_audio_only_call?: string, is_video_muted?: boolean, is_streaming_conference?: boolean,
 *   is_external?: boolean, mute_supported?: string, transfer_supported?: string,
 *   disconnect_supported?: string, fecc_supported?: string, rx_presentation_policy?: string,
 *   supports_direct_chat?: boolean, call_direction?: string, has_media?: boolean
 * }} RawParticipant
 */

/**
 * The conference status (client REST API §3.1).
 * @typedef {{locked?: boolean, guests_muted?: boolean, started?: boolean, guests_can_unmute?: boolean,
 *   all_muted?: boolean, guests_can_present?: boolean, direct_media?: boolean}} ConferenceStatus
 */

/** @param {RawParticipant} p */
export function displayName(p) {
  const name = p.display_name || p.overlay_text || (p.uri ?? '').replace(/^sip:/, '');
  return name || 'Unnamed participant';
}

/** @param {RawParticipant} p */
export const isHost = (p) => p.role === 'chair';
/** @param {RawParticipant} p */
export const isWaiting = (p) => p.service_type === 'waiting_room';
/** @param {RawParticipant} p */
export const isConnecting = (p) => p.service_type === 'connecting' || p.service_type === 'ivr';
/** @param {RawParticipant} p */
export const isMuted = (p) => p.is_muted === 'YES' || p.is_client_muted === true;
/** @param {RawParticipant} p */
export const isAdminMuted = (p) => p.is_muted === 'YES';
/** @param {RawParticipant} p */
export const isVideoMuted = (p) => p.is_video_muted === true;
/** @param {RawParticipant} p */
export const handRaised = (p) => (p.buzz_time ?? 0) > 0;
/** @param {RawParticipant} p */
export const isSpotlit = (p) => (p.spotlight ?? 0) > 0;
/** @param {RawParticipant} p */
export const isPresenting = (p) => p.is_presenting === 'YES';
/** @param {RawParticipant} p */
export const isStreaming = (p) => p.is_streaming_conference === true;

/** @param {RawParticipant} p */
export function callType(p) {
  if (p.is_audio_only_call === 'YES') return 'audio';
  if (p.is_video_call === 'YES') return 'video';
  return 'api';
}

/**
 * The participant as Webapp2 plugins see it (`participants$`, menu actions; webapp2-compat §4).
 * @param {RawParticipant} p
 * @param {{vad?: number, stageIndex?: number}} [stage]
 */
export function pluginParticipant(p, stage = {}) {
  const admitted = p.service_type === 'conference' || p.service_type === 'lecture';
  return {
    uuid: p.uuid,
    name: displayName(p),
    role: p.role === 'chair' ? 'chair' : 'guest',
    uri: p.uri ?? '',
    startTime: p.start_time ?? 0,
    protocol: p.protocol ?? '',
    isExternal: Boolean(p.is_external),
    presenting: isPresenting(p),
    muted: isMuted(p),
    canControl: admitted && p.role === 'chair',
    canDisconnect: p.disconnect_supported !== 'NO',
    canTransfer: p.transfer_supported !== 'NO',
    canMute: p.mute_supported !== 'NO',
    serviceType: p.service_type ?? '',
    callType: callType(p),
    spotlight: p.spotlight ?? 0,
    isStreaming: isStreaming(p),
    vad: stage.vad ?? 0,
    stageIndex: stage.stageIndex ?? -1,
    rxPresentation: p.rx_presentation_policy !== 'DENY',
    feccSupported: p.fecc_supported === 'YES',
    buzzTime: p.buzz_time ?? 0,
    isVideoMuted: isVideoMuted(p),
    displayName: displayName(p),
    overlayText: p.overlay_text ?? '',
    isClientMuted: Boolean(p.is_client_muted),
  };
}

/**
 * The conference as Webapp2 plugins see it (`conferenceDetails$`).
 * @param {ConferenceStatus} status
 * @param {{chatEnabled: boolean, mediaType: string}} extra
 */
export function pluginConferenceDetails(status, extra) {
  return {
    locked: Boolean(status.locked),
    guestsMuted: Boolean(status.guests_muted),
    chatEnabled: extra.chatEnabled,
    mediaType: extra.mediaType,
    started: Boolean(status.started),
    guestsCanUnmute: Boolean(status.guests_can_unmute),
  };
}

/**
 * Layouts by the names `available_layouts` uses, with words for people.
 * @type {Record<string, {name: string, main: number, small: number}>}
 */
const LAYOUTS = {
  '1:0': { name: 'Speaker only', main: 1, small: 0 },
  '1:7': { name: 'Speaker and 7', main: 1, small: 7 },
  '1:21': { name: 'Speaker and 21', main: 1, small: 21 },
  '2:21': { name: 'Two speakers and 21', main: 2, small: 21 },
  '1:33': { name: 'Speaker and 33', main: 1, small: 33 },
  '4:0': { name: 'Grid of 4', main: 4, small: 0 },
  '9:0': { name: 'Grid of 9', main: 9, small: 0 },
  '16:0': { name: 'Grid of 16', main: 16, small: 0 },
  '25:0': { name: 'Grid of 25', main: 25, small: 0 },
  '5:7': { name: 'Five and 7', main: 5, small: 7 },
  ac: { name: 'Adaptive', main: 9, small: 0 },
  teams: { name: 'Teams-style gallery', main: 9, small: 0 },
};

/**
 * @param {string | {name: string}} layout an entry of `available_layouts`
 * @returns {{id: string, name: string, main: number, small: number}}
 */
export function layoutInfo(layout) {
  const id = typeof layout === 'string' ? layout : String(layout?.name ?? '');
  const known = LAYOUTS[id];
  if (known) return { id, ...known };
  const m = /^(\d+):(\d+)$/.exec(id);
  if (m) {
    const main = Number(m[1]);
    const small = Number(m[2]);
    return { id, name: small ? `${main} large and ${small} small` : `Grid of ${main}`, main, small };
  }
  return { id, name: id, main: 9, small: 0 };
}

/**
 * A failure, in words: what kind it is (for tests and styling), a title and an explanation.
 * @typedef {{kind: string, title: string, message: string, detail: string}} Failure
 */

/**
 * Why joining failed, from PexRTC's `onError` reason.
 * @param {string} reason
 * @returns {Failure}
 */
export function joinFailure(reason) {
  const detail = String(reason ?? '').replace(/^Call Failed:\s*/i, '');
  const text = detail.toLowerCase();
  if (text.includes('invalid pin')) {
    return {
      kind: 'invalid-pin',
      title: 'That PIN is not right',
      message: 'The PIN you entered does not open this meeting. Check it with the person who invited you and try again.',
      detail,
    };
  }
  if (text.includes('neither conference nor gateway found') || text.includes('not found')) {
    return {
      kind: 'not-found',
      title: 'Meeting not found',
      message: 'There is no meeting at this address. Check the meeting name and try again.',
      detail,
    };
  }
  if (text.includes('participant limit')) {
    return { kind: 'full', title: 'This meeting is full', message: 'The meeting has reached its participant limit. Try again later.', detail };
  }
  if (text.includes('invalid role')) {
    return { kind: 'invalid-role', title: 'You cannot join in that role', message: 'This meeting does not accept guests.', detail };
  }
  if (text.includes('error connecting') || text.includes('failed to fetch') || text.includes('network')) {
    return {
      kind: 'network',
      title: 'Cannot reach the meeting',
      message: 'The connection to the meeting server failed. Check your network and try again.',
      detail,
    };
  }
  return { kind: 'error', title: 'Something went wrong', message: 'The meeting could not continue.', detail };
}

/**
 * Why the server ended the participant's session, from PexRTC's `onDisconnect` reason.
 * @param {string} reason
 * @returns {Failure}
 */
export function disconnectFailure(reason) {
  const detail = String(reason ?? '');
  const text = detail.toLowerCase();
  if (text.includes('conference terminated')) {
    return { kind: 'ended', title: 'The meeting has ended', message: 'A host ended the meeting for everyone.', detail };
  }
  if (text.includes('disconnected by another participant') || text.includes('remote host') || text.includes('remotely disconnected')) {
    return { kind: 'removed', title: 'You were removed from the meeting', message: 'A host disconnected you.', detail };
  }
  if (text.includes('timeout waiting for conference host')) {
    return {
      kind: 'not-admitted',
      title: 'Nobody let you in',
      message: 'The meeting is locked and no host admitted you in time.',
      detail,
    };
  }
  if (text.includes('token')) {
    return { kind: 'expired', title: 'Your connection expired', message: 'The app lost contact with the meeting for too long.', detail };
  }
  if (text.includes('api initiated participant disconnect')) {
    return { kind: 'left', title: 'You left the meeting', message: 'You can join again whenever you are ready.', detail };
  }
  return { kind: 'disconnected', title: 'You were disconnected', message: 'The meeting server ended your session.', detail };
}
