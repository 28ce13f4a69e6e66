import { describe, expect, it } from 'vitest';
import {
  inSequence,
  simulatePool,
  type SimRecord,
} from '../../../src/plan/index.js';
import { serviceSampler } from '../../../src/scenario/index.js';

const constantSampler = (value: number) => serviceSampler({ dist: 'constant', value });
const exponentialSampler = (mean: number) => serviceSampler({ dist: 'exponential', mean });

const pick = (records: readonly SimRecord[] | null, field: keyof SimRecord): unknown[] => (records ?? []).map((r) => r[field]);

describe('simulatePool: the pool semantics', () => {
  it('reproduces the seed experiment: 2 workers, 3 × 10 s at once → 10, 10, 20 s', () => {
    const { summary, records } = simulatePool({
      workers: 2,
      arrivals: { kind: 'burst', count: 3, atMs: 0 },
      service: constantSampler(10_000),
      records: true,
    });
    expect(pick(records, 'latencyMs')).toEqual([10_000, 10_000, 20_000]);
    expect(pick(records, 'queueMs')).toEqual([0, 0, 10_000]);
    expect(pick(records, 'worker')).toEqual([0, 1, 0]);
    expect(pick(records, 'status')).toEqual([200, 200, 200]);
    expect(summary).toMatchObject({ count: 3, served: 3, refused: 0, maxQueue: 1, eventsProcessed: 6, durationMs: 20_000 });
    expect(summary.latencyMs).toMatchObject({ min: 10_000, p50: 10_000, p99: 20_000, max: 20_000 });
    expect(summary.pWait).toBeCloseTo(1 / 3, 15);
    // 40 s of work over 2 workers × 20 s.
    expect(summary.utilization).toBe(0.75);
  });

  it('refuses with 503 what the listen queue cannot hold (1 worker, listen 4, 12 at once)', () => {
    const { summary, records } = simulatePool({
      workers: 1,
      listen: 4,
      arrivals: { kind: 'burst', count: 12 },
      service: constantSampler(2_000),
      records: true,
    });
    expect(pick(records, 'status')).toEqual([200, 200, 200, 200, 200, 503, 503, 503, 503, 503, 503, 503]);
    expect(pick(records, 'latencyMs').slice(0, 5)).toEqual([2_000, 4_000, 6_000, 8_000, 10_000]);
    expect(records?.[5]).toMatchObject({ startMs: null, queueMs: null, worker: null, latencyMs: 0 });
    expect(summary).toMatchObject({ count: 12, served: 5, refused: 7, maxQueue: 4 });
    // Latency and wait figures cover admitted requests only.
    expect(summary.latencyMs.count).toBe(5);
  });

  it('kills a request past harakiri (502) and frees the worker after the respawn delay', () => {
    const services = [500, 3_000, 500];
    let i = 0;
    const { summary, records } = simulatePool({
      workers: 1,
      arrivals: { kind: 'burst', count: 3 },
      service: () => services[i++] as number,
      harakiriMs: 1_000,
      respawnMs: 250,
      records: true,
    });
    expect(pick(records, 'status')).toEqual([200, 502, 200]);
    // #1 starts at 500, is killed at 1500 (latency 1500); the worker is back at 1750 for #2.
    expect(pick(records, 'startMs')).toEqual([0, 500, 1_750]);
    expect(pick(records, 'latencyMs')).toEqual([500, 1_500, 2_250]);
    expect(pick(records, 'serviceMs')).toEqual([500, 1_000, 500]);
    expect(summary).toMatchObject({ served: 2, harakiri: 1, timeouts: 0 });
  });

  it('answers 504 at the upstream timeout while the worker runs the request to its end', () => {
    const { summary, records } = simulatePool({
      workers: 1,
      arrivals: { kind: 'burst', count: 3 },
      service: constantSampler(4_000),
      upstreamTimeoutMs: 6_000,
      records: true,
    });
    // #0 0–4 s (200). #1 queued, runs 4–8 s: the client gave up at 6 s (504). #2 runs 8–12 s though its client left at 6 s.
    expect(pick(records, 'status')).toEqual([200, 504, 504]);
    expect(pick(records, 'latencyMs')).toEqual([4_000, 6_000, 6_000]);
    expect(pick(records, 'startMs')).toEqual([0, 4_000, 8_000]);
    expect(pick(records, 'serviceMs')).toEqual([4_000, 4_000, 4_000]);
    expect(summary).toMatchObject({ served: 1, timeouts: 2, durationMs: 12_000 });
    expect(summary.utilization).toBe(1);
  });

  it('reports 504, not 502, when the proxy gives up before harakiri fires', () => {
    const { records } = simulatePool({
      workers: 1,
      arrivals: { kind: 'burst', count: 1 },
      service: constantSampler(10_000),
      harakiriMs: 5_000,
      upstreamTimeoutMs: 3_000,
      records: true,
    });
    expect(records?.[0]).toMatchObject({ status: 504, latencyMs: 3_000, serviceMs: 5_000 });
  });

  it('lets a closed-loop client give up at the timeout, think, and send again', () => {
    // 1 worker, 10 s requests, 3 s timeout. A's first request runs (its client sees 504 at 3 s); B's queues and
    // is given up at 3 s too. Both think 1 s and send again at 4 s, then 8 s; the 9 s horizon stops them.
    const { records } = simulatePool({
      workers: 1,
      arrivals: { kind: 'closed', clients: 2, thinkTimeMs: 1_000, durationMs: 9_000 },
      service: constantSampler(10_000),
      upstreamTimeoutMs: 3_000,
      records: true,
    });
    expect(pick(records, 'arrivalMs')).toEqual([0, 0, 4_000, 4_000, 8_000, 8_000]);
    // Every abandoned request still occupies the worker in turn, FIFO.
    expect(pick(records, 'startMs')).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(pick(records, 'status')).toEqual([504, 504, 504, 504, 504, 504]);
    expect(pick(records, 'latencyMs')).toEqual([3_000, 3_000, 3_000, 3_000, 3_000, 3_000]);
  });

  it('runs closed clients to their amount, each sending again after its response plus think time', () => {
    const { summary, records } = simulatePool({
      workers: 2,
      arrivals: { kind: 'closed', clients: 2, thinkTimeMs: 50, amount: 6 },
      service: constantSampler(100),
      records: true,
    });
    expect(summary.count).toBe(6);
    expect(pick(records, 'arrivalMs')).toEqual([0, 0, 150, 150, 300, 300]);
    expect(summary.waitMs.max).toBe(0);
  });

  it('spaces constant arrivals exactly and stops at the duration or count', () => {
    const { records } = simulatePool({
      workers: 1,
      arrivals: [
        { kind: 'constant', ratePerSec: 4, durationMs: 1_000, startMs: 500 },
        { kind: 'constant', ratePerSec: 1_000, count: 3, startMs: 10_000 },
      ],
      service: constantSampler(1),
      records: true,
    });
    expect(pick(records, 'arrivalMs')).toEqual([500, 750, 1_000, 1_250, 10_000, 10_001, 10_002]);
    expect(pick(records, 'source')).toEqual(['constant#0', 'constant#0', 'constant#0', 'constant#0', 'constant#1', 'constant#1', 'constant#1']);
  });

  it('places a deterministic ramp where its expected count reaches each integer', () => {
    // 0 → 4 per s over 2 s: Λ(t) = t²/1000 (t in s ⇒ Λ = t²), 4 arrivals, at t = √i s.
    const { records } = simulatePool({
      workers: 10,
      arrivals: { kind: 'ramp', fromPerSec: 0, toPerSec: 4, durationMs: 2_000, process: 'deterministic' },
      service: constantSampler(1),
      records: true,
    });
    const at = pick(records, 'arrivalMs') as number[];
    expect(at).toHaveLength(4);
    at.forEach((t, i) => expect(t).toBeCloseTo(1_000 * Math.sqrt(i), 9));
  });

  it('draws about ∫λ(t)dt arrivals from a Poisson ramp, denser at the fast end', () => {
    const { records } = simulatePool({
      workers: 1_000,
      arrivals: { kind: 'ramp', fromPerSec: 1_000, toPerSec: 3_000, durationMs: 100_000 },
      service: constantSampler(1),
      records: true,
      seed: 11,
    });
    const at = pick(records, 'arrivalMs') as number[];
    // Expected 200 000, sd √200 000 ≈ 447: ±2 000 is 4.5 sd.
    expect(Math.abs(at.length - 200_000)).toBeLessThan(2_000);
    const firstHalf = at.filter((t) => t < 50_000).length;
    // Λ(50 s) = 1000·50 + 2000·50²/200 = 75 000 expected in the first half.
    expect(Math.abs(firstHalf - 75_000)).toBeLessThan(1_500);
    expect(at.every((t, i) => i === 0 || t >= (at[i - 1] as number))).toBe(true);
  });

  it('lays specs end to end with inSequence', () => {
    const specs = inSequence([
      { kind: 'burst', count: 1 },
      { kind: 'constant', ratePerSec: 1, durationMs: 2_000 },
      { kind: 'burst', count: 2 },
    ]);
    const { records } = simulatePool({ workers: 4, arrivals: specs, service: constantSampler(1), records: true });
    expect(pick(records, 'arrivalMs')).toEqual([0, 0, 1_000, 2_000, 2_000]);
    expect(() => inSequence([{ kind: 'poisson', ratePerSec: 1, count: 5 }, { kind: 'burst', count: 1 }])).toThrow(/durationMs/);
  });

  it('uses each spec’s own service sampler when it has one', () => {
    const { records } = simulatePool({
      workers: 2,
      arrivals: [
        { kind: 'burst', count: 1, service: constantSampler(10_000) },
        { kind: 'burst', count: 1, atMs: 1, service: constantSampler(50) },
      ],
      records: true,
    });
    expect(pick(records, 'serviceMs')).toEqual([10_000, 50]);
  });

  it('is deterministic under a seed and differs across seeds', () => {
    const run = (seed: number) =>
      simulatePool({ workers: 3, arrivals: { kind: 'poisson', ratePerSec: 25, count: 5_000 }, service: exponentialSampler(100), seed, records: true });
    const a = run(42);
    const b = run(42);
    const c = run(43);
    expect(b).toEqual(a);
    expect(c.summary.waitMs.mean).not.toBe(a.summary.waitMs.mean);
  });

  it('leaves warm-up arrivals out of the figures but simulates them', () => {
    const { summary } = simulatePool({
      workers: 1,
      arrivals: { kind: 'constant', ratePerSec: 1, durationMs: 10_000 },
      service: constantSampler(100),
      warmupMs: 5_000,
    });
    expect(summary.count).toBe(5);
    expect(summary.eventsProcessed).toBe(20);
    // 5 × 100 ms busy over the span from 5 s to the last completion at 9.1 s.
    expect(summary.utilization).toBeCloseTo(500 / 4_100, 12);
  });

  it('reports every bad field at once with E_PLAN_INVALID', () => {
    let message = '';
    try {
      simulatePool({
        workers: 0,
        listen: -1,
        arrivals: [{ kind: 'poisson', ratePerSec: -5 }, { kind: 'closed', clients: 0, durationMs: 1 }],
      });
    } catch (err) {
      expect(err).toMatchObject({ code: 'E_PLAN_INVALID' });
      message = (err as Error).message;
    }
    for (const part of ['workers must be', 'listen must be', 'arrivals[0].ratePerSec must be a finite number > 0, got -5', 'arrivals[0] must be bounded', 'arrivals[1].clients', 'arrivals[0].service']) {
      expect(message).toContain(part);
    }
  });

  it('stops sending at maxRequests and says so', () => {
    const { summary } = simulatePool({
      workers: 2,
      arrivals: { kind: 'closed', clients: 4, thinkTimeMs: () => 0, durationMs: 1_000 },
      listen: 0,
      service: constantSampler(10),
      maxRequests: 1_000,
    });
    expect(summary.truncated).toBe(true);
    expect(summary.count).toBe(1_000);
  });

  it('rejects closed clients that would retry a refusal at the same instant forever', () => {
    expect(() =>
      simulatePool({ workers: 1, listen: 2, arrivals: { kind: 'closed', clients: 4, durationMs: 1_000 }, service: constantSampler(10) }),
    ).toThrow(/no think time \(4\) must not outnumber workers \+ listen \(3\)/);
    // Three fit (one served, two queued), so they are fine.
    const { summary } = simulatePool({ workers: 1, listen: 2, arrivals: { kind: 'closed', clients: 3, amount: 30 }, service: constantSampler(10) });
    expect(summary).toMatchObject({ count: 30, refused: 0 });
  });
});
