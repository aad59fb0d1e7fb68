// Settings: camera and microphone, the Plugins page (filled by the plugin host through `extensions`),
// and About. Each plugin entry is `[data-plugin-id][data-plugin-status]`.

import { h, icon } from './dom.js';
import { extensions } from './extensions.js';
import { openDialog } from './ui/dialog.js';

/** @typedef {import('./session.js').Session} Session */
/** @typedef {import('./media.js').LocalMedia} LocalMedia */

/** @type {'devices' | 'plugins' | 'about'} */
let lastPage = 'devices';

/**
 * @param {{session?: Session | null, media?: LocalMedia | null, page?: 'devices' | 'plugins' | 'about'}} context
 */
export function openSettings({ session = null, media = null, page }) {
  const pages = /** @type {const} */ ([
    ['devices', 'Devices', 'video'],
    ['plugins', 'Plugins', 'plug'],
    ['about', 'About', 'info'],
  ]);
  const current = page ?? lastPage;
  const nav = h('div', { class: 'settings__nav', role: 'tablist', 'aria-label': 'Settings sections', 'aria-orientation': 'vertical' });
  const panels = h('div', { class: 'settings__panels' });
  /** @type {Record<string, {tab: HTMLButtonElement, panel: HTMLElement}>} */
  const parts = {};
  /** @type {(() => void)[]} */
  const cleanups = [];

  for (const [id, label, iconName] of pages) {
    const tab = h(
      'button',
      { type: 'button', role: 'tab', class: 'settings__tab', id: `settings-tab-${id}`, 'aria-controls': `settings-page-${id}`, dataset: { settingsTab: id } },
      icon(iconName),
      h('span', { text: label }),
    );
    const panel = h('section', {
      class: 'settings__page',
      id: `settings-page-${id}`,
      role: 'tabpanel',
      'aria-labelledby': `settings-tab-${id}`,
      dataset: { settingsPage: id },
    });
    tab.addEventListener('click', () => show(id));
    nav.appendChild(tab);
    panels.appendChild(panel);
    parts[id] = { tab, panel };
  }
  nav.addEventListener('keydown', (e) => {
    const ids = pages.map((p) => p[0]);
    const at = ids.indexOf(/** @type {any} */ (lastPage));
    let next = -1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = (at + 1) % ids.length;
    if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = (at - 1 + ids.length) % ids.length;
    if (next >= 0) {
      e.preventDefault();
      show(ids[next]);
      parts[ids[next]].tab.focus();
    }
  });

  renderDevices(parts.devices.panel, media, cleanups);
  renderPlugins(parts.plugins.panel);
  cleanups.push(extensions.on('plugins', () => renderPlugins(parts.plugins.panel)));
  renderAbout(parts.about.panel, session);

  /** @param {string} id */
  function show(id) {
    lastPage = /** @type {any} */ (id);
    for (const [key, { tab, panel }] of Object.entries(parts)) {
      const selected = key === id;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      panel.hidden = !selected;
    }
  }
  show(current);

  const ref = openDialog({
    title: 'Settings',
    className: 'pex-dialog--settings',
    body: h('div', { class: 'settings' }, nav, panels),
    initialFocus: `#settings-tab-${current}`,
  });
  ref.closed.then(() => cleanups.forEach((c) => c()));
  return ref;
}

/**
 * @param {HTMLElement} panel
 * @param {LocalMedia | null} media
 * @param {(() => void)[]} cleanups
 */
function renderDevices(panel, media, cleanups) {
  panel.append(h('h3', { class: 'settings__title', text: 'Camera and microphone' }));
  if (!media) {
    panel.append(h('p', { class: 'settings__text', text: 'Your camera and microphone are set up when you join a meeting.' }));
    return;
  }
  const camera = h('select', { class: 'pex-text-input', id: 'settings-camera' });
  const mic = h('select', { class: 'pex-text-input', id: 'settings-microphone' });
  const status = h('p', { class: 'settings__text', role: 'status' });
  panel.append(
    h('p', { class: 'settings__text', text: 'The meeting shows your self-view from this camera. The level bar on the microphone button follows this microphone.' }),
    h('div', { class: 'field' }, h('label', { class: 'field__label', for: 'settings-camera', text: 'Camera' }), camera),
    h('div', { class: 'field' }, h('label', { class: 'field__label', for: 'settings-microphone', text: 'Microphone' }), mic),
    status,
  );
  const fill = async () => {
    const devices = navigator.mediaDevices?.enumerateDevices ? await navigator.mediaDevices.enumerateDevices() : [];
    const currentVideo = media.stream?.getVideoTracks()[0]?.getSettings().deviceId;
    const currentAudio = media.stream?.getAudioTracks()[0]?.getSettings().deviceId;
    /**
     * @param {HTMLSelectElement} select
     * @param {MediaDeviceKind} kind
     * @param {string | undefined} currentId
     * @param {string} noun
     */
    const options = (select, kind, currentId, noun) => {
      const list = devices.filter((d) => d.kind === kind);
      select.replaceChildren(
        ...list.map((d, i) => h('option', { value: d.deviceId, text: d.label || `${noun} ${i + 1}` })),
      );
      if (!list.length) select.appendChild(h('option', { value: '', text: `No ${noun.toLowerCase()} found` }));
      if (currentId) select.value = currentId;
      select.disabled = list.length === 0;
    };
    options(camera, 'videoinput', currentVideo, 'Camera');
    options(mic, 'audioinput', currentAudio, 'Microphone');
    status.textContent =
      media.permission === 'denied' ? 'The browser blocks the camera and microphone for this site.' : '';
  };
  fill().catch(() => {});
  const change = () => {
    media.start({ videoDeviceId: camera.value || undefined, audioDeviceId: mic.value || undefined }).then(fill, fill);
  };
  camera.addEventListener('change', change);
  mic.addEventListener('change', change);
  cleanups.push(media.on('permission', () => fill().catch(() => {})));
}

/** @type {Record<import('./extensions.js').PluginEntry['status'], (entry: import('./extensions.js').PluginEntry) => string>} */
const STATUS_TEXT = {
  loading: () => 'Loading…',
  loaded: () => 'Loaded',
  disabled: () => 'Disabled',
  failed: (entry) => `Failed: ${entry.reason || 'it did not load'}`,
};

/** @param {HTMLElement} panel */
function renderPlugins(panel) {
  const entries = extensions.plugins();
  const list = h('ul', { class: 'plugin-list', 'aria-label': 'Plugins', dataset: { pluginList: '' } });
  for (const entry of entries) {
    const item = h('li', {
      class: `plugin-list__item plugin-list__item--${entry.status}`,
      dataset: { pluginId: entry.id, pluginStatus: entry.status },
    });
    const name = h('span', { class: 'plugin-list__name', text: entry.name || entry.id });
    if (entry.version) name.appendChild(h('span', { class: 'plugin-list__version', text: ` ${entry.version}` }));
    const label = h('div', { class: 'plugin-list__text' }, name);
    if (entry.description) label.appendChild(h('span', { class: 'plugin-list__description', text: entry.description }));
    label.appendChild(h('span', { class: 'plugin-list__status', dataset: { pluginReason: entry.status === 'failed' ? '' : undefined }, text: STATUS_TEXT[entry.status](entry) }));
    item.appendChild(label);
    if (entry.canToggle && entry.onToggle) {
      const id = `plugin-toggle-${entry.id.replace(/[^a-z0-9_-]/gi, '-')}`;
      const toggle = h('input', { type: 'checkbox', role: 'switch', class: 'switch-input', id, checked: entry.status === 'loaded' || entry.status === 'loading', 'aria-label': `Enable ${entry.name || entry.id}` });
      toggle.addEventListener('change', () => entry.onToggle?.(toggle.checked));
      item.appendChild(toggle);
    }
    list.appendChild(item);
  }
  /** @type {HTMLElement[]} */
  const children = [h('h3', { class: 'settings__title', text: 'Plugins' })];
  if (entries.length === 0) {
    children.push(
      h(
        'div',
        { class: 'settings__empty' },
        icon('plug'),
        h('p', { text: 'No plugins are installed.' }),
        h('p', { class: 'settings__hint', text: 'Plugins come with the branding package an administrator uploads to this node.' }),
      ),
    );
  } else {
    children.push(h('p', { class: 'settings__text', text: 'Plugins add buttons and menu items to the meeting.' }));
  }
  children.push(list);
  panel.replaceChildren(...children);
}

/**
 * @param {HTMLElement} panel
 * @param {Session | null} session
 */
function renderAbout(panel, session) {
  const rtc = session?.rtc;
  let version = 'not connected';
  try {
    if (rtc && typeof rtc.getVersion === 'function') version = rtc.getVersion();
  } catch {
    // Not connected yet.
  }
  const rows = [
    ['App', 'Plugboard Connect'],
    ['Server', location.host],
    ['Server version', version],
  ];
  if (session) rows.push(['Meeting', session.conferenceName]);
  const list = h('dl', { class: 'about' });
  for (const [term, value] of rows) list.append(h('dt', { text: term }), h('dd', { text: value }));
  panel.append(
    h('h3', { class: 'settings__title', text: 'About' }),
    list,
    h('p', { class: 'settings__text', text: 'Keyboard: press S to show or hide the sidebar.' }),
  );
}
