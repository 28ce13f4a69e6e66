import { describe, expect, it } from 'vitest';
import {
  analyzeMmc,
  mmcResponseQuantileMs,
  parseService,
  parseSlo,
  planCapacity,
  type CapacityPlan,
  type CapacityRow,
} from '../../../src/plan/index.js';

function rowFor(plan: CapacityPlan, workers: number): CapacityRow {
  const row = plan.rows.find((r) => r.workers === workers);
  if (row === undefined) throw new Error(`no row for ${workers} workers`);
  return row;
}

function p99(ratePerSec: number, serviceMs: number, workers: number): number {
  const m = analyzeMmc({ ratePerSec, serviceMs, workers });
  return m.stable ? mmcResponseQuantileMs(m, 0.99) : Infinity;
}

describe('planCapacity, analytic (Poisson, exponential, no timeouts)', () => {
  const plan = planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1s') });

  it('uses Erlang C and recommends the smallest count that meets the objective', () => {
    expect(plan).toMatchObject({ method: 'analytic', model: 'M/M/c', ratePerSec: 40 });
    expect(plan.offeredLoad).toBeCloseTo(4.8, 12);
    const n = plan.recommended?.workers;
    if (n === undefined) throw new Error('expected a recommendation');
    // Checked against the model directly: n − 1 workers miss 1 s at p99, n workers meet it.
    expect(p99(40, 120, n - 1)).toBeGreaterThan(1_000);
    expect(p99(40, 120, n)).toBeLessThanOrEqual(1_000);
    expect(rowFor(plan, n - 1).meetsSlo).toBe(false);
    expect(rowFor(plan, n).meetsSlo).toBe(true);
    expect(rowFor(plan, n).p99LatencyMs).toBeCloseTo(p99(40, 120, n), 9);
    expect(rowFor(plan, n).sloValueMs).toBe(rowFor(plan, n).p99LatencyMs);
    // Two rows past the recommendation show the trend, then the scan stops.
    expect(plan.rows[plan.rows.length - 1]?.workers).toBe(n + 2);
  });

  it('marks ρ ≥ 1 rows unstable, without figures, and never meeting the objective', () => {
    // a = 4.8: the scan starts at ⌊a⌋ = 4, where ρ = 1.2.
    const first = plan.rows[0] as CapacityRow;
    expect(first).toMatchObject({ workers: 4, stable: false, meetsSlo: false, pWait: null, p99LatencyMs: null, sloValueMs: null });
    expect(first.utilization).toBeCloseTo(1.2, 12);
    expect(first.reason).toBe('utilisation 1.2 ≥ 1: the queue grows without bound');
    for (const row of plan.rows.slice(1)) expect(row.stable).toBe(true);
  });

  it('finds the headroom: the largest rate the recommended count still serves within the objective', () => {
    const rec = plan.recommended;
    if (rec === null) throw new Error('expected a recommendation');
    expect(rec.headroomRps).toBeGreaterThan(40);
    expect(rec.headroomRps).toBeLessThan((rec.workers * 1000) / 120);
    expect(p99(rec.headroomRps, 120, rec.workers)).toBeLessThanOrEqual(1_000);
    expect(p99(rec.headroomRps * 1.0001, 120, rec.workers)).toBeGreaterThan(1_000);
    expect(rec.spareRps).toBeCloseTo(rec.headroomRps - 40, 12);
  });

  it('judges by the objective’s own statistic but still reports p99', () => {
    const byMean = planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('mean<160ms') });
    const n = byMean.recommended?.workers as number;
    const row = rowFor(byMean, n);
    const m = analyzeMmc({ ratePerSec: 40, serviceMs: 120, workers: n });
    if (!m.stable) throw new Error(m.reason);
    expect(row.sloValueMs).toBeCloseTo(m.meanResponseMs, 9);
    expect(row.sloValueMs).toBeLessThanOrEqual(160);
    expect(rowFor(byMean, n - 1).sloValueMs).toBeGreaterThan(160);
    expect(row.p99LatencyMs).toBeGreaterThan(160);
  });

  it('uses M/M/c/K with a bounded listen queue and counts refusals against the objective', () => {
    const bounded = planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1s'), listen: 2, maxErrorShare: 0.001 });
    expect(bounded.model).toBe('M/M/c/K');
    const n = bounded.recommended?.workers as number;
    expect(rowFor(bounded, n).refusedShare).toBeLessThanOrEqual(0.001);
    expect(rowFor(bounded, n - 1).refusedShare).toBeGreaterThan(0.001);
    // The overloaded row has figures (the bounded queue keeps them finite) but is still unstable.
    expect(rowFor(bounded, 4)).toMatchObject({ stable: false, meetsSlo: false });
    expect(rowFor(bounded, 4).refusedShare).toBeGreaterThan(0.1);
  });

  it('stops early, with a note, when no waiting is left and service alone breaks the objective', () => {
    const hopeless = planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<400ms') });
    // Exp(120 ms) alone has p99 = 120·ln 100 ≈ 553 ms > 400 ms.
    expect(hopeless.recommended).toBeNull();
    expect(hopeless.note).toMatch(/more workers cannot help/);
    expect(hopeless.rows.length).toBeLessThan(60);
  });
});

describe('planCapacity, simulated', () => {
  const input = {
    ratePerSec: 40,
    service: parseService('uniform:50ms..190ms'),
    slo: parseSlo('p99<400ms'),
    requests: 20_000,
    seed: 3,
  };

  it('simulates when service is not exponential, and recommends the smallest meeting count', () => {
    const plan = planCapacity(input);
    expect(plan).toMatchObject({ method: 'simulated', model: 'simulation' });
    const n = plan.recommended?.workers as number;
    expect(rowFor(plan, n - 1).meetsSlo).toBe(false);
    expect(rowFor(plan, n).meetsSlo).toBe(true);
    expect(plan.rows.filter((r) => r.meetsSlo)[0]?.workers).toBe(n);
    expect(plan.rows[0]).toMatchObject({ workers: 4, stable: false, p99LatencyMs: null });
    const rec = plan.recommended;
    if (rec === null) throw new Error('expected a recommendation');
    expect(rec.headroomRps).toBeGreaterThan(40);
    expect(rec.headroomRps).toBeLessThan((n * 1000) / 120);
  });

  it('is deterministic under a seed', () => {
    expect(planCapacity(input)).toEqual(planCapacity(input));
    const other = planCapacity({ ...input, seed: 4 });
    expect(other.rows.map((r) => r.p99LatencyMs)).not.toEqual(planCapacity(input).rows.map((r) => r.p99LatencyMs));
  });

  it('agrees with the closed form when forced to simulate M/M/c', () => {
    const analytic = planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1s') });
    const simulated = planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1s'), method: 'simulated', requests: 100_000 });
    expect(simulated.method).toBe('simulated');
    const n = analytic.recommended?.workers as number;
    expect(simulated.recommended?.workers).toBe(n);
    expect(rowFor(simulated, n - 1).meetsSlo).toBe(false);
    // Rows with ρ ≤ 0.8: the p99 of 90 000 measured latencies is within a few percent (sd about 1 % over seeds).
    for (const w of [n, n + 1, n + 2]) {
      expect(Math.abs((rowFor(simulated, w).p99LatencyMs as number) / (rowFor(analytic, w).p99LatencyMs as number) - 1)).toBeLessThan(0.05);
    }
    expect(Math.abs((simulated.recommended?.headroomRps as number) / (analytic.recommended?.headroomRps as number) - 1)).toBeLessThan(0.05);
  });

  it('counts 504s from the upstream timeout as errors: too few workers fail on them', () => {
    const plan = planCapacity({ ...input, slo: parseSlo('p50<5s'), upstreamTimeoutMs: 300, maxErrorShare: 0.01 });
    const n = plan.recommended?.workers as number;
    const short = rowFor(plan, n - 1);
    expect(short.stable).toBe(true);
    expect(short.errorShare).toBeGreaterThan(0.01);
    expect(short.refusedShare).toBe(0);
    expect(rowFor(plan, n).errorShare).toBeLessThanOrEqual(0.01);
  });

  it('counts 502s from harakiri as errors that no worker count removes', () => {
    // uniform 50–190 ms with harakiri at 180 ms kills 10/140 ≈ 7 % of requests whatever the count.
    const plan = planCapacity({ ...input, slo: parseSlo('p99<5s'), harakiriMs: 180 });
    expect(plan.recommended).toBeNull();
    const last = plan.rows[plan.rows.length - 1] as CapacityRow;
    expect(last.errorShare).toBeGreaterThan(0.05);
    expect(last.errorShare).toBeLessThan(0.09);
    expect(plan.note).toMatch(/more workers cannot help/);
  });
});

describe('planCapacity, Allen–Cunneen beside simulated rows', () => {
  const slo = parseSlo('p99<1ms'); // never met: no headroom search, the rows alone are planned

  it('equals Pollaczek–Khinchine for M/D/1, and the simulation agrees', () => {
    // λ = 6/s, constant 100 ms service, c = 1: ρ = 0.6, E[Wq] = λ·E[S²]/(2(1 − ρ)) = 0.006 · 100² / 0.8 = 75 ms.
    const plan = planCapacity({ ratePerSec: 6, service: parseService('const:100ms'), slo, minWorkers: 1, maxWorkers: 1 });
    expect(plan.method).toBe('simulated');
    const row = rowFor(plan, 1);
    const rho = 0.6;
    const pk = (rho * 100) / (2 * (1 - rho));
    expect(row.approxMeanWaitMs).toBeCloseTo(pk, 9);
    expect(Math.abs((row.meanWaitMs as number) / pk - 1)).toBeLessThan(0.05);
    expect(plan.notes.join('\n')).toMatch(/Allen–Cunneen approximation .*Ca² = 1 \(Poisson arrivals\) and Cs² = 0 \(constant service\): exact for M\/M\/c and M\/G\/1/);
  });

  it('equals Erlang C’s mean wait for exponential service (a simulated M/M/c)', () => {
    const plan = planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo, method: 'simulated', requests: 50_000, minWorkers: 5, maxWorkers: 7 });
    expect(plan.rows.map((r) => r.workers)).toEqual([5, 6, 7]);
    for (const row of plan.rows) {
      const m = analyzeMmc({ ratePerSec: 40, serviceMs: 120, workers: row.workers });
      if (!m.stable) throw new Error('expected a stable M/M/c');
      expect(row.approxMeanWaitMs).toBeCloseTo(m.meanWaitMs, 9);
    }
  });

  it('halves Erlang C’s wait for constant arrivals and exponential service (Ca² = 0, Cs² = 1)', () => {
    const plan = planCapacity({ ratePerSec: 40, arrival: 'constant', service: parseService('exp:120ms'), slo, requests: 20_000, minWorkers: 6, maxWorkers: 6 });
    const m = analyzeMmc({ ratePerSec: 40, serviceMs: 120, workers: 6 });
    if (!m.stable) throw new Error('expected a stable M/M/c');
    expect(rowFor(plan, 6).approxMeanWaitMs).toBeCloseTo(m.meanWaitMs / 2, 9);
    expect(plan.notes.join('\n')).toMatch(/Ca² = 0 \(constant spacing\)/);
  });

  it('is absent from analytic and unstable rows, and says what it ignores under a bounded queue', () => {
    const analytic = planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1s') });
    expect(analytic.rows.every((r) => r.approxMeanWaitMs === null)).toBe(true);
    expect(analytic.notes).toEqual([]);
    const bounded = planCapacity({ ratePerSec: 40, service: parseService('const:120ms'), slo, listen: 10, requests: 5_000, minWorkers: 4, maxWorkers: 5 });
    expect(rowFor(bounded, 4).approxMeanWaitMs).toBeNull(); // ρ = 1.2: no steady state to approximate
    expect(rowFor(bounded, 5).approxMeanWaitMs).toBeGreaterThan(0);
    expect(bounded.notes.join('\n')).toMatch(/assumes an unbounded listen queue and no timeouts/);
  });
});

describe('planCapacity input checks', () => {
  it('reports every problem at once with E_PLAN_INVALID', () => {
    let message = '';
    try {
      planCapacity({ ratePerSec: 0, service: { dist: 'exponential', mean: -1 }, slo: { stat: 'p99', limitMs: 0 }, maxWorkers: 0 });
    } catch (err) {
      expect(err).toMatchObject({ code: 'E_PLAN_INVALID', exitCode: 2 });
      message = (err as Error).message;
    }
    for (const part of ['ratePerSec must be', 'service.mean must be', 'slo limit must be', 'maxWorkers must be']) expect(message).toContain(part);
  });

  it('refuses the analytic method where it does not apply', () => {
    expect(() => planCapacity({ ratePerSec: 10, service: parseService('const:100ms'), slo: parseSlo('p99<1s'), method: 'analytic' })).toThrow(/analytic method needs/);
  });
});
