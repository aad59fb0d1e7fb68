// Launches Debian's chromium headless through playwright-core.
//
//   const browser = await launchBrowser();
//   after(() => browser.close());
//
// The executable is $CHROMIUM_PATH (set by `cargo xtask test`), else /usr/bin/chromium.

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEFAULT_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/**
 * @param {import('playwright-core').LaunchOptions} [options]  merged over the defaults; `args`
 *   are added to the default arguments (e.g. `--use-fake-device-for-media-stream`)
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    ...options,
    args: [...DEFAULT_ARGS, ...(options.args ?? [])],
  });
}
