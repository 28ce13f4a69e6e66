import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveEntry } from '../process/index.js';
import { alternate } from './alternate.js';
import type { Bench, BenchContext } from './bench-types.js';
import { makeResult } from './make-result.js';

const ARGS = ['sweep', 'seed-three-slow-requests', '--workers', '1,2,3,4,5,6,7,8', '--time-scale', '0.01'];
/** A sweep that takes longer than this is stuck; it is interrupted and the figure fails. */
const TIMEOUT_MS = 300_000;

/** Runs the CLI once with ARGS into `out`; resolves its wall time in s, rejects on a non-zero exit. */
function timeSweep(out: string): Promise<number> {
  const main = resolveEntry(import.meta.url, '../cli/main.js');
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...ARGS, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - start) / 1000;
      if (code === 0) resolve(seconds);
      else reject(new Error(`caplab ${ARGS.join(' ')} exited (${signal ?? code}) after ${seconds.toFixed(1)} s: ${stderr.trim().split('\n').slice(-2).join(' | ')}`));
    });
  });
}

/**
 * `seed-sweep`: wall time, s, of `caplab sweep seed-three-slow-requests
 * --workers 1,2,3,4,5,6,7,8 --time-scale 0.01` (a fresh stack per worker
 * count, reports included), run as a user runs it: a new Node process
 * from the built CLI, timed from spawn to exit. Median of `reps`; each run
 * writes into its own temp dir, removed afterwards.
 */
export const seedSweepBench: Bench = {
  names: ['seed-sweep'],
  async run(ctx: BenchContext) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-bench-sweep-'));
    try {
      const [outcome] = await alternate(ctx.reps, [
        async (rep) => {
          const seconds = await timeSweep(path.join(dir, `run-${rep}`));
          ctx.log(`  seed sweep: ${seconds.toFixed(2)} s`);
          return seconds;
        },
      ]);
      return [
        makeResult({
          name: 'seed-sweep',
          unit: 's',
          ...outcome!,
          how: `wall time of \`node dist/cli/main.js ${ARGS.join(' ')} --out <tmp>\` from spawn to exit, median of ${ctx.reps}`,
        }),
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
