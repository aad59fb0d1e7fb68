// Which CPUs the benchmark's harness runs on. The node and the crowd stand for a server and 998 other
// people's machines, but here they share the cores with the browser being measured, and each update
// makes them busy at the very moment the browser handles it (the node writes it to 1,000 event
// streams, the crowd reads them all). With two CPUs or more and `taskset` (util-linux), the node and
// the crowd run on CPU 0 only, so the browser always has a core the harness cannot take; the browser
// itself is not pinned (on one core its own processes would take turns with the page). `BENCH_PIN=off`
// leaves every process where the kernel puts it.

import { existsSync } from 'node:fs';
import os from 'node:os';

const TASKSET = '/usr/bin/taskset';
const HARNESS_CPU = '0';

/**
 * @typedef {object} CpuPlan
 * @property {string[]} harness  a command prefix for the node and the crowd (empty: not pinned)
 * @property {string} description  for the report
 */

/** @returns {CpuPlan} */
export function cpuPlan() {
  if (process.env.BENCH_PIN === 'off') return { harness: [], description: 'harness not pinned (BENCH_PIN=off)' };
  if (os.availableParallelism() < 2) return { harness: [], description: 'harness not pinned (one CPU)' };
  if (!existsSync(TASKSET)) return { harness: [], description: `harness not pinned (no ${TASKSET})` };
  return {
    harness: [TASKSET, '-c', HARNESS_CPU],
    description: `the node and the crowd on CPU ${HARNESS_CPU} only, Chromium on any`,
  };
}
