// Two (and more) people hold a controlled conference in `secure` through the web app's UI alone:
// they see each other, chat both ways, direct messages reach only their target, the host locks the
// meeting and admits a waiting guest, mutes the guest, and disconnects them.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startNode } from '../support/node.mjs';
import {
  inConference,
  joinByLink,
  joinThroughForm,
  launchAppBrowser,
  meetingControl,
  openPerson,
  participantAction,
  rosterEntry,
  sendChat,
  shot,
  showPanel,
} from './helpers/app-session.mjs';

describe('a controlled conference in the web app', { concurrency: false }, () => {
  /** @type {Awaited<ReturnType<typeof startNode>>} */
  let node;
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let host;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let guest;
  /** @type {import('./helpers/app-session.mjs').Person} */
  let carol;
  /** @type {import('./helpers/app-session.mjs').Person[]} */
  const people = [];

  before(async () => {
    node = await startNode();
    browser = await launchAppBrowser();
    host = await openPerson(browser, 'host');
    guest = await openPerson(browser, 'guest');
    carol = await openPerson(browser, 'carol');
    people.push(host, guest, carol);
  });

  after(async () => {
    await browser?.close();
    await node?.stop();
    const errors = people.flatMap((p) => p.errors);
    assert.deepEqual(errors, [], 'no page errors');
  });

  test('the host joins secure with the host PIN through the form, the guest with the guest PIN by link', async () => {
    await host.page.goto(`${node.url}/webapp2/`);
    await shot(host, 'home');
    await joinThroughForm(host, node.url, 'secure', 'Hannah Host', '1234');
    await inConference(host);
    assert.equal(await host.page.locator('.chip--role').textContent(), 'Host');
    assert.ok(await host.page.getByRole('button', { name: 'Meeting controls' }).isVisible());

    await joinByLink(guest, node.url, 'secure', 'Gary Guest', '5678');
    await inConference(guest);
    assert.equal(await guest.page.locator('.chip--role').textContent(), 'Guest');
    assert.equal(await guest.page.getByRole('button', { name: 'Meeting controls' }).isVisible(), false);
  });

  test('each sees the other in the roster and on stage', async () => {
    await rosterEntry(host, 'Gary Guest').waitFor();
    await showPanel(guest, 'participants');
    await rosterEntry(guest, 'Hannah Host').waitFor();
    const guestUuid = await guest.page.evaluate(() => window.PEX.selfUUID);
    const entry = host.page.locator(`.pex-roster-list__user[data-participant-uuid="${guestUuid}"]`);
    assert.equal(await entry.getAttribute('id'), guestUuid);
    assert.match(await entry.locator('.pex-roster-list__meta').textContent(), /Guest/);
    await host.page.locator(`#conference-stage-container .tile[data-participant-uuid="${guestUuid}"]`).waitFor();
    await guest.page.locator('#conference-stage-container .tile', { hasText: 'Hannah Host' }).waitFor();
    // The DOM contract plugins rely on.
    assert.equal(await host.page.locator('#pex-sidebar-container > div.pex-sidebar__list > pex-roster-list .pex-roster-list__container').count(), 1);
    assert.equal(await host.page.locator('#conference-container.sidebar-open').count(), 1);
    assert.equal(await host.page.locator('#selfviewVideo').count(), 1);
    assert.equal(await host.page.locator('#mainVideo').count(), 1);
    assert.equal(await host.page.evaluate(() => window.pexrtc === window.PEX.pexrtc && window.pexrtc.constructor.name), 'PexRTC');
    // The fake camera shows in the self-view.
    await host.page.waitForFunction(() => document.querySelector('#selfviewVideo')?.videoWidth > 0);
    await shot(host, 'conference-host');
    await shot(guest, 'conference-guest');
  });

  test('chat crosses both ways', async () => {
    await sendChat(host, 'Welcome, everyone! <b>not bold</b>');
    await showPanel(guest, 'chat');
    const received = guest.page.locator('.chat__message', { hasText: 'Welcome, everyone!' });
    await received.waitFor();
    assert.equal(await received.locator('.chat__sender').textContent(), 'Hannah Host');
    assert.equal(await received.locator('.chat__text').textContent(), 'Welcome, everyone! <b>not bold</b>');
    assert.equal(await guest.page.locator('.chat__text b').count(), 0, 'chat text is never markup');

    await sendChat(guest, 'Thanks, glad to be here.');
    await host.page.locator('.chat__message', { hasText: 'Thanks, glad to be here.' }).waitFor();
    await shot(guest, 'chat');
  });

  test('a direct message reaches only its target', async () => {
    await joinByLink(carol, node.url, 'secure', 'Carol Guest', '5678');
    await inConference(carol);
    await showPanel(carol, 'chat');
    await rosterEntry(host, 'Carol Guest').waitFor({ state: 'attached' });

    await participantAction(host, 'Gary Guest', 'Send direct message');
    assert.equal(await host.page.getByRole('combobox', { name: 'Send to' }).inputValue(), await guest.page.evaluate(() => window.PEX.selfUUID));
    await sendChat(host, 'Psst, Gary: only you can read this.');
    const dm = guest.page.locator('.chat__message--direct', { hasText: 'only you can read this' });
    await dm.waitFor();
    assert.equal(await dm.locator('.chat__direct').textContent(), 'Direct message');
    assert.match(await host.page.locator('.chat__message--own.chat__message--direct .chat__direct').textContent(), /Direct to Gary Guest/);
    await shot(host, 'chat-direct-message');

    // Carol sees the public messages but not the direct one.
    await carol.page.waitForTimeout(500);
    assert.equal(await carol.page.locator('.chat__message', { hasText: 'only you can read this' }).count(), 0);
    await carol.page.getByRole('button', { name: 'Leave meeting' }).click();
    await carol.page.locator('[data-screen="ended"][data-reason="left"]').waitFor();
    await shot(carol, 'left');
    await rosterEntry(host, 'Carol Guest').waitFor({ state: 'detached' });
  });

  test('the host locks the meeting, a third person waits, the host admits them', async () => {
    await showPanel(host, 'participants');
    await host.page.getByRole('button', { name: 'Meeting controls' }).click();
    await shot(host, 'menu-meeting-controls');
    await host.page.getByRole('menuitemcheckbox', { name: 'Lock meeting' }).click();
    await host.page.locator('.chip--warning', { hasText: 'Locked' }).waitFor();

    const dave = await openPerson(browser, 'dave');
    people.push(dave);
    await joinByLink(dave, node.url, 'secure', 'Dave Latecomer', '5678');
    await dave.page.locator('[data-screen="waiting"]').waitFor();
    await shot(dave, 'waiting-room');

    const waiting = host.page.locator('.roster-section--waiting');
    await waiting.locator('.pex-roster-list__user', { hasText: 'Dave Latecomer' }).waitFor();
    // Guests do not see who waits.
    assert.equal(await guest.page.locator('.pex-roster-list__user', { hasText: 'Dave Latecomer' }).count(), 0);
    await shot(host, 'conference-host-waiting-guest');
    await waiting.getByRole('button', { name: 'Admit Dave Latecomer' }).click();

    await inConference(dave);
    await rosterEntry(host, 'Dave Latecomer').waitFor();
    assert.equal(await host.page.locator('.roster-section--waiting').isVisible(), false);
    await showPanel(guest, 'participants');
    await rosterEntry(guest, 'Dave Latecomer').waitFor();

    await meetingControl(host, 'Lock meeting');
    await host.page.locator('.chip--warning', { hasText: 'Locked' }).waitFor({ state: 'hidden' });
    await dave.page.getByRole('button', { name: 'Leave meeting' }).click();
    await dave.page.locator('[data-screen="ended"]').waitFor();
  });

  test('the host mutes the guest and the guest sees it', async () => {
    await participantAction(host, 'Gary Guest', 'Mute microphone');
    await guest.page.locator('.toolbar-audio-off__button-container').waitFor();
    assert.equal(await guest.page.locator('.toolbar-audio-on__button-container').isVisible(), false);
    await guest.page.locator('.toast', { hasText: 'A host muted your microphone' }).waitFor();
    await rosterEntry(host, 'Gary Guest').locator('.badge--muted').waitFor();
    await rosterEntry(guest, 'Gary Guest').locator('.badge--muted').waitFor();
    await guest.page.locator('#conference-stage-container').waitFor();
    await shot(guest, 'conference-guest-muted');

    // The host lets the guest speak again.
    await participantAction(host, 'Gary Guest', 'Unmute microphone');
    await guest.page.locator('.toolbar-audio-on__button-container').waitFor();
  });

  test('the host mutes all guests; guests unmute only when allowed', async () => {
    await meetingControl(host, 'Mute all guests');
    await guest.page.locator('.toolbar-audio-off__button-container').waitFor();
    await guest.page.locator('.conference__chips .chip', { hasText: 'Guests muted' }).waitFor();
    await guest.page.getByRole('button', { name: /^Unmute microphone/ }).click();
    await guest.page.locator('.toast', { hasText: 'You cannot unmute yourself' }).waitFor();
    assert.equal(await guest.page.locator('.toolbar-audio-off__button-container').isVisible(), true);

    await meetingControl(host, 'Guests can unmute');
    await host.page.getByRole('button', { name: 'Meeting controls' }).click();
    assert.equal(await host.page.getByRole('menuitemcheckbox', { name: 'Guests can unmute' }).getAttribute('aria-checked'), 'true');
    await host.page.keyboard.press('Escape');
    await guest.page.waitForFunction(() => window.plugboardApp.session.status.guests_can_unmute === true);
    await guest.page.getByRole('button', { name: /^Unmute microphone/ }).click();
    await guest.page.locator('.toolbar-audio-on__button-container').waitFor();
    await rosterEntry(host, 'Gary Guest').locator('.badge--muted').waitFor({ state: 'detached' });

    await meetingControl(host, 'Mute all guests');
    await meetingControl(host, 'Guests can unmute');
    await guest.page.locator('.conference__chips .chip', { hasText: 'Guests muted' }).waitFor({ state: 'hidden' });
  });

  test('the guest mutes and unmutes their own microphone and camera, and raises a hand', async () => {
    await guest.page.getByRole('button', { name: 'Mute microphone' }).click();
    await rosterEntry(host, 'Gary Guest').locator('.badge--muted').waitFor();
    await guest.page.getByRole('button', { name: 'Unmute microphone' }).click();
    await rosterEntry(host, 'Gary Guest').locator('.badge--muted').waitFor({ state: 'detached' });

    await guest.page.getByRole('button', { name: 'Turn camera off' }).click();
    await rosterEntry(host, 'Gary Guest').locator('.badge--video-muted').waitFor();
    await guest.page.getByRole('button', { name: 'Turn camera on' }).click();
    await rosterEntry(host, 'Gary Guest').locator('.badge--video-muted').waitFor({ state: 'detached' });

    await guest.page.getByRole('button', { name: 'Raise hand' }).click();
    await rosterEntry(host, 'Gary Guest').locator('.badge--hand').waitFor();
    await host.page.locator('.toast', { hasText: 'Gary Guest raised their hand' }).waitFor();
    await host.page.locator('#conference-stage-container .tile', { hasText: 'Gary Guest' }).locator('.badge--hand').waitFor();
    await guest.page.getByRole('button', { name: 'Lower hand' }).click();
    await rosterEntry(host, 'Gary Guest').locator('.badge--hand').waitFor({ state: 'detached' });
  });

  test('host controls: spotlight, roles, layouts', async () => {
    await participantAction(host, 'Gary Guest', 'Spotlight');
    await rosterEntry(guest, 'Gary Guest').locator('.badge--spotlight').waitFor();
    await participantAction(host, 'Gary Guest', 'Remove spotlight');
    await rosterEntry(guest, 'Gary Guest').locator('.badge--spotlight').waitFor({ state: 'detached' });

    await participantAction(host, 'Gary Guest', 'Make host');
    await guest.page.getByRole('button', { name: 'Meeting controls' }).waitFor();
    await guest.page.locator('.toast', { hasText: 'You are now a host' }).waitFor();
    await participantAction(host, 'Gary Guest', 'Make guest');
    await guest.page.getByRole('button', { name: 'Meeting controls' }).waitFor({ state: 'hidden' });

    await host.page.getByRole('button', { name: 'Meeting controls' }).click();
    await host.page.getByRole('menuitem', { name: 'Change layout…' }).click();
    const dialog = host.page.getByRole('dialog', { name: 'Change layout' });
    await dialog.waitFor();
    await shot(host, 'dialog-layout');
    await dialog.locator('label[data-layout="4:0"]').click();
    await dialog.getByRole('button', { name: 'Apply layout' }).click();
    await guest.page.waitForFunction(() => document.querySelector('#conference-stage-container')?.dataset.layout === '4:0');

    await rosterEntry(host, 'Gary Guest').getByRole('button', { name: 'Actions for Gary Guest' }).click();
    await shot(host, 'menu-participant');
    await host.page.keyboard.press('Escape');
    await host.page.getByRole('menu').waitFor({ state: 'detached' });
  });

  test('the host transfers a guest to another meeting', async () => {
    const tina = await openPerson(browser, 'tina');
    people.push(tina);
    await joinByLink(tina, node.url, 'secure', 'Tina Traveller', '5678');
    await inConference(tina);
    await participantAction(host, 'Tina Traveller', 'Transfer…');
    const dialog = host.page.getByRole('dialog', { name: 'Transfer Tina Traveller' });
    await dialog.waitFor();
    await dialog.getByLabel('Meeting to join').fill('meet');
    await shot(host, 'dialog-transfer');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await tina.page.waitForURL(/\/webapp2\/conference\/meet$/);
    await tina.page.waitForFunction(() => document.querySelector('#conference-title')?.textContent === 'meet');
    await rosterEntry(host, 'Tina Traveller').waitFor({ state: 'detached' });
    await tina.page.getByRole('button', { name: 'Leave meeting' }).click();
  });

  test('the host disconnects the guest, who sees the reason', async () => {
    await participantAction(host, 'Gary Guest', 'Disconnect');
    const confirm = host.page.getByRole('dialog', { name: 'Disconnect Gary Guest?' });
    await confirm.waitFor();
    await shot(host, 'dialog-disconnect');
    await confirm.getByRole('button', { name: 'Disconnect' }).click();

    const ended = guest.page.locator('[data-screen="ended"][data-reason="removed"]');
    await ended.waitFor();
    assert.equal(await ended.locator('h1').textContent(), 'You were removed from the meeting');
    assert.equal(await ended.locator('.notice__reason').textContent(), 'Disconnected by another participant');
    await shot(guest, 'disconnected-by-host');
    await rosterEntry(host, 'Gary Guest').waitFor({ state: 'detached' });
  });
});
