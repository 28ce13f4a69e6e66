import { afterEach, describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { SKIP_REAL, SKIP_REASON, startRealStack, timedGet, waitUntil, type RealStack } from './helpers.js';

const SLEEP_MS = 600;

describe.skipIf(SKIP_REAL)(`uWSGI threads and chain reload${SKIP_REASON}`, () => {
  let stack: RealStack | undefined;
  afterEach(() => stack?.stop());

  it(`threads 2 on 1 worker: two blocking ${SLEEP_MS} ms sleeps at once, the third waits (≈ 1 : 1 : 2)`, { retry: 2 }, async () => {
    stack = await startRealStack({ workers: 1, threads: 2 });
    const stats = await readStats(stack.pool.host, stack.pool.statsPort);
    expect(stats.workers[0]!.cores).toHaveLength(2);
    await timedGet(`${stack.proxy.url}/hello`); // the first request pays for loading Django
    const started = performance.now();
    // Three at once: two take the worker's threads, the third waits for one (ends sorted below).
    const results = await Promise.all([0, 1, 2].map(() => timedGet(`${stack!.proxy.url}/sleep?ms=${SLEEP_MS}`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const ends = results.map((r) => r.endMs - started).sort((a, b) => a - b);
    expect(ends[1]! / ends[0]!).toBeLessThan(1.3);
    expect(ends[2]! / ends[0]!).toBeGreaterThan(1.7);
    expect(ends[2]! / ends[0]!).toBeLessThan(2.5);
  });

  it('reload(): a chain reload through the master FIFO replaces every worker; the request in flight finishes with 200', async () => {
    stack = await startRealStack({ workers: 2 });
    const inFlight = timedGet(`${stack.proxy.url}/sleep?ms=500`);
    expect(await waitUntil(async () => (await readStats(stack!.pool.host, stack!.pool.statsPort)).workers.some((w) => w.status === 'busy'))).toBe(true);
    const report = await stack.pool.reload();
    expect((await inFlight).status).toBe(200);
    expect(report.pidsBefore).toHaveLength(2);
    expect(report.pidsAfter.filter((pid) => report.pidsBefore.includes(pid))).toEqual([]);
    expect((await timedGet(`${stack.proxy.url}/hello`)).status).toBe(200);
  });

  it('reload-on-rss below a worker\'s size recycles it after each request, and no request fails', async () => {
    stack = await startRealStack({ workers: 2, reloadOnRssMb: 1 });
    for (let i = 0; i < 6; i += 1) expect((await timedGet(`${stack.proxy.url}/hello`)).status).toBe(200);
    expect(await waitUntil(async () => (await readStats(stack!.pool.host, stack!.pool.statsPort)).workers.reduce((n, w) => n + w.respawn_count, 0) >= 3)).toBe(true);
  });
});
