import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readStats, startPool, type RunningPool } from '../../../src/pool/index.js';
import { alive, httpGet, send, stats, stopAndCheck, waitFor } from './helpers.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';
import { firstLine } from '../../helpers/processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/apps/orphan-pool.mjs');

const strays: number[] = [];
let pool: RunningPool | undefined;
afterEach(async () => {
  await stopAndCheck(pool);
  pool = undefined;
  for (const pid of strays.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe('pool lifecycle', () => {
  it('runs a master and its workers as separate processes; stop() ends them all, even mid-request', async () => {
    pool = await startPool({ protocol: 'http', workers: 2 });
    const s = await stats(pool);
    const pids = [pool.pid, ...s.workers.map((w) => w.pid)];
    expect(new Set([process.pid, ...pids]).size).toBe(4);
    expect(s.pid).toBe(pool.pid);
    expect(pids.every(alive)).toBe(true);

    const blocked = await send(pool.port, httpGet('/sleep?ms=20000'));
    expect(await waitFor(async () => (await stats(pool!)).caplab!.busy === 1)).toBe(true);
    const started = performance.now();
    await Promise.all([pool.stop(), pool.stop()]);
    pool = undefined;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await waitFor(() => pids.every((pid) => !alive(pid)), 3_000)).toBe(true);
    expect((await blocked.done).status).toBe(0);
  });

  it('leaves no master or worker behind when the process that started it is killed with SIGKILL', async () => {
    const parent = spawn(process.execPath, [FIXTURE, ROOT], { stdio: ['ignore', 'pipe', 'pipe'] });
    strays.push(parent.pid!);
    const line = await firstLine(parent);
    const { port, statsPort, master } = JSON.parse(line) as { port: number; statsPort: number; master: number };
    const workers = (await readStats('127.0.0.1', statsPort)).workers.map((w) => w.pid);
    const pids = [master, ...workers];
    strays.push(...pids);
    expect(pids.every(alive)).toBe(true);

    // One worker is blocked in a synchronous sleep when its parents vanish.
    const blocked = await send(port, httpGet('/sleep?ms=20000'));
    expect(await waitFor(async () => (await readStats('127.0.0.1', statsPort)).caplab!.busy === 1)).toBe(true);

    process.kill(parent.pid!, 'SIGKILL');
    expect(await waitFor(() => !alive(parent.pid!), 2_000)).toBe(true);
    const gone = await waitFor(() => pids.every((pid) => !alive(pid)), 3_000);
    expect(gone, `still alive: ${pids.filter(alive).join(', ')}`).toBe(true);
    expect((await blocked.done).status).toBe(0);
  });

  it.skipIf(SKIP_KERNEL)(`kernel queue: kill -9 of the master ends every worker, busy or waiting in accept${NO_NATIVE}`, async () => {
    pool = await startPool({ protocol: 'http', workers: 2, queue: 'kernel' });
    const workers = (await stats(pool)).workers.map((w) => w.pid);
    // One worker blocked in a synchronous sleep, the other idle in accept.
    const blocked = await send(pool.port, httpGet('/sleep?ms=20000'));
    expect(await waitFor(async () => (await stats(pool!)).caplab!.busy === 1)).toBe(true);
    strays.push(...workers);
    process.kill(pool.pid, 'SIGKILL');
    const gone = await waitFor(() => workers.every((pid) => !alive(pid)), 3_000);
    expect(gone, `still alive: ${workers.filter(alive).join(', ')}`).toBe(true);
    expect((await blocked.done).status).toBe(0);
    await pool.stop();
    pool = undefined;
  });

  it('without the native addon (CAPLAB_NATIVE=0) the pool runs its master queue and says why', async () => {
    const saved = process.env.CAPLAB_NATIVE;
    process.env.CAPLAB_NATIVE = '0';
    try {
      pool = await startPool({ protocol: 'http', workers: 1, listen: 1, queue: 'kernel' });
    } finally {
      if (saved === undefined) delete process.env.CAPLAB_NATIVE;
      else process.env.CAPLAB_NATIVE = saved;
    }
    expect(pool.queue).toBe('master');
    expect(pool.queueFallback).toMatch(/native pool addon is disabled/);
    // Master-queue behaviour: a full queue answers 503 at once.
    const slow = await send(pool.port, httpGet('/sleep?ms=500'));
    expect(await waitFor(async () => (await stats(pool!)).load === 1)).toBe(true);
    const queued = await send(pool.port, httpGet('/hello'));
    expect(await waitFor(async () => (await stats(pool!)).listen_queue === 1)).toBe(true);
    const refused = await (await send(pool.port, httpGet('/hello'))).done;
    expect(refused.status).toBe(503);
    expect([(await slow.done).status, (await queued.done).status]).toEqual([200, 200]);
  });
});
