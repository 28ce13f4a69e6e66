import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { SKIP_REAL, SKIP_REASON, startRealStack, timedGet, type RealStack } from './helpers.js';

describe.skipIf(SKIP_REAL)(`a worker that dies mid-request${SKIP_REASON}`, () => {
  let stack: RealStack;
  // One worker, so the request after the crash can only be served by the respawned worker.
  beforeAll(async () => {
    stack = await startRealStack({ workers: 1 });
  });
  afterAll(() => stack?.stop());

  it('gives 502 from nginx, and uWSGI respawns the worker for the next request', async () => {
    const before = await readStats(stack.pool.host, stack.pool.statsPort);
    const crashed = await timedGet(`${stack.proxy.url}/crash`);
    expect(crashed.status).toBe(502);
    expect(crashed.body).toContain('502 Bad Gateway');

    const next = await timedGet(`${stack.proxy.url}/hello`);
    expect(next.status).toBe(200);
    expect(next.body).toBe('Hello, world!');

    const after = await readStats(stack.pool.host, stack.pool.statsPort);
    expect(after.workers).toHaveLength(1);
    expect(after.workers[0]!.pid).not.toBe(before.workers[0]!.pid);
    expect(after.workers[0]!.respawn_count).toBe(before.workers[0]!.respawn_count + 1);
  });
});
