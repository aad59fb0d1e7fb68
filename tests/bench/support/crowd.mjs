// `plugboard bench crowd` as a child process: started, waited for until it has joined everyone, and
// stopped by closing its standard input (so it also stops if this script dies).

import { spawn } from 'node:child_process';

const READY = /^crowd ready: /m;
const SUMMARY = /^crowd done: .*$/m;
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;

/**
 * @typedef {object} RunningCrowd
 * @property {string} label
 * @property {() => Promise<{code: number | null, summary: string}>} stop  closes stdin and waits for the
 *   exit; `summary` is its `crowd done: …` line
 * @property {() => boolean} running
 */

/**
 * Starts a crowd and resolves once it printed `crowd ready: …`.
 * @param {object} options
 * @param {string} options.binary  the plugboard executable
 * @param {string} options.label  for messages, e.g. `steady`
 * @param {string} options.target  the node's base URL
 * @param {string} options.alias
 * @param {number} options.participants
 * @param {number} [options.churnPerMinute]
 * @param {string} [options.namePrefix]
 * @param {string[]} [options.prefix]  a command that runs the crowd, e.g. `['taskset', '-c', '0']`
 * @returns {Promise<RunningCrowd>}
 */
export async function startCrowd({ binary, label, target, alias, participants, churnPerMinute = 0, namePrefix, prefix = [] }) {
  const args = ['bench', 'crowd', '--target', target, '--alias', alias, '--participants', String(participants)];
  if (churnPerMinute > 0) args.push('--churn-per-minute', String(churnPerMinute));
  if (namePrefix) args.push('--name-prefix', namePrefix);
  const [command, ...commandArgs] = [...prefix, binary, ...args];
  const child = spawn(command, commandArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk.toString();
  });
  forwardLines(child.stderr, `[crowd ${label}] `);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`crowd ${label} did not get ready within ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    const onData = () => {
      if (READY.test(stdout)) {
        cleanup();
        resolve(undefined);
      }
    };
    /** @param {number | null} code */
    const onExit = (code) => {
      cleanup();
      reject(new Error(`crowd ${label} exited (${code}) before it was ready:\n${stdout}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout.on('data', onData);
    child.on('exit', onExit);
    onData();
  }).catch(async (error) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });

  return {
    label,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      const code = child.exitCode;
      return { code, summary: SUMMARY.exec(stdout)?.[0] ?? '(no summary: it was killed or failed)' };
    },
  };
}

/**
 * @param {import('node:stream').Readable} stream
 * @param {string} prefix
 */
function forwardLines(stream, prefix) {
  let pending = '';
  stream.on('data', (chunk) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line) process.stderr.write(`${prefix}${line}\n`);
  });
}
