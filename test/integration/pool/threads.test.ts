import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { send, sleep, stats, stopAndCheck, uwsgiGet, waitFor } from './helpers.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';

const SERVICE_MS = 300;

describe.skipIf(SKIP_KERNEL)(`threads: T requests at once per worker, each blocking sleep in its own thread${NO_NATIVE}`, () => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'uwsgi', workers: 1, threads: 2 });
    expect(pool.threads).toBe(2);
  });
  afterAll(() => stopAndCheck(pool));

  it(`3 simultaneous blocking ${SERVICE_MS} ms sleeps on 1 worker × 2 threads end at about 1 : 1 : 2`, { retry: 2 }, async () => {
    const pending = [];
    for (let i = 0; i < 3; i += 1) {
      pending.push(await send(pool!.port, uwsgiGet(`/sleep?ms=${SERVICE_MS}`)));
      await sleep(5);
    }
    const started = pending[0]!.connectedAt;
    const results = await Promise.all(pending.map((p) => p.done));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const ends = results.map((r) => r.closedAt - started).sort((a, b) => a - b);
    // Two sleeps overlap (one per thread) and the third waits in the kernel's queue for a free thread.
    expect(ends[1]! / ends[0]!).toBeLessThan(1.3);
    expect(ends[2]! / ends[0]!).toBeGreaterThan(1.7);
    expect(ends[2]! / ends[0]!).toBeLessThan(2.5);
    // One process served all three.
    expect(new Set(results.map((r) => r.headers['x-caplab-worker']))).toEqual(new Set(['1']));
  });

  it('names the thread that served each response: two blocking sleeps at once carry X-Caplab-Core 0 and 1', async () => {
    const a = await send(pool!.port, uwsgiGet('/sleep?ms=400'));
    const b = await send(pool!.port, uwsgiGet('/sleep?ms=400'));
    const results = await Promise.all([a.done, b.done]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    // Both sleeps block their thread, so they cannot have been served by the same one.
    expect(new Set(results.map((r) => r.headers['x-caplab-core']))).toEqual(new Set(['0', '1']));
  });

  it("shows both threads as uWSGI's cores in the stats, busy while they sleep", async () => {
    const a = await send(pool!.port, uwsgiGet('/sleep?ms=600'));
    const b = await send(pool!.port, uwsgiGet('/sleep?ms=600'));
    expect(
      await waitFor(async () => {
        const w = (await stats(pool!)).workers[0]!;
        return w.status === 'busy' && w.cores?.length === 2 && w.cores.every((c) => c.in_request === 1);
      }, 2_000),
    ).toBe(true);
    await Promise.all([a.done, b.done]);
    expect(await waitFor(async () => (await stats(pool!)).workers[0]!.cores!.every((c) => c.in_request === 0), 2_000)).toBe(true);
    const w = (await stats(pool!)).workers[0]!;
    // every core served some of the 2 + 3 (+1 warm-up-free) requests, and the worker's count is their sum
    expect(w.cores!.map((c) => c.requests).reduce((x, y) => x + y, 0)).toBe(w.requests);
    expect(w.cores!.every((c) => c.requests >= 1)).toBe(true);
  });
});

describe.skipIf(SKIP_KERNEL)(`threads load the app themselves${NO_NATIVE}`, () => {
  it("an app without a handler fails the pool's start with E_APP_LOAD, from the threads", async () => {
    const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/apps/no-handler.mjs');
    await expect(startPool({ workers: 1, threads: 2, app })).rejects.toMatchObject({ code: 'E_APP_LOAD' });
  });
});

describe('threads need the kernel queue', () => {
  it('refuses threads > 1 with the master-held queue, naming the key', async () => {
    await expect(startPool({ workers: 1, threads: 2, queue: 'master' })).rejects.toThrow(/threads needs queue 'kernel' above 1 .*, got 2/);
  });
});
