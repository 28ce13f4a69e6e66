import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { SKIP_REAL, SKIP_REASON, startRealStack, timedGet, waitUntil, type RealStack } from './helpers.js';

describe.skipIf(SKIP_REAL)(`uWSGI's stats server${SKIP_REASON}`, () => {
  let stack: RealStack;
  beforeAll(async () => {
    stack = await startRealStack({ workers: 2, listen: 64 });
  });
  afterAll(() => stack?.stop());

  it('reads as the embedded pool does: JSON until close, with listen_queue and worker status', async () => {
    const idle = await readStats(stack.pool.host, stack.pool.statsPort);
    expect(idle.pid).toBe(stack.pool.pid);
    expect(idle.workers.map((w) => w.status)).toEqual(['idle', 'idle']);
    expect(idle.listen_queue).toBe(0);
    // The master refreshes the socket figures about once a second; max_queue reads 0 until then.
    const refreshed = await waitUntil(async () => (await readStats(stack.pool.host, stack.pool.statsPort)).sockets[0]!.max_queue === 64, 3000, 100);
    expect(refreshed).toBe(true);
  });

  // listen_queue is also the master's last measurement, up to about a second old.
  it('reports a listen queue > 0 and busy workers while requests queue', async () => {
    const load = [1, 2, 3, 4, 5].map(() => timedGet(`${stack.proxy.url}/sleep?ms=2000`));
    let maxQueue = 0;
    let maxBusy = 0;
    const end = Date.now() + 1700;
    while (Date.now() < end) {
      const stats = await readStats(stack.pool.host, stack.pool.statsPort);
      maxQueue = Math.max(maxQueue, stats.listen_queue);
      maxBusy = Math.max(maxBusy, stats.workers.filter((w) => w.status === 'busy').length);
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = await Promise.all(load);
    expect(done.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(maxBusy).toBe(2);
    expect(maxQueue).toBeGreaterThan(0);
    expect(maxQueue).toBeLessThanOrEqual(3);
  });
});
