// Starts a real `plugboard serve` for a test file, or uses PLUGBOARD_URL when set.
//
//   const node = await startNode({ tag: 'tokens' });   // node.url = 'http://127.0.0.1:PORT'
//   after(() => node.stop());
//
// The binary is $PLUGBOARD_BIN, else ../target/debug/plugboard (built by
// `cargo build -p plugboard-cli`). Run `node conformance/node.mjs --print-config` to get the
// configuration a shared node (PLUGBOARD_URL) must be started with.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { configToml } from './rooms.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const LISTENING = /Plugboard listening on (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 30_000;

export function plugboardBinary() {
  return process.env.PLUGBOARD_BIN ?? resolve(here, '../../target/debug/plugboard');
}

/** Whether the suites use a node started elsewhere (then custom configurations are impossible). */
export function usingSharedNode() {
  return Boolean(process.env.PLUGBOARD_URL);
}

/**
 * @param {{tag?: string, token_expiry?: number, waiting_room_timeout?: number}} options
 * @returns {Promise<{url: string, stop: () => Promise<void>, output: () => string}>}
 */
export async function startNode(options = {}) {
  if (usingSharedNode()) {
    const url = process.env.PLUGBOARD_URL.replace(/\/+$/, '');
    return { url, stop: async () => {}, output: () => '' };
  }
  const binary = plugboardBinary();
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: run \`cargo build -p plugboard-cli\` first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'plugboard-conformance-'));
  const config = join(dir, 'plugboard.toml');
  const { tag, ...settings } = options;
  writeFileSync(config, configToml({ ...settings, tags: tag ? [tag] : undefined }));
  const child = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--config', config], {
    cwd: dir,
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = capture(child);
  let url;
  try {
    url = await waitForListening(child, output);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    output: () => output.text,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Keeps the last 64 KiB of the node's stdout and stderr, for failure messages. */
function capture(child) {
  const output = { text: '' };
  const keep = (chunk) => {
    output.text = (output.text + chunk.toString()).slice(-65_536);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return output;
}

function waitForListening(child, output) {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      done();
      reject(new Error(`plugboard did not print its URL within ${START_TIMEOUT_MS} ms:\n${output.text}`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      const match = LISTENING.exec(output.text);
      if (match) {
        done();
        resolvePromise(match[1]);
      }
    };
    const onExit = (code, signal) => {
      done();
      reject(new Error(`plugboard serve exited (${code ?? signal}) before listening:\n${output.text}`));
    };
    const done = () => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout.on('data', onData);
    child.on('exit', onExit);
  });
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--print-config')) {
  process.stdout.write(configToml());
}
