import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { respawnsOf, startPool, type PoolOptions, type RunningPool } from '../../../src/pool/index.js';
import { exchange, stats, stopAndCheck, uwsgiGet } from './helpers.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';

const LEAKY_APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/apps/leaky-app.mjs');

/** `clients` closed loops each sending `perClient` requests back to back; every status, in order of completion. */
async function steadyLoad(pool: RunningPool, clients: number, perClient: number, path: string): Promise<{ statuses: number[]; pids: Set<string> }> {
  const statuses: number[] = [];
  const pids = new Set<string>();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i += 1) {
        const r = await exchange(pool.port, uwsgiGet(path));
        statuses.push(r.status);
        if (r.status === 200 && /^\d+$/.test(r.body)) pids.add(r.body);
      }
    }),
  );
  return { statuses, pids };
}

async function respawns(pool: RunningPool): Promise<number> {
  return (await stats(pool)).workers.reduce((sum, w) => sum + respawnsOf(w), 0);
}

describe.skipIf(SKIP_KERNEL)(`recycling under steady load drops no request (kernel queue)${NO_NATIVE}`, () => {
  let pool: RunningPool | undefined;
  afterEach(() => stopAndCheck(pool));

  const maxRequestCases: [string, PoolOptions][] = [
    ['2 workers', { workers: 2, maxRequests: 10 }],
    ['1 worker × 2 threads', { workers: 1, threads: 2, maxRequests: 10 }],
  ];
  it.each(maxRequestCases)('maxRequests 10, %s: 4 clients × 20 requests all answer 200 while workers are recycled', async (_, options) => {
    pool = await startPool({ protocol: 'uwsgi', ...options });
    const { statuses } = await steadyLoad(pool, 4, 20, '/sleep?ms=5');
    expect(statuses).toHaveLength(80);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // 80 requests at 10 per process: at least 80 / 10 − workers respawns (the last processes may not be full yet)
    expect(await respawns(pool)).toBeGreaterThanOrEqual(80 / 10 - (options.workers ?? 1) - 1);
  });

  const rssCases: [string, PoolOptions][] = [
    ['2 workers', { workers: 2 }],
    ['1 worker × 2 threads', { workers: 1, threads: 2 }],
    ['2 workers, master queue', { workers: 2, queue: 'master' }],
  ];
  it.each(rssCases)('reloadOnRss: a leaking app (8 MiB per request) is recycled past 300 MiB, %s, and no request fails', async (_, options) => {
    pool = await startPool({ protocol: 'uwsgi', app: LEAKY_APP, reloadOnRssMb: 300, ...options });
    const { statuses, pids } = await steadyLoad(pool, 3, 40, '/');
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // 120 × 8 MiB is about 960 MiB of leaks: more than the limit allows any process set to hold
    expect(await respawns(pool)).toBeGreaterThanOrEqual(1);
    expect(pids.size).toBeGreaterThan(options.workers ?? 1);
    for (const w of (await stats(pool)).workers) expect(w.rss).toBeLessThan(300 * 1024 * 1024 + 16 * 8 * 1024 * 1024);
  });
});
