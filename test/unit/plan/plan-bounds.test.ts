import { describe, expect, it } from 'vitest';
import { fitUsl, parseRate, parseService, parseSlo, planCapacity, planFromSources, uslPeakInSight, USL_PEAK_SIGHT, type PlanInputError } from '../../../src/plan/index.js';

describe('a max-workers below what the load needs (item 15)', () => {
  it('answers recommended: null and says the load needs more than a workers, instead of failing', () => {
    // 100/s × 100 ms = 10 Erlangs: 10 workers or fewer can never keep up.
    const plan = planCapacity({ ratePerSec: parseRate('100/s'), service: parseService('exp:100ms'), slo: parseSlo('p99<1s'), maxWorkers: 5 });
    expect(plan.recommended).toBeNull();
    expect(plan.rows).toEqual([]);
    expect(plan.offeredLoad).toBeCloseTo(10, 9);
    expect(plan.note).toMatch(/the load needs more than 10 workers to be stable/);
    expect(plan.note).toMatch(/allow at least 11/);
  });

  it('plans as before once max-workers covers the load', () => {
    const plan = planCapacity({ ratePerSec: 100, service: parseService('exp:100ms'), slo: parseSlo('p99<1s'), maxWorkers: 40 });
    expect(plan.recommended?.workers).toBeGreaterThan(10);
    expect(plan.rows[0]?.workers).toBe(10);
  });

  it('still refuses a max below an explicit min, naming the fields', () => {
    expect(() => planCapacity({ ratePerSec: 1, service: parseService('exp:100ms'), slo: parseSlo('p99<1s'), minWorkers: 8, maxWorkers: 4 })).toThrow(
      expect.objectContaining({ code: 'E_PLAN_INVALID', message: expect.stringContaining('maxWorkers (4) must be ≥ minWorkers (8)') }),
    );
  });
});

describe('planner defaults and messages', () => {
  it('name fields, never CLI flags, and let a front end rename them', () => {
    let err: unknown;
    try {
      planFromSources({ slo: parseSlo('p99<1s') });
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toBe('a plan needs ratePerSec and service, or fromResult (a results.json), or a scenario');
    const flags: Record<string, string> = { ratePerSec: '--rate', service: '--service', fromResult: '--from' };
    const renamed = (err as PlanInputError).renamed((f) => flags[f] ?? f);
    expect(renamed.message).toBe('a plan needs --rate and --service, or --from (a results.json), or a scenario');
    expect(renamed).toMatchObject({ code: 'E_PLAN_INVALID', exitCode: 2 });
    for (const bad of [() => parseRate('fast'), () => parseSlo('p99'), () => parseService('gamma:1ms')]) {
      expect(bad).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/--/) }));
    }
  });
});

describe('the USL peak in sight (item 15)', () => {
  it('reports a peak within 10× the largest count swept and none beyond', () => {
    expect(USL_PEAK_SIGHT).toBe(10);
    expect(uslPeakInSight(12, 8)).toBe(12);
    expect(uslPeakInSight(80, 8)).toBe(80);
    expect(uslPeakInSight(81, 8)).toBeNull();
    expect(uslPeakInSight(318_625_500, 8)).toBeNull();
    expect(uslPeakInSight(null, 8)).toBeNull();
  });

  it('sees no peak in a sleep-bound sweep, whose throughput grows linearly', () => {
    const points = [1, 2, 4, 8].map((n) => ({ n, throughput: 10 * n * (1 + 1e-6 * n) }));
    const fit = fitUsl(points);
    expect(uslPeakInSight(fit.peakN, 8)).toBeNull();
    const contended = [1, 2, 4, 8, 16].map((n) => ({ n, throughput: (100 * n) / (1 + 0.05 * (n - 1) + 0.01 * n * (n - 1)) }));
    const peak = uslPeakInSight(fitUsl(contended).peakN, 16);
    expect(peak).not.toBeNull();
    expect(peak!).toBeGreaterThan(5);
    expect(peak!).toBeLessThan(15);
  });
});
