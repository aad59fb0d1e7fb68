// The web app's screens outside the happy path, its DOM contract and its manners: a wrong PIN and an
// unknown room show their screens, names and chat are text (never markup), `window.PEX`, keyboard use,
// Settings → Plugins, and a phone-sized screen.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startNode } from '../support/node.mjs';
import { restJoin } from './helpers/pexrtc-rest.mjs';
import {
  inConference,
  joinByLink,
  joinThroughForm,
  launchAppBrowser,
  openPerson,
  rosterEntry,
  shot,
  showPanel,
} from './helpers/app-session.mjs';

describe('web app screens', { concurrency: false }, () => {
  /** @type {Awaited<ReturnType<typeof startNode>>} */
  let node;
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {import('./helpers/app-session.mjs').Person[]} */
  const people = [];
  /** @param {string} label @param {object} [viewport] */
  const person = async (label, viewport) => {
    const p = await openPerson(browser, label, viewport);
    people.push(p);
    return p;
  };

  before(async () => {
    node = await startNode();
    browser = await launchAppBrowser();
  });

  after(async () => {
    await browser?.close();
    await node?.stop();
    assert.deepEqual(people.flatMap((p) => p.errors), [], 'no page errors');
  });

  test('the PIN prompt, then a wrong PIN shows its screen and Try again asks again', async () => {
    const p = await person('wrong-pin');
    await p.page.goto(`${node.url}/webapp2/`);
    await p.page.getByLabel('Meeting', { exact: true }).fill('secure');
    await p.page.getByLabel('Your name').fill('Pat');
    await p.page.getByRole('button', { name: 'Join meeting' }).click();
    await p.page.locator('main[data-screen="pin"]').waitFor();
    assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'pin-input', 'the PIN field has focus');
    await shot(p, 'pin');
    await p.page.getByLabel('PIN', { exact: true }).fill('0000');
    await p.page.keyboard.press('Enter');
    const error = p.page.locator('main[data-screen="error"][data-reason="invalid-pin"]');
    await error.waitFor();
    assert.equal(await error.locator('h1').textContent(), 'That PIN is not right');
    assert.match(await error.locator('.notice__reason').textContent(), /Invalid PIN/i);
    await shot(p, 'error-invalid-pin');
    await p.page.getByRole('button', { name: 'Try again' }).click();
    await p.page.locator('main[data-screen="pin"]').waitFor();
    await p.page.getByLabel('PIN', { exact: true }).fill('5678');
    await p.page.keyboard.press('Enter');
    await inConference(p);
    await p.page.getByRole('button', { name: 'Leave meeting' }).click();
    await p.page.locator('main[data-screen="ended"][data-reason="left"]').waitFor();
  });

  test('an unknown room shows "Meeting not found"', async () => {
    const p = await person('unknown');
    await joinByLink(p, node.url, 'no-such-room', 'Pat');
    const error = p.page.locator('main[data-screen="error"][data-reason="not-found"]');
    await error.waitFor();
    assert.equal(await error.locator('h1').textContent(), 'Meeting not found');
    await shot(p, 'error-not-found');
    await p.page.getByRole('button', { name: 'Change meeting' }).click();
    await p.page.locator('main[data-screen="home"]').waitFor();
    assert.equal(await p.page.getByLabel('Meeting', { exact: true }).inputValue(), 'no-such-room');
    assert.equal(await p.page.getByLabel('Your name').inputValue(), 'Pat', 'the name is remembered');
  });

  test('the home form asks for what is missing', async () => {
    const p = await person('form');
    await p.page.goto(`${node.url}/webapp2/`);
    await p.page.getByRole('button', { name: 'Join meeting' }).click();
    await p.page.getByRole('alert').filter({ hasText: 'Enter the meeting you want to join.' }).waitFor();
    assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'join-alias');
  });

  test('window.PEX, relative URLs and the action stream', async () => {
    const p = await person('pex');
    await p.page.goto(`${node.url}/webapp2/conference/meet?name=Pia&join=1&custom=42`);
    await p.page.evaluate(() => {
      window.seen = [];
      window.PEX.actions$.ofType('[Chat] Receive Message').map((a) => a.payload.payload).subscribe((m) => window.seen.push(m));
    });
    await inConference(p);
    const pex = await p.page.evaluate(() => ({
      self: window.PEX.selfUUID === window.pexrtc.uuid,
      sameClient: window.PEX.pexrtc === window.pexrtc,
      ctor: window.pexrtc.constructor.name,
      query: window.PEX.conferenceQueryParams,
      constants: Object.keys(window.PEX.actions),
      relative: new URL('custom_configuration/settings.json', document.baseURI).pathname,
    }));
    assert.equal(pex.self, true);
    assert.equal(pex.sameClient, true);
    assert.equal(pex.ctor, 'PexRTC');
    assert.equal(pex.query.custom, '42');
    for (const c of ['SEND_CHAT_MESSAGE', 'RECEIVE_CHAT_MESSAGE', 'SELECT_EVENT', 'PARTICIPANT_CONNECT_SUCCESS', 'PARTICIPANT_DISCONNECT_SUCCESS', 'DISCONNECT_SUCCESS']) {
      assert.ok(pex.constants.includes(c), c);
    }
    assert.equal(pex.relative, '/webapp2/custom_configuration/settings.json');

    // A plugin-style mute through the action stream mutes the app's own microphone.
    await p.page.evaluate(() => window.PEX.dispatchAction({ type: '[Conference] Mute Microphone' }));
    await p.page.locator('.toolbar-audio-off__button-container').waitFor();
    await p.page.evaluate(() => window.PEX.dispatchAction({ type: '[Conference] Unmute Microphone' }));
    await p.page.locator('.toolbar-audio-on__button-container').waitFor();

    // Chat received over REST reaches plugins as RECEIVE_CHAT_MESSAGE.
    const bob = await restJoin(node.url, 'meet', 'Bob');
    await bob.post('message', { type: 'text/plain', payload: 'hello from Bob' });
    await p.page.waitForFunction(() => window.seen.includes('hello from Bob'));
    await bob.leave();
    await p.page.getByRole('button', { name: 'Leave meeting' }).click();
  });

  test('names and chat from others are text, never markup', async () => {
    const p = await person('escape');
    await joinByLink(p, node.url, 'meet', 'Eve');
    await inConference(p);
    const evil = '<img src=x onerror="window.pwned=1">Mallory';
    const mallory = await restJoin(node.url, 'meet', evil);
    await rosterEntry(p, 'Mallory').waitFor();
    await mallory.post('message', { type: 'text/plain', payload: '<script>window.pwned=2</script><i>hi</i>' });
    await showPanel(p, 'chat');
    await p.page.locator('.chat__text', { hasText: '<script>' }).waitFor();
    assert.equal(await p.page.locator('.pex-roster-list__name', { hasText: 'Mallory' }).textContent(), evil);
    assert.equal(await p.page.locator('#app img, #app script, .chat__text i').count(), 0);
    assert.equal(await p.page.evaluate(() => window.pwned), undefined);
    await mallory.leave();
    await p.page.getByRole('button', { name: 'Leave meeting' }).click();
  });

  test('keyboard: S toggles the sidebar, menus open and close with the keyboard', async () => {
    const p = await person('keyboard');
    await joinByLink(p, node.url, 'meet', 'Kim');
    await inConference(p);
    const other = await restJoin(node.url, 'meet', 'Lee');
    await rosterEntry(p, 'Lee').waitFor();
    const container = p.page.locator('#conference-container');
    assert.match(await container.getAttribute('class'), /sidebar-open/);
    await p.page.locator('body').press('s');
    assert.doesNotMatch(await container.getAttribute('class'), /sidebar-open/);
    await p.page.locator('body').press('S');
    assert.match(await container.getAttribute('class'), /sidebar-open/);

    // Every button has an accessible name.
    const unnamed = await p.page.evaluate(() =>
      [...document.querySelectorAll('button, [role="tab"], input, select, textarea')]
        .filter((el) => el.checkVisibility?.() !== false)
        .filter((el) => {
          const label = el.getAttribute('aria-label') || el.textContent?.trim() || (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim()) || el.getAttribute('title');
          return !label;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(unnamed, []);

    // The meeting controls menu works from the keyboard.
    await p.page.getByRole('button', { name: 'Meeting controls' }).focus();
    await p.page.keyboard.press('Enter');
    const menu = p.page.getByRole('menu', { name: 'Meeting controls' });
    await menu.waitFor();
    assert.equal(await p.page.evaluate(() => document.activeElement?.getAttribute('role')), 'menuitemcheckbox');
    await p.page.keyboard.press('ArrowDown');
    await p.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    assert.equal(await p.page.evaluate(() => document.activeElement?.id), 'meeting-controls-button');
    await other.leave();
    await p.page.getByRole('button', { name: 'Leave meeting' }).click();
  });

  test('Settings has a Plugins page listing the branding\'s plugins', async () => {
    const p = await person('settings');
    await joinByLink(p, node.url, 'meet', 'Sam');
    await inConference(p);
    await p.page.getByRole('button', { name: 'Settings' }).click();
    const dialog = p.page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    await p.page.waitForFunction(() => [...document.querySelectorAll('#settings-camera option')].some((o) => o.value));
    await shot(p, 'settings-devices');
    await dialog.getByRole('tab', { name: 'Plugins' }).click();
    await dialog.locator('[data-settings-page="plugins"]').waitFor();
    assert.equal(await dialog.locator('[data-plugin-list]').count(), 1);
    // The example branding's plugins (tests/browser/plugins.*.test.mjs look at them closely).
    await dialog.locator('[data-plugin-id][data-plugin-status="loaded"]').first().waitFor();
    assert.equal(await dialog.getByText('No plugins are installed.').count(), 0);
    await shot(p, 'settings-plugins');
    await p.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await p.page.getByRole('button', { name: 'Leave meeting' }).click();
  });

  test('a phone-sized screen: join, stage, roster and chat', async () => {
    const phone = { width: 390, height: 844, isMobile: true };
    const p = await person('phone', phone);
    await p.page.goto(`${node.url}/webapp2/`);
    await shot(p, 'phone-home');
    const friends = await Promise.all(['Ana', 'Ben', 'Cy'].map((n) => restJoin(node.url, 'meet', n)));
    await joinThroughForm(p, node.url, 'meet', 'Phoebe Phone');
    await inConference(p);
    await p.page.locator('#conference-stage-container .tile', { hasText: 'Cy' }).waitFor();
    const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'nothing is wider than the phone');
    assert.doesNotMatch(await p.page.locator('#conference-container').getAttribute('class'), /sidebar-open/, 'the sidebar starts closed on a phone');
    await shot(p, 'phone-conference');
    await p.page.getByRole('button', { name: 'Participants', exact: true }).click();
    await rosterEntry(p, 'Ben').waitFor();
    await shot(p, 'phone-roster');
    await friends[0].post('message', { type: 'text/plain', payload: 'Hi Phoebe, can you hear us?' });
    await p.page.locator('#sidebar-tab-chat').click();
    await p.page.locator('.chat__message', { hasText: 'can you hear us' }).waitFor();
    await p.page.getByRole('textbox', { name: 'Message' }).fill('Loud and clear!');
    await p.page.keyboard.press('Enter');
    await p.page.locator('.chat__message--own', { hasText: 'Loud and clear!' }).waitFor();
    await shot(p, 'phone-chat');
    for (const f of friends) await f.leave();
  });
});
