import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { SKIP_REAL, SKIP_REASON, startRealStack, timedGet, type RealStack } from './helpers.js';

describe.skipIf(SKIP_REAL)(`uWSGI max-requests${SKIP_REASON}`, () => {
  let stack: RealStack;
  beforeAll(async () => {
    stack = await startRealStack({ workers: 1, maxRequests: 3 });
  });
  afterAll(() => stack?.stop());

  it('recycles a worker after N requests, without failing any', async () => {
    const pids = new Set<number>();
    for (let i = 0; i < 7; i += 1) {
      expect((await timedGet(`${stack.proxy.url}/hello`)).status).toBe(200);
      pids.add((await readStats(stack.pool.host, stack.pool.statsPort)).workers[0]!.pid);
    }
    const stats = await readStats(stack.pool.host, stack.pool.statsPort);
    // 7 requests at 3 per worker: recycled twice
    expect(stats.workers[0]!.respawn_count).toBe(3);
    expect(pids.size).toBeGreaterThanOrEqual(2);
  });
});
