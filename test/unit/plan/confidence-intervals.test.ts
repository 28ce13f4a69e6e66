import { describe, expect, it } from 'vitest';
import { analyzeMmc, parseService, parseSlo, planCapacity, tQuantile975, type CapacityRow } from '../../../src/plan/index.js';

/** One simulated M/M/c row (an objective no row meets, so no headroom search runs). */
function mmcRow(c: number, rho: number, requests: number, seed: number, replications?: number): CapacityRow {
  const plan = planCapacity({
    ratePerSec: (rho * c * 1000) / 100,
    service: { dist: 'exponential', mean: 100 },
    slo: parseSlo('p99<0.001ms'),
    method: 'simulated',
    minWorkers: c,
    maxWorkers: c,
    requests,
    seed,
    ...(replications !== undefined ? { replications } : {}),
  });
  return plan.rows[0]!;
}

describe('tQuantile975', () => {
  it('gives the table values and joins the normal quantile smoothly', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(9)).toBe(2.262);
    expect(tQuantile975(30)).toBe(2.042);
    // Exact t₀.₉₇₅ values: 40 → 2.0211, 60 → 2.0003, 120 → 1.9799.
    expect(tQuantile975(40)).toBeCloseTo(2.0211, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3);
    expect(tQuantile975(1e9)).toBeCloseTo(1.96, 3);
  });
});

describe('simulated rows: replications and 95 % intervals', () => {
  it('put every figure inside its interval, and carry the replication count', () => {
    const row = mmcRow(3, 0.7, 20_000, 1);
    const ci = row.ci!;
    expect(ci.replications).toBe(10);
    for (const [value, interval] of [
      [row.meanWaitMs, ci.meanWaitMs],
      [row.p99LatencyMs, ci.p99LatencyMs],
      [row.sloValueMs, ci.sloValueMs],
      [row.errorShare, ci.errorShare],
    ] as const) {
      expect(interval.low).toBeLessThanOrEqual(value!);
      expect(interval.high).toBeGreaterThanOrEqual(value!);
    }
    expect(ci.p99LatencyMs.high).toBeGreaterThan(ci.p99LatencyMs.low);
  });

  it('narrow with the run length: 16 × the requests, a quarter to half the width', () => {
    // Widths go as 1/√(requests per replication) once each replication is long
    // enough, so 16 × the requests would give ¼ the width (ratio 4). Percentiles
    // of a short replication (here 1 000 requests) have not reached their
    // asymptotic variance yet, so their ratio falls short of 4: over six seeds
    // it was 3.3–4.2 for the mean wait and 2.5–4.8 for the p99 latency. With
    // 40 replications a width's own relative sd is ≈ 1/√(2·39) ≈ 11 %, so the
    // log of a ratio has sd ≈ 0.16; 2–6.5 leaves more than 3 sd either side.
    const width = (r: CapacityRow, k: 'meanWaitMs' | 'p99LatencyMs'): number => r.ci![k].high - r.ci![k].low;
    const short = mmcRow(2, 0.5, 40_000, 3, 40);
    const long = mmcRow(2, 0.5, 640_000, 3, 40);
    for (const k of ['meanWaitMs', 'p99LatencyMs'] as const) {
      const ratio = width(short, k) / width(long, k);
      expect(ratio).toBeGreaterThan(2);
      expect(ratio).toBeLessThan(6.5);
    }
  });

  it('cover Erlang C’s mean wait in about 95 % of 200 seeded M/M/c cases', () => {
    // 200 independent cases (c ∈ {1, 2, 3, 5}, ρ ∈ {0.5 … 0.8}, 10 replications
    // of 2 000 requests each). If the intervals are right, the number covering
    // the truth is Binomial(200, 0.95): mean 190, sd √(200·0.95·0.05) = 3.1
    // (1.5 %). 180–198 (90–99 %) is −3.2 sd to +2.6 sd; a correct interval
    // lands outside it well under 1 % of the time, while intervals ~30 %
    // too narrow (a z instead of a t multiplier and a biased sd) cover ~85 %.
    // Measured: 191/200 (95.5 %).
    let covered = 0;
    for (let i = 0; i < 200; i++) {
      const c = [1, 2, 3, 5][i % 4]!;
      const rho = [0.5, 0.6, 0.7, 0.8][Math.floor(i / 4) % 4]!;
      const row = mmcRow(c, rho, 20_000, 1000 + i);
      const m = analyzeMmc({ ratePerSec: (rho * c * 1000) / 100, serviceMs: 100, workers: c });
      if (!m.stable) throw new Error('expected a stable M/M/c');
      if (row.ci!.meanWaitMs.low <= m.meanWaitMs && m.meanWaitMs <= row.ci!.meanWaitMs.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(180);
    expect(covered).toBeLessThanOrEqual(198);
  });
});

describe('the recommended count’s interval', () => {
  const slo = parseSlo('p99<500ms');

  it('is the recommendation alone in an analytic plan, whose rows are exact', () => {
    const plan = planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1s') });
    expect(plan.recommended).toMatchObject({ workers: 6, interval: { low: 6, high: 6 } });
    expect(plan.rows.every((r) => r.ci === null && r.verdict === (r.meetsSlo ? 'meets' : 'fails'))).toBe(true);
  });

  it('spans the counts whose verdict is uncertain, and a short run leaves more of them uncertain', () => {
    const plan = (requests: number) => planCapacity({ ratePerSec: 40, service: parseService('gamma:120ms,0.5'), slo, requests });
    for (const p of [plan(2_000), plan(50_000)]) {
      const rec = p.recommended!;
      expect(rec.interval.low).toBeLessThanOrEqual(rec.workers);
      expect(rec.interval.high).not.toBeNull();
      expect(rec.interval.high!).toBeGreaterThanOrEqual(rec.workers);
      for (const r of p.rows) {
        if (r.workers < rec.interval.low) expect(r.verdict).toBe('fails');
        if (r.workers >= rec.interval.low && r.workers < rec.interval.high!) expect(r.verdict).toBe('uncertain');
        if (r.workers === rec.interval.high) expect(r.verdict).toBe('meets');
      }
    }
    const short = plan(2_000).recommended!.interval;
    const long = plan(50_000).recommended!.interval;
    expect(short.high! - short.low).toBeGreaterThanOrEqual(long.high! - long.low);
  });

  it('stops scanning once no request waits, when the objective sits inside the service time’s own interval', () => {
    // The service alone has a p99 of 25·e^(0.9·2.326) ≈ 203 ms, so p99 < 206 ms
    // stays uncertain however many workers: the scan stops when waiting ends
    // instead of running to maxWorkers, and says no count is sure.
    const plan = planCapacity({ ratePerSec: 90, service: parseService('lognormal:25ms,0.9'), slo: parseSlo('p99<206ms'), requests: 100_000 });
    const last = plan.rows.at(-1)!;
    expect(last.pWait).toBe(0);
    expect(last.verdict).toBe('uncertain');
    expect(plan.rows.length).toBeLessThan(20);
    expect(plan.recommended?.interval.high).toBeNull();
  });
});
