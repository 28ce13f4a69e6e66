import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../../src/load/index.js';
import { buildPlan, parseScenario, type RunPlan } from '../../../src/scenario/index.js';
import type { RequestRecord } from '../../../src/results/types.js';
import { startTestServer, type TestServer } from './test-server.js';

function plan(yaml: string, options: { timeScale?: number; seed?: number; upstreamTimeoutMs?: number } = {}): RunPlan {
  return buildPlan(parseScenario(`name: t\n${yaml}`), {
    timeScale: options.timeScale ?? 1,
    seed: options.seed ?? 1,
    ...(options.upstreamTimeoutMs !== undefined ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
  });
}

const byPhase = (records: readonly RequestRecord[], phase: string): RequestRecord[] => records.filter((r) => r.phase === phase);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('runLoad: bursts', () => {
  it('sends N requests at once, each on its own connection', async () => {
    const seen = server.arrivals.length;
    const out = await runLoad(plan('load:\n  - burst: { count: 20, path: /hold?n=20 }\n'), { baseUrl: server.baseUrl });
    expect(out.records).toHaveLength(20);
    const arrivals = server.arrivals.slice(seen).filter((a) => a.path === '/hold?n=20');
    expect(arrivals).toHaveLength(20);
    expect(new Set(arrivals.map((a) => a.remotePort)).size).toBe(20);
    // The server answers /hold only once all 20 are in (or after 2 s): every answer coming before that
    // fallback shows that all 20 were in flight together.
    for (const r of out.records) {
      expect(r).toMatchObject({ phase: 'burst#0', method: 'GET', path: '/hold?n=20', status: 200, worker: 7, queueMs: 10, serviceMs: 20, error: null });
      expect(r.scheduledMs).toBe(out.records[0]!.scheduledMs);
      expect(r.sentMs).toBeGreaterThanOrEqual(r.scheduledMs);
      expect(r.latencyMs).toBeLessThan(1900);
    }
    expect(out.records.map((r) => r.id)).toEqual([...Array(20).keys()]);
  });
});

describe('runLoad: open arrivals', () => {
  it('sends exactly rate × duration, on schedule, with the right fields', async () => {
    const seen = server.arrivals.length;
    const progress: [number, number][] = [];
    const p = plan('load:\n  - open: { rate: 40, duration: 1s, path: /open }\n');
    const out = await runLoad(p, { baseUrl: server.baseUrl }, { onProgress: (d, t) => progress.push([d, t]) });
    expect(out.records).toHaveLength(40);
    expect(server.arrivals.slice(seen).filter((a) => a.path === '/open')).toHaveLength(40);
    const first = out.records[0]!.scheduledMs;
    out.records.forEach((r, k) => {
      expect(r.phase).toBe('open#0');
      expect(r.scheduledMs - first).toBeCloseTo(25 * k, 2);
      expect(r.sentMs).toBeGreaterThanOrEqual(r.scheduledMs);
      expect(r.latencyMs).toBeGreaterThan(0);
      expect(r.status).toBe(200);
    });
    expect(out.durationMs).toBeGreaterThanOrEqual(975);
    expect(progress.at(-1)).toEqual([40, 40]);
    expect(typeof out.startedAt).toBe('number');
  });

  it('runs scenario time × timeScale and reports scenario ms, timing headers scaled', async () => {
    const out = await runLoad(plan('load:\n  - open: { rate: 20, duration: 2s, path: /hello }\n  - burst: { count: 2, path: /bare }\n', { timeScale: 0.5 }), {
      baseUrl: server.baseUrl,
    });
    const open = byPhase(out.records, 'open#0');
    expect(open).toHaveLength(40);
    expect(open[1]!.scheduledMs - open[0]!.scheduledMs).toBeCloseTo(50, 1);
    expect(open.every((r) => r.queueMs === 20 && r.serviceMs === 40 && r.worker === 7)).toBe(true);
    expect(out.durationMs).toBeGreaterThanOrEqual(1950);
    const bare = byPhase(out.records, 'burst#1');
    expect(bare).toHaveLength(2);
    expect(bare.every((r) => r.status === 200 && r.worker === null && r.queueMs === null && r.serviceMs === null)).toBe(true);
    // Phases run one after another: the burst starts after the open phase has ended.
    expect(bare[0]!.scheduledMs).toBeGreaterThanOrEqual(open.at(-1)!.scheduledMs);
  });

  it('respects the mix weights, methods, headers and bodies, and appends service draws', async () => {
    const seen = server.arrivals.length;
    const out = await runLoad(
      plan(
        `load:
  - open:
      rate: 400
      duration: 1s
      requests:
        - { path: /a, weight: 3, service: { dist: uniform, min: 1ms, max: 2ms } }
        - { method: POST, path: /b, weight: 1, body: { n: 1 }, headers: { Content-Type: application/json } }
`,
        { timeScale: 0.5, seed: 5 },
      ),
      { baseUrl: server.baseUrl },
    );
    expect(out.records).toHaveLength(400);
    const a = out.records.filter((r) => r.path.startsWith('/a?ms='));
    const share = a.length / 400;
    expect(Math.abs(share - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / 400));
    const posts = server.arrivals.slice(seen).filter((x) => x.path === '/b');
    expect(posts.length).toBe(400 - a.length);
    expect(posts.every((x) => x.method === 'POST' && x.body === '{"n":1}')).toBe(true);
  });

  it('starts a parallel phase together with the previous one, and a sequential one after it', async () => {
    const out = await runLoad(
      plan('load:\n  - burst: { count: 2, path: /sleep?ms=300 }\n  - parallel: true\n    open: { rate: 20, duration: 200ms, path: /hello }\n  - burst: { count: 1, path: /hello }\n'),
      { baseUrl: server.baseUrl },
    );
    const burst = byPhase(out.records, 'burst#0');
    const open = byPhase(out.records, 'open#1');
    const after = byPhase(out.records, 'burst#2');
    expect(open).toHaveLength(4);
    expect(open[0]!.scheduledMs).toBeCloseTo(burst[0]!.scheduledMs, 0);
    expect(after[0]!.scheduledMs).toBeGreaterThanOrEqual(300);
  });

  it('ramps the rate up as planned', async () => {
    const p = plan('load:\n  - ramp: { from: 20, to: 180, duration: 2s, path: /hello }\n', { timeScale: 0.5 });
    const out = await runLoad(p, { baseUrl: server.baseUrl });
    expect(out.records).toHaveLength(p.phases[0]!.expectedRequests!);
    const first = out.records.filter((r) => r.scheduledMs < 500).length;
    const last = out.records.filter((r) => r.scheduledMs >= 1500).length;
    // (20 + 60) / 2 × 0.5 s = 20 versus (140 + 180) / 2 × 0.5 s = 80.
    expect(Math.abs(first - 20)).toBeLessThanOrEqual(2);
    expect(Math.abs(last - 80)).toBeLessThanOrEqual(2);
  });
});

describe('runLoad: closed loops', () => {
  it('drives a closed phase without think time on its own loop, one record per request', async () => {
    const out = await runLoad(plan('load:\n  - closed: { clients: 4, amount: 40, path: /hello }\n'), { baseUrl: server.baseUrl });
    expect(out.records).toHaveLength(40);
    for (const r of out.records) {
      expect(r).toMatchObject({ phase: 'closed#0', path: '/hello', status: 200, worker: 7, queueMs: 10, serviceMs: 20, error: null });
      expect(r.sentMs).toBe(r.scheduledMs);
    }
  });

  it('stops a closed phase at its duration, recording only what was sent before the end', async () => {
    const out = await runLoad(plan('load:\n  - closed: { clients: 2, duration: 400ms, requests: [{ path: /sleep, service: { dist: constant, value: 5ms } }] }\n'), {
      baseUrl: server.baseUrl,
    });
    expect(out.records.length).toBeGreaterThan(2);
    expect(out.records.every((r) => r.sentMs <= 400 + 0.001 && r.path === '/sleep?ms=5' && r.status === 200)).toBe(true);
  });

  it('with think time, clients wait before each next request', async () => {
    const seen = server.arrivals.length;
    const out = await runLoad(plan('load:\n  - closed: { clients: 2, duration: 1s, thinkTime: 100ms, path: /think }\n'), { baseUrl: server.baseUrl });
    // At most one request per client per 100 ms of think time.
    expect(out.records.length).toBeGreaterThanOrEqual(4);
    expect(out.records.length).toBeLessThanOrEqual(22);
    const mine = server.arrivals.slice(seen).filter((a) => a.path === '/think');
    expect(mine).toHaveLength(out.records.length);
    expect(new Set(mine.map((a) => a.remotePort)).size).toBe(2);
    for (const r of out.records) expect(r).toMatchObject({ phase: 'closed#0', status: 200, worker: 7 });
    const perClient = new Map<number, number[]>();
    mine.forEach((a) => perClient.set(a.remotePort, [...(perClient.get(a.remotePort) ?? []), a.atWall]));
    for (const times of perClient.values()) for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(99);
  });
});

describe('runLoad: failures', () => {
  it('records refused connections as status 0 without throwing', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const out = await runLoad(plan('load:\n  - burst: { count: 3, path: /hello }\n  - open: { rate: 20, duration: 200ms, path: /hello }\n'), { baseUrl: `http://127.0.0.1:${port}` });
    expect(out.records).toHaveLength(7);
    expect(out.records.every((r) => r.status === 0 && r.error === 'ECONNREFUSED' && r.worker === null)).toBe(true);
  });

  it('gives up on requests still out after the drain and records them as timeouts', async () => {
    const out = await runLoad(plan('load:\n  - burst: { count: 2, path: /hang }\n', { upstreamTimeoutMs: 200 }), { baseUrl: server.baseUrl });
    expect(out.records).toHaveLength(2);
    for (const r of out.records) {
      expect(r).toMatchObject({ status: 0, error: 'timeout' });
      expect(r.latencyMs).toBeGreaterThanOrEqual(1200);
    }
  });

  // Issue 9, item 8: closed phases with and without think time end the same way.
  it.each([
    ['without think time', 'closed: { clients: 2, duration: 100ms, path: /hang }'],
    ['with think time', 'closed: { clients: 2, duration: 100ms, thinkTime: 10ms, path: /hang }'],
    ['bounded by amount', 'closed: { clients: 2, amount: 2, path: /hang }'],
  ])('records the requests of a closed phase (%s) still out at its deadline as timeouts', async (_name, phase) => {
    const out = await runLoad(plan(`load:\n  - ${phase}\n`, { upstreamTimeoutMs: 200 }), { baseUrl: server.baseUrl });
    expect(out.records).toHaveLength(2);
    for (const r of out.records) {
      expect(r).toMatchObject({ phase: 'closed#0', path: '/hang', status: 0, error: 'timeout' });
      // The deadline is 1200 ms (upstream timeout 200 ms + 1 s) from the phase's start; a closed client's
      // request leaves a few ms after it, so the record ends at the deadline, not 1200 ms after its own send.
      expect(r.scheduledMs + r.latencyMs).toBeGreaterThanOrEqual(1200);
    }
  });

  it('stops promptly on abort and returns what was recorded', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const out = await runLoad(plan('load:\n  - open: { rate: 50, duration: 20s, path: /hello }\n  - burst: { count: 5, path: /hello }\n'), { baseUrl: server.baseUrl }, { signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(out.records.length).toBeGreaterThan(0);
    expect(out.records.length).toBeLessThan(1000);
    expect(out.records.every((r) => r.phase === 'open#0' && r.status === 200)).toBe(true);
  });

  it('refuses a non-loopback target before sending anything', async () => {
    await expect(runLoad(plan('load:\n  - burst: { count: 1, path: /hello }\n'), { baseUrl: 'http://192.0.2.1:80' })).rejects.toMatchObject({ code: 'E_NOT_LOOPBACK' });
  });
});
