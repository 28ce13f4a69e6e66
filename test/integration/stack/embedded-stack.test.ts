import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type RunningStack } from '../../../src/stack/index.js';
import { ROOT } from '../../helpers/cli.js';
import { waitFor } from '../../helpers/processes.js';

/** The three roles together: proxy → pool → app, each its own process on loopback. */
let stack: RunningStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function get(url: string): Promise<{ status: number; worker: string | null; body: string; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  const body = await res.text();
  return { status: res.status, worker: res.headers.get('x-caplab-worker'), body, ms: performance.now() - t0 };
}

describe('the embedded stack end to end', () => {
  it('a worker crash gives its request a 502 from the proxy, and the next request succeeds on the respawned worker', async () => {
    stack = await startStack({ workers: 1, listen: 100, upstreamTimeoutMs: 10_000, timeScale: 1, app: 'sample' });
    const before = await stack.sample();
    expect(before.busy).toBe(0);
    const crashed = await get(`${stack.url}/crash`);
    expect(crashed.status).toBe(502);
    const next = await get(`${stack.url}/hello`);
    expect(next.status).toBe(200);
    expect(next.body).toBe('Hello, world!');
    expect(next.worker).toBe('1');
  });

  it('serves static files while every worker is busy, without touching the pool', async () => {
    stack = await startStack({
      workers: 2,
      listen: 100,
      upstreamTimeoutMs: 10_000,
      timeScale: 1,
      app: 'sample',
      staticDir: path.join(ROOT, 'scenarios/static'),
    });
    const slow = [get(`${stack.url}/sleep?ms=1500`), get(`${stack.url}/sleep?ms=1500`), get(`${stack.url}/sleep?ms=1500`)];
    // Both workers busy and the third request queued behind them.
    let state = await stack.sample();
    expect(await waitFor(async () => ((state = await stack!.sample()), state.busy === 2 && state.queue === 1), 1_200), JSON.stringify(state)).toBe(true);
    const file = await get(`${stack.url}/static/hello.txt`);
    expect(file.status).toBe(200);
    expect(file.body).toContain('static files');
    expect(file.worker).toBeNull();
    // Served long before any worker frees up.
    expect(file.ms).toBeLessThan(1000);
    const traversal = await fetch(`${stack.url}/static/%2e%2e/%2e%2e/package.json`);
    expect([403, 404]).toContain(traversal.status);
    expect(await traversal.text()).not.toContain('"name": "caplab"');
    const done = await Promise.all(slow);
    expect(done.map((d) => d.status)).toEqual([200, 200, 200]);
  });

  it('a full master-held listen queue gives an immediate 503 through the proxy', async () => {
    stack = await startStack({ workers: 1, listen: 2, upstreamTimeoutMs: 10_000, timeScale: 1, app: 'sample', queue: 'master' });
    expect(stack.describe.queue).toBe('master');
    expect(stack.describe.observed).toEqual({ queue: 'exact', busy: 'exact' });
    const held = [get(`${stack.url}/sleep?ms=1500`)];
    expect(await waitFor(async () => (await stack!.sample()).busy === 1, 1_000)).toBe(true);
    held.push(get(`${stack.url}/sleep?ms=10`), get(`${stack.url}/sleep?ms=10`));
    expect(await waitFor(async () => (await stack!.sample()).queue === 2, 1_000)).toBe(true);
    const refused = await get(`${stack.url}/hello`);
    expect(refused.status).toBe(503);
    // Refused at once, not after the 1.5 s request ahead of it.
    expect(refused.ms).toBeLessThan(1000);
    expect((await Promise.all(held)).map((h) => h.status)).toEqual([200, 200, 200]);
  });
});
