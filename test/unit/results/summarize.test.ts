import { describe, expect, it } from 'vitest';
import { checkLittlesLaw, sampleRecords, summarizePhases, summarizeRequests, summarizeStats } from '../../../src/results/index.js';
import type { RequestRecord } from '../../../src/results/index.js';

const rec = (id: number, over: Partial<RequestRecord> = {}): RequestRecord => ({
  id,
  phase: 'burst#0',
  method: 'GET',
  path: '/sleep?ms=10000',
  scheduledMs: 0,
  sentMs: 0,
  latencyMs: 10000,
  status: 200,
  worker: 1,
  queueMs: 0,
  serviceMs: 10000,
  error: null,
  ...over,
});

describe('summarizeStats', () => {
  it('gives exact mean, min and max and percentiles within 0.1 %', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    const s = summarizeStats(values);
    expect(s.count).toBe(1000);
    expect(s.mean).toBe(500.5);
    expect(s.min).toBe(1);
    expect(s.max).toBe(1000);
    expect(s.p50).toBeCloseTo(500, -1);
    expect(Math.abs(s.p99 - 990) / 990).toBeLessThan(0.002);
  });
  it('keeps sub-millisecond resolution and ignores bad values', () => {
    const s = summarizeStats([0.25, 0.5, Number.NaN, -1]);
    expect(s.count).toBe(2);
    expect(s.min).toBe(0.25);
    expect(s.max).toBe(0.5);
  });
  it('returns zeros for no samples', () => {
    expect(summarizeStats([]).count).toBe(0);
  });
});

describe('summarizeRequests', () => {
  it('summarises the seed experiment as 10 s, 10 s, 20 s', () => {
    const s = summarizeRequests([
      rec(1),
      rec(2, { worker: 2 }),
      rec(3, { latencyMs: 20000, queueMs: 10000 }),
    ]);
    expect(s.count).toBe(3);
    expect(s.ok).toBe(3);
    expect(s.latencyMs.max).toBe(20000);
    expect(s.queueMs.max).toBe(10000);
    expect(s.durationMs).toBe(20000);
    expect(s.throughputRps).toBeCloseTo(0.15, 5);
  });
  it('counts errors and statuses, and skips missing timing headers', () => {
    const s = summarizeRequests([rec(1), rec(2, { status: 503, worker: null, queueMs: null, serviceMs: null }), rec(3, { status: 0, error: 'reset' })]);
    expect(s.errors).toBe(2);
    expect(s.status).toEqual({ '200': 1, '503': 1, '0': 1 });
    expect(s.queueMs.count).toBe(2);
  });
});

describe('summarizePhases', () => {
  it('keeps the plan order and summarises each phase apart', () => {
    const phases = summarizePhases([rec(1, { phase: 'b' }), rec(2, { phase: 'a' }), rec(3, { phase: 'b' })], [
      { name: 'a', kind: 'open' },
      { name: 'b', kind: 'burst' },
      { name: 'c', kind: 'burst' },
    ]);
    expect(phases.map((p) => [p.name, p.summary.count])).toEqual([['a', 1], ['b', 2], ['c', 0]]);
  });
});

describe('sampleRecords', () => {
  it('keeps everything under the cap', () => {
    const r = sampleRecords([rec(1), rec(2)], 5);
    expect(r.sampling).toEqual({ total: 2, kept: 2, sampled: false });
  });
  it('samples evenly over the run above the cap, and says so', () => {
    const all = Array.from({ length: 1000 }, (_, i) => rec(i, { scheduledMs: i }));
    const r = sampleRecords(all, 100);
    expect(r.sampling).toEqual({ total: 1000, kept: 100, sampled: true });
    expect(r.kept[0]!.id).toBe(0);
    expect(r.kept[99]!.id).toBe(990);
  });
});

describe('checkLittlesLaw', () => {
  it('agrees when the sampled queue matches arrival rate times wait', () => {
    // 10 arrivals per second for 10 s, each waiting 200 ms: Lq = 10 * 0.2 = 2.
    const records = Array.from({ length: 100 }, (_, i) => rec(i, { scheduledMs: i * 100, queueMs: 200 }));
    const timeline = Array.from({ length: 101 }, (_, i) => ({ tMs: i * 100, queue: 2, busy: 1 }));
    const check = checkLittlesLaw(records, timeline)!;
    expect(check.predictedQueueLength).toBeCloseTo(2, 5);
    expect(check.meanQueueLength).toBeCloseTo(2, 5);
    expect(check.ratio).toBeCloseTo(1, 5);
  });
  it('flags a mismatch', () => {
    const records = Array.from({ length: 100 }, (_, i) => rec(i, { scheduledMs: i * 100, queueMs: 200 }));
    const timeline = Array.from({ length: 101 }, (_, i) => ({ tMs: i * 100, queue: 0, busy: 1 }));
    expect(checkLittlesLaw(records, timeline)!.ratio).toBe(0);
  });
  it('counts only admitted requests as arrivals to the queue (a 503 never entered it)', () => {
    const admitted = Array.from({ length: 100 }, (_, i) => rec(i, { scheduledMs: i * 100, queueMs: 200 }));
    const refused = Array.from({ length: 100 }, (_, i) => rec(1000 + i, { scheduledMs: i * 100, status: 503, worker: null, queueMs: null, serviceMs: null }));
    const timeline = Array.from({ length: 101 }, (_, i) => ({ tMs: i * 100, queue: 2, busy: 1 }));
    expect(checkLittlesLaw([...admitted, ...refused], timeline)!.ratio).toBeCloseTo(1, 5);
  });

  it('leaves out the wait before the connect completed: a connection waiting on a SYN retry is not in the queue yet', () => {
    // Each waited 1,200 ms in all, 1,000 of them on a SYN retry and 200 in the queue.
    const records = Array.from({ length: 100 }, (_, i) => rec(i, { scheduledMs: i * 100, queueMs: 1200, connectMs: 1000 }));
    const timeline = Array.from({ length: 101 }, (_, i) => ({ tMs: i * 100, queue: 2, busy: 1 }));
    const check = checkLittlesLaw(records, timeline)!;
    expect(check.meanWaitMs).toBeCloseTo(200, 5);
    expect(check.ratio).toBeCloseTo(1, 5);
  });

  it('cannot judge without a timeline', () => {
    expect(checkLittlesLaw([rec(1)], [])).toBeNull();
  });
});
