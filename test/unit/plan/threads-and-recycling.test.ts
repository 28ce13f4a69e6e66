import { describe, expect, it } from 'vitest';
import { analyzeMmc, parseService, parseSlo, planCapacity, simulatePool, type SimulationInput } from '../../../src/plan/index.js';
import { serviceSampler } from '../../../src/scenario/index.js';

const exponential = serviceSampler({ dist: 'exponential', mean: 100 });
const constant100 = serviceSampler({ dist: 'constant', value: 100 });

describe('simulator: threads are c × T servers of the one queue', () => {
  const requests = 1_000_000;
  const ratePerSec = 0.7 * 4 * 10; // ρ = 0.7 on 4 servers of 100 ms mean service
  const base: SimulationInput = {
    workers: 2,
    threads: 2,
    arrivals: { kind: 'poisson', ratePerSec, count: requests },
    service: exponential,
    seed: 1,
    warmupMs: (0.05 * requests * 1000) / ratePerSec,
  };

  it('2 workers × 2 threads agree with Erlang C at c = 4 (mean wait within 5 %, P(wait) within 0.01, utilisation per server)', () => {
    const sim = simulatePool(base).summary;
    const exact = analyzeMmc({ ratePerSec, serviceMs: 100, workers: 4 });
    if (!exact.stable) throw new Error('unstable');
    expect(Math.abs(sim.waitMs.mean / exact.meanWaitMs - 1)).toBeLessThan(0.05);
    expect(Math.abs(sim.pWait - exact.pWait)).toBeLessThan(0.01);
    expect(sim.utilization).toBeCloseTo(0.7, 2);
  });

  it('are the same queue as 4 single-threaded workers, and records name the worker of the thread', () => {
    const small = { ...base, arrivals: { kind: 'poisson' as const, ratePerSec, count: 20_000 }, warmupMs: 0, records: true };
    const threaded = simulatePool(small);
    const flat = simulatePool({ ...small, workers: 4, threads: 1 });
    expect(threaded.summary).toEqual(flat.summary);
    const workers = new Set(threaded.records!.map((r) => r.worker));
    expect(workers).toEqual(new Set([0, 1]));
    // and not 2 single-threaded workers: those wait far more
    expect(simulatePool({ ...small, threads: 1, arrivals: { kind: 'poisson', ratePerSec: ratePerSec / 2, count: 20_000 } }).summary.waitMs.mean).toBeGreaterThan(
      threaded.summary.waitMs.mean,
    );
  });
});

describe('simulator: max-requests as a short unavailability', () => {
  it('1 worker, recycled every 10 requests for 50 ms: a burst of 30 × 100 ms starts at k·100 + ⌊k/10⌋·50', () => {
    const { records } = simulatePool({ workers: 1, arrivals: { kind: 'burst', count: 30, atMs: 0 }, service: constant100, recycleAfter: 10, recycleMs: 50, records: true });
    expect(records!.map((r) => r.startMs)).toEqual(Array.from({ length: 30 }, (_, k) => k * 100 + Math.floor(k / 10) * 50));
  });

  it('with 2 threads a worker of max-requests 10 takes each thread away every 5 requests', () => {
    const { records } = simulatePool({ workers: 1, threads: 2, arrivals: { kind: 'burst', count: 20, atMs: 0 }, service: constant100, recycleAfter: 10, recycleMs: 50, records: true });
    const starts = records!.map((r) => r.startMs!).sort((a, b) => a - b);
    // two at a time; after 5 rounds both threads are away 50 ms
    expect(starts).toEqual(Array.from({ length: 20 }, (_, i) => Math.floor(i / 2) * 100 + Math.floor(i / 10) * 50));
  });

  it('costs throughput in proportion: 50 ms per 10 × 100 ms', () => {
    const run = (recycle: boolean) =>
      simulatePool({
        workers: 1,
        arrivals: { kind: 'closed', clients: 1, durationMs: 105_000 },
        service: constant100,
        ...(recycle ? { recycleAfter: 10, recycleMs: 50 } : {}),
      }).summary.count;
    expect(run(false) / run(true)).toBeCloseTo(1050 / 1000, 2);
  });
});

describe('planCapacity with threads', () => {
  const input = { ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1s') };

  it('rows at w workers × 2 threads are the single-threaded rows at 2w workers, and the recommendation halves', () => {
    const flat = planCapacity(input);
    const threaded = planCapacity({ ...input, threads: 2 });
    expect(flat.recommended?.workers).toBe(6);
    expect(threaded.recommended?.workers).toBe(3);
    for (const row of threaded.rows) {
      const same = flat.rows.find((r) => r.workers === row.workers * 2);
      if (same) expect({ ...row, workers: row.workers * 2 }).toEqual(same);
    }
    expect(threaded.notes.join(' ')).toMatch(/2 threads/);
  });
});
