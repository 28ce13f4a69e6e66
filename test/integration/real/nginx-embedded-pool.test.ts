import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type RunningStack } from '../../../src/stack/index.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';
import { SKIP_REAL, SKIP_REASON, headerNumber, timedGet, warmUp } from './helpers.js';

const TIME_SCALE = 0.05;
const SERVICE_MS = 10_000 * TIME_SCALE;

// Debian's nginx (uwsgi_pass) in front of caplab's own pool with its default
// kernel queue: the uwsgi bytes nginx sends, its X-Request-Start and its
// $upstream_connect_time header all work against workers that accept for
// themselves.
describe.skipIf(SKIP_REAL || SKIP_KERNEL)(`nginx -> embedded pool, kernel queue${SKIP_REASON}${NO_NATIVE}`, () => {
  let stack: RunningStack | undefined;
  beforeAll(async () => {
    stack = await startStack({ workers: 2, listen: 100, upstreamTimeoutMs: 60_000 * TIME_SCALE, timeScale: TIME_SCALE, app: 'sample', proxy: 'nginx', queue: 'kernel' });
    expect(stack.describe).toMatchObject({ proxy: 'nginx', pool: 'embedded', queue: 'kernel' });
    expect((await warmUp(stack.url, 2)).size).toBe(2);
  });
  afterAll(() => stack?.stop());

  it('three simultaneous requests end at about 1 : 1 : 2, the third after one service time in the queue', async () => {
    const t0 = performance.now();
    const all = await Promise.all([1, 2, 3].map(() => timedGet(`${stack!.url}/sleep?ms=10000`)));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
    const byEnd = [...all].sort((a, b) => a.endMs - b.endMs);
    const [first, second, third] = byEnd.map((r) => r.endMs - t0) as [number, number, number];
    expect(first).toBeGreaterThanOrEqual(SERVICE_MS * 0.95);
    expect((second - first) / SERVICE_MS).toBeLessThan(0.3);
    expect((third - first) / SERVICE_MS).toBeGreaterThan(0.8);
    expect((third - first) / SERVICE_MS).toBeLessThan(1.4);
    // The queue wait comes from nginx's X-Request-Start: the third waited about one service time.
    const queue = byEnd.map((r) => headerNumber(r, 'X-Caplab-Queue-Ms'));
    expect(queue[2]! / SERVICE_MS).toBeGreaterThan(0.8);
    expect(Math.max(queue[0]!, queue[1]!) / SERVICE_MS).toBeLessThan(0.3);
    expect(new Set(byEnd.slice(0, 2).map((r) => String(r.headers['x-caplab-worker'])))).toEqual(new Set(['1', '2']));
    // nginx reports its upstream connect time, in seconds.
    for (const r of all) expect(Number(r.headers['x-caplab-upstream-connect-time'])).toBeGreaterThanOrEqual(0);
  });

  it('a worker that crashes gives nginx a 502, and the next request is served', async () => {
    expect((await timedGet(`${stack!.url}/crash`)).status).toBe(502);
    expect((await timedGet(`${stack!.url}/hello`)).status).toBe(200);
  });
});
