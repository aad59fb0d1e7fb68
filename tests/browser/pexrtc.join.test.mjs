// pexrtc.js in headless Chromium against a real node with its demo rooms: the library's surface,
// joining with and without a PIN, failures, leaving, local media, and a page written the way
// Pexip's PexRTC tutorials are.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launchBrowser } from './helpers/browser.mjs';
import { startNode } from '../support/node.mjs';
import { CALLBACKS, openClient } from './helpers/pexrtc-page.mjs';
import { TUTORIAL_HTML, TUTORIAL_JS } from './helpers/pexrtc-tutorial.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Methods of pexrtc.md §2.3–2.5 (public and the internal ones apps are known to call). */
const METHODS = [
  'makeCall', 'requestToken', 'connect', 'disconnect', 'addCall', 'setMedia', 'disconnectCall',
  'renegotiate', 'clearLocalStream', 'handleError',
  'muteAudio', 'muteVideo', 'present', 'sendPresentationImage', 'getPresentation', 'stopPresentation',
  'getPresentationURL', 'sendDTMF', 'sendFECC', 'getMediaStatistics', 'getSecureCheckCode', 'getVersion',
  'getRosterList', 'holdresume', 'sendDTMFRequest', 'dtmfSent', 'sendFECCRequest', 'feccSent',
  'screenshareStopped', 'processRoster', 'processPresentation', 'processRefer', 'processConferenceUpdate',
  'processEvent', 'processBreakoutEvent', 'dataChannelMessage', 'gotImageChunk', 'tokenRequested',
  'refreshToken', 'createEventSource', 'sendRequest',
  'setConferenceLock', 'setMuteAllGuests', 'setGuestsCanUnmute', 'startConference', 'disconnectAll',
  'getParticipants', 'sendChatMessage', 'sendApplicationMessage', 'dialOut', 'overrideLayout',
  'transformLayout', 'getAvailableLayouts', 'getPinningConfig', 'setPinningConfig',
  'getClassificationLevel', 'setClassificationLevel', 'getMessageText', 'setMessageText',
  'clearSpotlights', 'clearAllBuzz', 'setParticipantMute', 'setParticipantTxMute',
  'setParticipantRxPresentation', 'setParticipantSpotlight', 'setParticipantText',
  'setParticipantStudioSound', 'setParticipantLayoutGroup', 'setRole', 'unlockParticipant',
  'holdParticipant', 'resumeParticipant', 'disconnectParticipant', 'transferParticipant', 'setBuzz',
  'clearBuzz', 'videoMuted', 'videoUnmuted', 'clientMute', 'clientUnmute', 'notifyNotAFK',
  'setPresentationInMix', 'showLiveCaptions', 'hideLiveCaptions', 'requestAspectRatio',
  'setSendToAudioMixes', 'setReceiveFromAudioMix', 'createBreakout', 'moveParticipantsFromBreakout',
  'closeBreakout', 'setBreakoutHand', 'leaveBreakout', 'moveToBreakout',
];

/** Constructor defaults of pexrtc.md §2.6. */
const DEFAULTS = {
  state: 'IDLE', client_id: 'PexRTC', pin: null, pin_status: 'none', audio_source: null,
  video_source: null, recv_audio: true, recv_video: true, user_media_stream: null,
  user_presentation_stream: null, default_stun: null, turn_server: null, registration_token: null,
  oneTimeToken: null, call_tag: null, screenshare_api: 'pexGetScreen', screenshare_fps: 15,
  powerLineFrequency: 0, force_hd: 720, xhr_timeout: 10000, h264_enabled: true, vp8_enabled: true,
  vp9_enabled: true, png_presentation: false, fecc_supported: false, ice_timeout: 10,
  use_trickle_ice: true, autoGainControl: true, echoCancellation: true, noiseSuppression: true,
  token: null, uuid: null, role: null, call: null, mutedAudio: false, mutedVideo: false,
  breakout_prefix: '', onHold: false,
};

let node;
let browser;

before(async () => {
  node = await startNode();
  browser = await launchBrowser({
    args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
});

after(async () => {
  await browser?.close();
  await node?.stop();
});

test('the node serves a classic script that defines the global PexRTC with its surface and defaults', async () => {
  const client = await openClient(browser, node);
  const surface = await client.page.evaluate(
    ([methods, callbacks]) => ({
      global: typeof window.PexRTC === 'function' && Object.prototype.hasOwnProperty.call(window, 'PexRTC'),
      constructorName: window.rtc.constructor.name,
      missingMethods: methods.filter((m) => typeof window.rtc[m] !== 'function'),
      undeclaredCallbacks: callbacks.filter((c) => !(c in new PexRTC())),
      fresh: new PexRTC(),
      onLog: typeof new PexRTC().onLog,
      chrome: new PexRTC().chrome_ver,
      version: window.rtc.getVersion(),
      statistics: window.rtc.getMediaStatistics(),
      secureCheckCode: window.rtc.getSecureCheckCode(),
      roster: window.rtc.getRosterList(),
      errorText: window.rtc.trans.ERROR_CONNECTING,
      urls: ['other.example.com:8443', location.host, 'http://10.0.0.1:8080'].map((nodeAddress) => {
        const rtc = new PexRTC();
        rtc.node = nodeAddress;
        rtc.conference_uri = 'room';
        return rtc.getPresentationURL().split('/api/')[0];
      }),
    }),
    [METHODS, CALLBACKS],
  );
  assert.equal(surface.global, true, 'PexRTC is a property of window');
  assert.equal(surface.constructorName, 'PexRTC');
  assert.deepEqual(surface.missingMethods, []);
  assert.deepEqual(surface.undeclaredCallbacks, []);
  for (const [name, value] of Object.entries(DEFAULTS)) {
    assert.deepEqual(surface.fresh[name], value, `default of ${name}`);
  }
  for (const callback of CALLBACKS) assert.equal(surface.fresh[callback], null, `${callback} starts unset`);
  assert.equal(surface.onLog, 'function');
  assert.ok(surface.chrome > 0, 'chrome_ver is detected');
  assert.equal(surface.version, 'Unknown');
  assert.deepEqual(surface.statistics, {});
  assert.equal(surface.secureCheckCode, '');
  assert.deepEqual(surface.roster, []);
  assert.equal(surface.errorText, 'Error connecting to conference');
  assert.deepEqual(
    surface.urls,
    ['https://other.example.com:8443', `http://${client.nodeHost}`, 'http://10.0.0.1:8080'],
    'https for other nodes, the page\'s protocol for its own host, a full origin as given',
  );
  await client.close();
});

test('joining a room without a PIN: onSetup(null, "none"), then onConnect() with no arguments, as host', async () => {
  const alice = await openClient(browser, node);
  await alice.call('makeCall', alice.nodeHost, 'meet', 'Alice', null, 'none');
  const setup = await alice.waitFor('onSetup');
  assert.deepEqual(setup, [null, 'none', null, null]);
  await alice.call('connect');
  const connectArgs = await alice.waitFor('onConnect');
  assert.deepEqual(connectArgs, [], 'onConnect gets no stream without a call');

  assert.match(await alice.prop('uuid'), UUID);
  assert.equal(await alice.prop('role'), 'HOST');
  assert.equal(await alice.prop('state'), 'ACTIVE');
  assert.equal(await alice.prop('conference'), 'meet');
  assert.equal(await alice.prop('display_name'), 'Alice');
  assert.equal(await alice.prop('node'), alice.nodeHost);
  assert.equal(await alice.prop('current_service_type'), 'conference');
  assert.equal(await alice.prop('chat_enabled'), true);
  assert.match(await alice.call('getVersion'), /^\S+ \(\S+\)$/);

  const [status] = await alice.waitFor('onConferenceUpdate');
  assert.equal(status.locked, false);
  const uuid = await alice.prop('uuid');
  const [self] = await alice.waitFor('onParticipantCreate', ([p]) => p.uuid === uuid);
  assert.equal(self.display_name, 'Alice');
  assert.equal(self.role, 'chair');
  const roster = await alice.call('getRosterList');
  assert.deepEqual(roster.map((p) => p.display_name), ['Alice']);
  await alice.close();
});

test('a room with a PIN: onSetup says "required"; the host PIN joins as HOST, the guest PIN as GUEST', async () => {
  const host = await openClient(browser, node);
  await host.call('makeCall', host.nodeHost, 'secure', 'Hostess', null, 'none');
  const [stream, pinStatus] = await host.waitFor('onSetup');
  assert.equal(stream, null);
  assert.equal(pinStatus, 'required');
  assert.equal(await host.prop('token'), null, 'no token before the PIN');
  await host.call('connect', '1234');
  await host.waitFor('onConnect', () => true, { failOn: ['onError'] });
  assert.equal(await host.prop('role'), 'HOST');

  const guest = await openClient(browser, node);
  await guest.join('secure', 'Guest', { pin: '5678' });
  assert.equal(await guest.prop('role'), 'GUEST');
  const guestUuid = await guest.prop('uuid');
  const [seen] = await host.waitFor('onParticipantCreate', ([p]) => p.uuid === guestUuid);
  assert.equal(seen.role, 'guest');
  await guest.close();
  await host.close();
});

test('a wrong PIN ends the attempt with onError carrying the reason, and no onConnect', async () => {
  const client = await openClient(browser, node);
  await client.call('makeCall', client.nodeHost, 'secure', 'Mallory', null, 'none');
  await client.waitFor('onSetup');
  await client.call('connect', '0000');
  const [reason] = await client.waitFor('onError');
  assert.equal(reason, 'Call Failed: Invalid PIN');
  assert.deepEqual(await client.calls('onConnect'), []);
  assert.equal(await client.prop('state'), 'IDLE');
  assert.equal(await client.prop('token'), null);
  await client.close();
});

test('an unknown room ends with onError naming it, before any onSetup', async () => {
  const client = await openClient(browser, node);
  await client.call('makeCall', client.nodeHost, 'no-such-room', 'Nobody', null, 'none');
  const [reason] = await client.waitFor('onError');
  assert.equal(reason, 'Call Failed: Neither conference nor gateway found');
  assert.deepEqual(await client.calls('onSetup'), []);
  await client.close();
});

test('disconnect() releases the token at once: the others see the participant leave', async () => {
  const alice = await openClient(browser, node);
  const bob = await openClient(browser, node);
  await alice.join('meet', 'Alice');
  await bob.join('meet', 'Bob');
  const bobUuid = await bob.prop('uuid');
  await alice.waitFor('onParticipantCreate', ([p]) => p.uuid === bobUuid);

  await bob.call('disconnect');
  const [gone] = await alice.waitFor('onParticipantDelete', ([p]) => p.uuid === bobUuid, { timeout: 3000 });
  assert.equal(gone.display_name, 'Bob', 'the deleted participant is reported with what was known of it');
  assert.equal(await bob.prop('state'), 'IDLE');
  assert.equal(await bob.prop('token'), null);
  assert.deepEqual(await bob.calls('onDisconnect'), [], 'leaving oneself is not a remote disconnect');
  await bob.close();
  await alice.close();
});

test('leaving the page releases the token (sendBeacon on pagehide): the others see it at once', async () => {
  const alice = await openClient(browser, node);
  const bob = await openClient(browser, node);
  await alice.join('meet', 'Alice');
  await bob.join('meet', 'Bob');
  const bobUuid = await bob.prop('uuid');
  await alice.waitFor('onParticipantCreate', ([p]) => p.uuid === bobUuid);

  await bob.page.goto('about:blank');
  // Tokens live 120 s here: only the release explains a prompt departure.
  await alice.waitFor('onParticipantDelete', ([p]) => p.uuid === bobUuid, { timeout: 3000 });
  await bob.close();
  await alice.close();
});

test('call type "video": the local camera and microphone reach onSetup for a preview; mutes reach the others', async () => {
  const viewer = await openClient(browser, node);
  await viewer.join('meet', 'Viewer');
  const alice = await openClient(browser, node, {
    contextOptions: { permissions: ['camera', 'microphone'] },
  });
  await alice.call('makeCall', alice.nodeHost, 'meet', 'Alice', 1024, 'video');
  const [local, pinStatus] = await alice.waitFor('onSetup');
  assert.deepEqual(local, { mediaStream: true, audio: 1, video: 1 });
  assert.equal(pinStatus, 'none');
  await alice.call('connect');
  const [remote] = await alice.waitFor('onConnect');
  assert.deepEqual(remote, { mediaStream: true, audio: 0, video: 0 }, 'no remote media without a media server');
  assert.equal(await alice.prop('bandwidth_in'), 1024);

  const uuid = await alice.prop('uuid');
  assert.equal(await alice.call('muteAudio', true), true);
  assert.equal(await alice.call('muteVideo', true), true);
  await viewer.waitFor('onParticipantUpdate', ([p]) => p.uuid === uuid && p.is_client_muted === true);
  await viewer.waitFor('onParticipantUpdate', ([p]) => p.uuid === uuid && p.is_video_muted === true);
  const tracksEnabled = await alice.page.evaluate(() =>
    window.rtc.call.localStream.getTracks().map((t) => t.enabled),
  );
  assert.deepEqual(tracksEnabled, [false, false], 'the local tracks are switched off');
  assert.equal(await alice.call('muteAudio'), false, 'muteAudio() toggles');

  const trackStates = await alice.page.evaluate(() => {
    const local = window.rtc.call.localStream;
    window.rtc.disconnect();
    return local.getTracks().map((t) => t.readyState);
  });
  assert.deepEqual(trackStates, ['ended', 'ended'], 'leaving turns the camera and microphone off');
  await alice.close();
  await viewer.close();
});

test('a transferred video call keeps its camera: the same local tracks reach onSetup in the new room', async () => {
  const host = await openClient(browser, node);
  await host.join('meet', 'Mover');
  const alice = await openClient(browser, node, {
    contextOptions: { permissions: ['camera', 'microphone'] },
  });
  await alice.join('meet', 'Alice', { callType: 'video' });
  const before = await alice.page.evaluate(() => window.rtc.call.localStream.getTracks().map((t) => t.id));
  const since = await alice.mark();
  await host.call('transferParticipant', await alice.prop('uuid'), 'secure', 'guest');
  assert.deepEqual(await alice.waitFor('onCallTransfer', () => true, { since }), ['secure']);
  const [local] = await alice.waitFor('onSetup', () => true, { since });
  assert.deepEqual(local, { mediaStream: true, audio: 1, video: 1 });
  const after = await alice.page.evaluate(() =>
    window.rtc.call.localStream.getTracks().map((t) => t.readyState === 'live' && t.id),
  );
  assert.deepEqual(after, before, 'no new camera prompt, no camera flicker');
  await alice.call('connect');
  await alice.waitFor('onConnect', () => true, { since });
  assert.equal(await alice.prop('conference'), 'secure');
  assert.equal(await alice.prop('role'), 'GUEST');
  await alice.close();
  await host.close();
});

test('call type "audioonly" asks for the microphone only', async () => {
  const client = await openClient(browser, node, {
    contextOptions: { permissions: ['microphone'] },
  });
  await client.call('makeCall', client.nodeHost, 'meet', 'Caller', null, 'audioonly');
  const [local] = await client.waitFor('onSetup');
  assert.deepEqual(local, { mediaStream: true, audio: 1, video: 0 });
  await client.call('connect');
  await client.waitFor('onConnect');
  await client.close();
});

test('a camera the browser does not grant does not fail the call: onSetup gets null and the join goes on', async () => {
  const client = await openClient(browser, node, {
    initScript: `navigator.mediaDevices.getUserMedia = function () {
      return Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    };`,
  });
  await client.call('makeCall', client.nodeHost, 'meet', 'Shy', null, 'video');
  const [local, pinStatus] = await client.waitFor('onSetup');
  assert.equal(local, null);
  assert.equal(pinStatus, 'none');
  await client.call('connect');
  await client.waitFor('onConnect', () => true, { failOn: ['onError'] });
  assert.equal(await client.prop('state'), 'ACTIVE');
  await client.close();
});

test('a page written for Pexip\'s PexRTC (tutorial style) joins, shows the roster, chats and hangs up', async () => {
  const files = { 'tutorial.html': TUTORIAL_HTML, 'tutorial.js': TUTORIAL_JS };
  const alice = await openClient(browser, node, { files, page: 'tutorial.html' });
  const bob = await openClient(browser, node, { files, page: 'tutorial.html' });

  await joinFromTutorial(alice, 'secure', 'Alice', '1234');
  await joinFromTutorial(bob, 'secure', 'Bob', '5678');
  await expectText(alice.page, '#conference-title', 'secure (HOST)');
  await expectText(bob.page, '#conference-title', 'secure (GUEST)');
  await expectList(alice.page, '#participants li', ['Alice', 'Bob']);
  await expectList(bob.page, '#participants li', ['Alice', 'Bob']);

  await alice.page.fill('#message', 'Welcome, Bob');
  await alice.page.click('#send');
  await expectList(bob.page, '#chat li', ['Alice: Welcome, Bob']);
  await bob.page.fill('#message', 'Thanks!');
  await bob.page.click('#send');
  await expectList(alice.page, '#chat li', ['Alice: Welcome, Bob', 'Bob: Thanks!']);

  await bob.page.click('#hangup');
  await expectText(bob.page, '#status', 'You left the conference');
  await expectList(alice.page, '#participants li', ['Alice']);
  await bob.close();
  await alice.close();
});

test('the tutorial page shows the node\'s reason for a wrong PIN', async () => {
  const files = { 'tutorial.html': TUTORIAL_HTML, 'tutorial.js': TUTORIAL_JS };
  const client = await openClient(browser, node, { files, page: 'tutorial.html' });
  await joinFromTutorial(client, 'secure', 'Eve', '9999');
  await expectText(client.page, '#status', 'Call Failed: Invalid PIN');
  await client.close();
});

/**
 * Fills the tutorial's join form and, when asked, its PIN form, as a person would.
 * @param {import('./helpers/pexrtc-page.mjs').Client} client
 * @param {string} conference
 * @param {string} name
 * @param {string} pin
 */
async function joinFromTutorial(client, conference, name, pin) {
  const { page } = client;
  await page.fill('#node', client.nodeHost);
  await page.fill('#conference', conference);
  await page.fill('#name', name);
  await page.click('#join');
  await page.waitForSelector('#pin-form:not([hidden])');
  await page.fill('#pin', pin);
  await page.click('#enter-pin');
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @param {string} text
 */
async function expectText(page, selector, text) {
  await page.waitForFunction(
    ([s, t]) => document.querySelector(s)?.textContent === t,
    [selector, text],
    { timeout: 10_000 },
  ).catch(async () => {
    const actual = await page.textContent(selector);
    assert.equal(actual, text, `text of ${selector}`);
  });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @param {string[]} texts
 */
async function expectList(page, selector, texts) {
  await page.waitForFunction(
    ([s, t]) => JSON.stringify([...document.querySelectorAll(s)].map((e) => e.textContent)) === JSON.stringify(t),
    [selector, texts],
    { timeout: 10_000 },
  ).catch(async () => {
    const actual = await page.$$eval(selector, (elements) => elements.map((e) => e.textContent));
    assert.deepEqual(actual, texts, `entries of ${selector}`);
  });
}
