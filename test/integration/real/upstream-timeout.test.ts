import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REAL, SKIP_REASON, startRealStack, timedGet, type RealStack } from './helpers.js';

describe.skipIf(SKIP_REAL)(`nginx's upstream read timeout${SKIP_REASON}`, () => {
  let stack: RealStack;
  beforeAll(async () => {
    stack = await startRealStack({ workers: 1 }, { readTimeoutMs: 300 });
  });
  afterAll(() => stack?.stop());

  it('gives 504 once the app is silent for longer than uwsgi_read_timeout', async () => {
    const res = await timedGet(`${stack.proxy.url}/sleep?ms=3000`);
    expect(res.status).toBe(504);
    expect(res.body).toContain('504 Gateway Time-out');
    expect(res.elapsedMs).toBeGreaterThanOrEqual(290);
    expect(res.elapsedMs).toBeLessThan(2000);
  });
});
