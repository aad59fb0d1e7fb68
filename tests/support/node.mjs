// Starts a real `plugboard serve` for a test file; shared by the conformance and browser suites.
//
//   const node = await startNode();                              // the demo rooms (meet, secure)
//   const node = await startNode({ config: 'token_expiry = 6\n[[vmr]]\nname = "x"\n' });
//   const node = await startNode({ branding: '/tmp/my-branding' });   // serve --branding DIR_OR_ZIP
//   // node.url = 'http://127.0.0.1:PORT'
//   after(() => node.stop());
//
// `config` is the node's TOML configuration (see README.md, `plugboard serve --config`); without
// it the node serves its demo rooms. `branding` is a branding package (folder or zip) to serve at
// /webapp2/custom_configuration/ instead of the example package. The binary is $PLUGBOARD_BIN, else
// ../target/debug/plugboard (built by `cargo build -p plugboard-cli`).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const LISTENING = /Plugboard listening on (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** @returns {string} the `plugboard` binary the tests run */
export function plugboardBinary() {
  // Absolute, because the node runs in a directory of its own.
  return process.env.PLUGBOARD_BIN ? resolve(process.env.PLUGBOARD_BIN) : resolve(here, '../../target/debug/plugboard');
}

/**
 * @typedef {object} RunningNode
 * @property {string} url  base URL, e.g. `http://127.0.0.1:43117`
 * @property {() => Promise<void>} stop  stops the node and removes its files
 * @property {() => string} output  the last 64 KiB of the node's stdout and stderr
 */

/**
 * Starts `plugboard serve --listen 127.0.0.1:0 [--config FILE] [--branding PATH]` and waits until it listens;
 * with `dev`, `plugboard dev PATH --listen 127.0.0.1:0 [devArgs…]` instead.
 * @param {{config?: string, branding?: string, data?: string, dev?: string, devArgs?: string[], prefix?: string[]}} [options]
 *   `config`: TOML text of the node configuration; `branding`: path of a branding folder or zip; `data`:
 *   the data directory to use and keep (default: a fresh one, removed on stop); `dev`: the branding
 *   folder `plugboard dev` watches; `devArgs`: more arguments of `plugboard dev` (e.g. `--bots 5`);
 *   `prefix`: a command that runs the node, e.g. `['taskset', '-c', '0']`
 * @returns {Promise<RunningNode>}
 */
export async function startNode(options = {}) {
  const binary = plugboardBinary();
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: run \`cargo build -p plugboard-cli\` first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'plugboard-test-'));
  const args = options.dev !== undefined
    ? ['dev', resolve(options.dev), '--listen', '127.0.0.1:0', ...(options.devArgs ?? [])]
    : ['serve', '--listen', '127.0.0.1:0', '--data', options.data ?? join(dir, 'data')];
  if (options.config !== undefined) {
    const file = join(dir, 'plugboard.toml');
    writeFileSync(file, options.config);
    args.push('--config', file);
  }
  if (options.branding !== undefined) args.push('--branding', resolve(options.branding));
  const [command, ...commandArgs] = [...(options.prefix ?? []), binary, ...args];
  const child = spawn(command, commandArgs, {
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

/**
 * Keeps the last 64 KiB of the child's stdout and stderr.
 * @param {import('node:child_process').ChildProcess} child
 */
function capture(child) {
  const output = { text: '' };
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    output.text = (output.text + chunk.toString()).slice(-65_536);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return output;
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {{text: string}} output
 * @returns {Promise<string>} the URL the node printed
 */
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
    /** @param {number|null} code @param {string|null} signal */
    const onExit = (code, signal) => {
      done();
      reject(new Error(`plugboard serve exited (${code ?? signal}) before listening:\n${output.text}`));
    };
    const done = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.on('exit', onExit);
  });
}

/** @param {import('node:child_process').ChildProcess} child */
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
