import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REAL, SKIP_REASON, headerNumber, startRealStack, timedGet, warmUp, type RealStack } from './helpers.js';

// The REFERENCE's seed experiment on the real programs: nginx -> uWSGI
// (2 workers) -> Django, three simultaneous 10 s requests scaled to ~500 ms
// (long enough that a loaded 2-core machine's scheduling delays stay small
// next to one service time).
const TIME_SCALE = 0.05;
const SERVICE_MS = 10_000 * TIME_SCALE;

describe.skipIf(SKIP_REAL)(`seed experiment on nginx -> uWSGI -> Django${SKIP_REASON}`, () => {
  let stack: RealStack;
  beforeAll(async () => {
    stack = await startRealStack({ workers: 2, timeScale: TIME_SCALE });
    expect((await warmUp(stack.proxy.url, 2)).size).toBe(2);
  });
  afterAll(() => stack?.stop());

  it('finishes three simultaneous requests at about 1 : 1 : 2, the third after one service time in the queue', async () => {
    const t0 = performance.now();
    const all = await Promise.all([1, 2, 3].map(() => timedGet(`${stack.proxy.url}/sleep?ms=10000`)));
    const byEnd = [...all].sort((a, b) => a.endMs - b.endMs);
    const [first, second, third] = byEnd.map((r) => r.endMs - t0) as [number, number, number];
    const service = byEnd.map((r) => headerNumber(r, 'X-Caplab-Service-Ms'));
    const queue = byEnd.map((r) => headerNumber(r, 'X-Caplab-Queue-Ms'));
    const workers = byEnd.map((r) => String(r.headers['x-caplab-worker']));
    console.info(
      `real seed: finished at ${[first, second, third].map((t) => t.toFixed(0)).join(', ')} ms; ` +
        `queue ${queue.join(', ')} ms; service ${service.join(', ')} ms; workers ${workers.join(', ')}`,
    );

    expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
    // 1 : 1 : 2
    expect(first).toBeGreaterThanOrEqual(SERVICE_MS * 0.95);
    expect((second - first) / SERVICE_MS).toBeLessThan(0.3);
    expect(third / first).toBeGreaterThan(1.5);
    expect(third / first).toBeLessThan(2.4);
    expect((third - first) / SERVICE_MS).toBeGreaterThan(0.8);
    expect((third - first) / SERVICE_MS).toBeLessThan(1.4);
    // the third waited one service time in the listen queue; the first two hardly at all
    for (const s of service) expect(s).toBeGreaterThanOrEqual(SERVICE_MS * 0.95);
    expect(queue[0]).toBeLessThan(SERVICE_MS * 0.25);
    expect(queue[1]).toBeLessThan(SERVICE_MS * 0.25);
    expect(queue[2]! / service[0]!).toBeGreaterThan(0.75);
    expect(queue[2]! / service[0]!).toBeLessThan(1.35);
    // two distinct workers, the third served by one of them
    expect(new Set(workers.slice(0, 2)).size).toBe(2);
    expect(workers.slice(0, 2)).toContain(workers[2]);
  });
});
