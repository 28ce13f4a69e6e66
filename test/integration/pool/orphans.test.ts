import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';
import { cpuTicks, descendantsRunning } from '../../helpers/processes.js';
import { alive, httpGet, send, stats, stopAndCheck, waitFor } from './helpers.js';

/**
 * Issue 9, defect 2: a worker blocked in JavaScript cannot watch its
 * parent, so the master must end workers that are not ready yet, and a
 * master killed with SIGKILL must still take its workers with it.
 */
const APPS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/apps');

const strays: number[] = [];
let pool: RunningPool | undefined;
afterEach(async () => {
  await stopAndCheck(pool);
  pool = undefined;
  for (const pid of strays.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

/** CPU ticks (1/100 s) a worker must have burnt to be surely inside the app's loop: loading a plain app costs far less. */
const SPINNING_TICKS = 100;

/** Starts a pool of `workers` whose app never loads; resolves once every worker spins in it. */
async function startStuckPool(queue: 'kernel' | 'master', workers: number): Promise<{ master: number; workers: number[]; started: Promise<unknown> }> {
  const started = startPool({ protocol: 'http', workers, queue, app: path.join(APPS, 'loop-at-import.mjs') }).then(
    (p) => {
      pool = p;
      throw new Error('a pool whose app never loads must not start');
    },
    (err: unknown) => err,
  );
  let master = 0;
  let found: number[] = [];
  const ready = await waitFor(async () => {
    [master = 0] = await descendantsRunning(process.pid, 'master-main.js');
    found = master ? await descendantsRunning(master, 'worker-main.js') : [];
    return found.length === workers && found.every((pid) => cpuTicks(pid) >= SPINNING_TICKS);
  }, 30_000);
  expect(ready, `master ${master}, workers ${found.join(', ')}`).toBe(true);
  strays.push(master, ...found);
  return { master, workers: found, started };
}

describe.each([
  { queue: 'master' as const, skip: false, why: '' },
  { queue: 'kernel' as const, skip: SKIP_KERNEL, why: NO_NATIVE },
])('no orphan workers ($queue queue)', ({ queue, skip, why }) => {
  it.skipIf(skip)(`SIGTERM to a master whose workers are stuck loading the app ends them all${why}`, async () => {
    const { master, workers, started } = await startStuckPool(queue, 2);
    expect(workers.every(alive)).toBe(true);
    process.kill(master, 'SIGTERM');
    const gone = await waitFor(() => ![master, ...workers].some(alive), 5_000);
    expect(gone, `still alive: ${[master, ...workers].filter(alive).join(', ')}`).toBe(true);
    expect(await started).toMatchObject({ code: 'E_STACK_START' });
  });

  it.skipIf(skip)(`SIGKILL of a master whose workers are stuck loading the app ends them all${why}`, async () => {
    const { master, workers, started } = await startStuckPool(queue, 2);
    process.kill(master, 'SIGKILL');
    const gone = await waitFor(() => !workers.some(alive), 5_000);
    expect(gone, `still alive: ${workers.filter(alive).join(', ')}`).toBe(true);
    expect(await started).toMatchObject({ code: 'E_STACK_START' });
  });

  it.skipIf(skip)(`SIGKILL of the master while every worker spins in the app's handler ends them all${why}`, async () => {
    pool = await startPool({ protocol: 'http', workers: 2, queue, app: path.join(APPS, 'spin-handler.mjs') });
    const workers = (await stats(pool)).workers.map((w) => w.pid);
    strays.push(...workers);
    const spinning = [await send(pool.port, httpGet('/a')), await send(pool.port, httpGet('/b'))];
    expect(await waitFor(async () => (await stats(pool!)).caplab!.busy === 2, 5_000)).toBe(true);
    process.kill(pool.pid, 'SIGKILL');
    const gone = await waitFor(() => !workers.some(alive), 5_000);
    expect(gone, `still alive: ${workers.filter(alive).join(', ')}`).toBe(true);
    expect((await Promise.all(spinning.map((s) => s.done))).map((e) => e.status)).toEqual([0, 0]);
    expect(await pool.exited).toMatchObject({ pid: pool.pid, code: null, signal: 'SIGKILL' });
  });
});
