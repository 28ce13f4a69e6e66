import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REAL, SKIP_REASON, headerNumber, startRealStack, timedGet, type RealStack } from './helpers.js';

describe.skipIf(SKIP_REAL)(`nginx proxy_pass -> uWSGI --http-socket${SKIP_REASON}`, () => {
  let stack: RealStack;
  beforeAll(async () => {
    stack = await startRealStack({ protocol: 'http', workers: 1 });
  });
  afterAll(() => stack?.stop());

  it('forwards over HTTP, with X-Request-Start from nginx reaching the app', async () => {
    expect(stack.pool.protocol).toBe('http');
    const res = await timedGet(`${stack.proxy.url}/hello`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('Hello, world!');
    expect(res.headers['x-caplab-worker']).toBe('1');
    expect(headerNumber(res, 'X-Caplab-Queue-Ms')).toBeGreaterThanOrEqual(0);
    expect(headerNumber(res, 'X-Caplab-Queue-Ms')).toBeLessThan(res.elapsedMs + 1);
    // the pool answers HTTP directly too
    const direct = await timedGet(`http://${stack.pool.host}:${stack.pool.port}/status/418`);
    expect(direct.status).toBe(418);
    expect(direct.headers['x-caplab-queue-ms']).toBeUndefined();
  });
});
