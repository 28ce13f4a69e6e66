import { describe, expect, it } from 'vitest';
import { parseService, parseSizeBytes, parseSlo, planCapacity, simulatePool, type CapacityPlan } from '../../../src/plan/index.js';
import { serviceSampler } from '../../../src/scenario/index.js';

describe('renewal arrivals with a given Ca²', () => {
  it('space arrivals by gamma gaps of the rate’s mean and the asked Ca²', () => {
    // 100 000 gaps: the mean's relative sd is √(Ca²/n) ≤ 0.5 %, the sample
    // Ca²'s relative sd √((2 + 6·Ca²)/n) ≤ 1.2 % for Ca² ≤ 2.5; 2 % and 5 %
    // are beyond 3.5 sd.
    for (const scv of [0.25, 2.5]) {
      const { records } = simulatePool({
        workers: 1000,
        arrivals: { kind: 'renewal', ratePerSec: 50, scv, count: 100_000 },
        service: serviceSampler({ dist: 'constant', value: 1 }),
        records: true,
        seed: 4,
      });
      const t = records!.map((r) => r.arrivalMs);
      const gaps = t.slice(1).map((x, i) => x - t[i]!);
      const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      const variance = gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (gaps.length - 1);
      expect(Math.abs(mean / 20 - 1)).toBeLessThan(0.02);
      expect(Math.abs(variance / mean ** 2 / scv - 1)).toBeLessThan(0.05);
    }
  });

  it('refuses a renewal spec without a valid Ca²', () => {
    expect(() => simulatePool({ workers: 1, arrivals: { kind: 'renewal', ratePerSec: 5, count: 10 }, service: () => 1 })).toThrow(/arrivals\[0\]\.scv must be a number in \(0, 100\]/);
  });

  it('plan analytically only where exact: Ca² 1 with exponential service; simulated otherwise, naming the arrivals', () => {
    const slo = parseSlo('p99<1s');
    const service = parseService('exp:120ms');
    expect(planCapacity({ ratePerSec: 40, service, slo, arrivalScv: 1 })).toMatchObject({ method: 'analytic', model: 'M/M/c', arrivals: 'Poisson (Ca² 1)' });
    const bursty = planCapacity({ ratePerSec: 40, service, slo, arrivalScv: 2.5, requests: 20_000, minWorkers: 6, maxWorkers: 6 });
    expect(bursty).toMatchObject({ method: 'simulated', model: 'simulation', arrivals: 'renewal, gamma gaps (Ca² 2.5)' });
    expect(planCapacity({ ratePerSec: 40, service, slo, arrivalScv: 0, requests: 20_000, minWorkers: 6, maxWorkers: 6 }).arrivals).toBe('constant spacing (Ca² 0)');
    expect(() => planCapacity({ ratePerSec: 40, service, slo, arrivalScv: 2, method: 'analytic' })).toThrow(/analytic method needs Poisson arrivals/);
    expect(() => planCapacity({ ratePerSec: 40, service, slo, arrivalScv: -1 })).toThrow(/arrivalScv must be a number from 0 to 100, got -1/);
  });

  it('make the queue wait grow with Ca² (same seeds, common random numbers)', () => {
    const wait = (arrivalScv: number): number =>
      planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1ms'), arrivalScv, method: 'simulated', requests: 50_000, minWorkers: 6, maxWorkers: 6 }).rows[0]!
        .meanWaitMs!;
    const [w0, w1, w3] = [0, 1, 3].map(wait) as [number, number, number];
    // Measured: 0.31×, 1× and 2.8× the Poisson wait (16, 52, 147 ms). Allen–Cunneen's
    // (Ca² + 1)/2 says 0.5×, 1×, 2×: right in direction, rough in size at ρ = 0.8.
    // The bounds below hold for any reasonable G/M/c and fail if Ca² is ignored.
    expect(w0 / w1).toBeLessThan(0.75);
    expect(w3 / w1).toBeGreaterThan(1.5);
  });
});

describe('resource limits on the recommendation', () => {
  // 40/s × exp 120 ms against p99 < 1 s needs 6 workers (Erlang C; see plan-capacity.test.ts).
  const base = { ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1s') } as const;
  const GiB = 2 ** 30;
  const MiB = 2 ** 20;

  it('read sizes with their units, binary and decimal, and refuse a bare number', () => {
    expect(parseSizeBytes('4GiB')).toBe(4 * GiB);
    expect(parseSizeBytes('120 MiB')).toBe(120 * MiB);
    expect(parseSizeBytes('1.5G')).toBe(1.5 * GiB);
    expect(parseSizeBytes('512MB')).toBe(512e6);
    for (const bad of ['lots', '120', '0GiB', '-1GiB', '4 GiBs']) expect(parseSizeBytes(bad)).toBeNull();
  });

  it('leave the recommendation alone when every limit allows it', () => {
    const plan = planCapacity({ ...base, limits: { memoryBytes: 4 * GiB, rssBytes: 600 * MiB, cores: 8, cpuShare: 0.5, dbConnections: 6 } });
    expect(plan.recommended?.workers).toBe(6);
    expect(plan.limits.caps.map((c) => [c.limit, c.maxWorkers])).toEqual([
      ['memory', 6],
      ['cores', 16],
      ['dbConnections', 6],
    ]);
    expect(plan.limits).toMatchObject({ sloWorkers: 6, binding: { limit: 'memory', maxWorkers: 6 } });
  });

  it.each<[string, CapacityPlan['limits']['caps'][number]['limit'], Parameters<typeof planCapacity>[0]['limits'], string]>([
    ['memory', 'memory', { memoryBytes: 4 * GiB, rssBytes: 800 * MiB }, 'the SLO needs 6 workers; 4 GiB holds 5 at 800 MiB each'],
    ['cores', 'cores', { cores: 4 }, 'the SLO needs 6 workers; 4 cores keep 4 busy workers going, CPU-bound (CPU share 1)'],
    ['a CPU share', 'cores', { cores: 2, cpuShare: 0.4 }, 'the SLO needs 6 workers; 2 cores keep 5 busy workers going, at a CPU share of 0.4'],
    ['database connections', 'dbConnections', { dbConnections: 5, memoryBytes: 8 * GiB, rssBytes: 100 * MiB }, 'the SLO needs 6 workers; 5 database connections serve 5 at one each'],
  ])('give null and name the binding limit when %s hold fewer than the SLO needs', (_, limit, limits, note) => {
    const plan = planCapacity({ ...base, ...(limits ? { limits } : {}) });
    expect(plan.recommended).toBeNull();
    expect(plan.note).toBe(note);
    expect(plan.limits.binding?.limit).toBe(limit);
    expect(plan.limits.sloWorkers).toBe(6);
    // The rows still show what the SLO needs.
    expect(plan.rows.find((r) => r.workers === 6)?.meetsSlo).toBe(true);
  });

  it('name the interval of a simulated plan in the note', () => {
    const plan = planCapacity({ ...base, service: parseService('gamma:120ms,0.5'), requests: 20_000, limits: { dbConnections: 3 } });
    expect(plan.note).toMatch(/^the SLO needs \d+ workers \(95 %: \d+(–\d+)?\); 3 database connections serve 3 at one each$/);
  });

  it('refuse an incomplete or impossible limit, naming every problem', () => {
    expect(() => planCapacity({ ...base, limits: { rssBytes: 100 * MiB, cores: 0, cpuShare: 2 } })).toThrow(
      /cores must be a whole number ≥ 1, got 0; cpuShare must be a share in \(0, 1\], got 2; rssBytes needs memoryBytes/,
    );
  });

  it('show gunicorn’s (2 × cores) + 1 with what it gives and the limits it breaks', () => {
    const plan = planCapacity({ ...base, limits: { cores: 4, cpuShare: 0.5 } });
    expect(plan.recommended?.workers).toBe(6);
    expect(plan.ruleOfThumb).toMatchObject({ cores: 4, workers: 9, breaks: ['cores'], row: { workers: 9, meetsSlo: true } });
    // (2 × 2) + 1 = 5 workers run at ρ = 0.96: stable, but far over the objective.
    const two = planCapacity({ ...base, ruleOfThumbCores: 2 });
    expect(two.ruleOfThumb).toMatchObject({ cores: 2, workers: 5, breaks: [], row: { workers: 5, stable: true, meetsSlo: false } });
    expect(planCapacity(base).ruleOfThumb).toBeNull();
  });
});
