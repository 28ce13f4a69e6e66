import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { SKIP_REAL, SKIP_REASON, startRealStack, timedGet, type RealStack } from './helpers.js';

describe.skipIf(SKIP_REAL)(`uWSGI harakiri${SKIP_REASON}`, () => {
  let stack: RealStack;
  // 800 ms is rounded up to uWSGI's whole second.
  beforeAll(async () => {
    stack = await startRealStack({ workers: 1, harakiriMs: 800 });
  });
  afterAll(() => stack?.stop());

  it('kills a worker stuck past the limit: nginx answers 502 and the worker is respawned', async () => {
    const res = await timedGet(`${stack.proxy.url}/sleep?ms=8000`);
    expect(res.status).toBe(502);
    // killed between 1 s and about 2 s (uWSGI's master checks once a second)
    expect(res.elapsedMs).toBeGreaterThanOrEqual(950);
    expect(res.elapsedMs).toBeLessThan(4000);
    const stats = await readStats(stack.pool.host, stack.pool.statsPort);
    expect(stats.workers[0]!.harakiri_count).toBe(1);
    expect(stats.workers[0]!.respawn_count).toBe(2);
    expect((await timedGet(`${stack.proxy.url}/hello`)).status).toBe(200);
  });
});
