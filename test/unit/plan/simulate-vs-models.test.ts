import { describe, expect, it } from 'vitest';
import {
  analyzeMmc,
  analyzeMmck,
  mmckResponseQuantileMs,
  mmckWaitQuantileMs,
  simulatePool,
  type SimSummary,
} from '../../../src/plan/index.js';
import { serviceSampler } from '../../../src/scenario/index.js';

const constantSampler = (value: number) => serviceSampler({ dist: 'constant', value });
const exponentialSampler = (mean: number) => serviceSampler({ dist: 'exponential', mean });

/** M/M/c (or M/M/c/K) by simulation: Poisson arrivals at ρ·c·μ, exponential 100 ms service, seed 1, the first 5 % of the run as warm-up. */
function simulate(workers: number, rho: number, requests: number, listen = Infinity): SimSummary {
  const ratePerSec = rho * workers * 10;
  return simulatePool({
    workers,
    listen,
    arrivals: { kind: 'poisson', ratePerSec, count: requests },
    service: exponentialSampler(100),
    seed: 1,
    warmupMs: (0.05 * requests * 1000) / ratePerSec,
  }).summary;
}

/*
 * Why 5 % holds, and how many requests each case needs.
 * The simulated mean wait is an average of strongly correlated waits, so its
 * error shrinks like σ₁/√n with a σ₁ that explodes as ρ → 1 (Whitt, "Planning
 * queueing simulations", Mgmt Sci 1989: for M/M/1 the relative variance per
 * customer is about 2(1+ρ)/(ρ(1−ρ)²), 1 640 at ρ = 0.95) and when waiting is
 * rare (c = 64, ρ = 0.8: C = 0.056, waits come in rare bursts). We measured the
 * relative standard deviation of the error over 12 seeds at 200 000 requests
 * and sized each run so that 5 % is at least 3 standard deviations:
 * n = 200 000·(sd₂₀₀ₖ / 1.67 %)², rounded up, never under 200 000 (`sd200k`
 * below records the measurement). At these sizes a check over seeds 1–6 gave
 * errors with sd 1.3–1.6 % (2.3 % for c = 64, ρ = 0.8, a 6-seed estimate),
 * and seed 1, used here, lands within 3.6 % in every case. The long runs are
 * long on purpose: about 46 M requests, 13 s of CPU on the shared 2-core box.
 */
const CASES: readonly { c: number; rho: number; sd200k: number; requests: number }[] = [
  { c: 1, rho: 0.5, sd200k: 0.0103, requests: 200_000 },
  { c: 1, rho: 0.8, sd200k: 0.0286, requests: 600_000 },
  { c: 1, rho: 0.95, sd200k: 0.0831, requests: 5_000_000 },
  { c: 2, rho: 0.5, sd200k: 0.0156, requests: 200_000 },
  { c: 2, rho: 0.8, sd200k: 0.0325, requests: 800_000 },
  { c: 2, rho: 0.95, sd200k: 0.0853, requests: 5_300_000 },
  { c: 8, rho: 0.5, sd200k: 0.0555, requests: 2_200_000 },
  { c: 8, rho: 0.8, sd200k: 0.0479, requests: 1_700_000 },
  { c: 8, rho: 0.95, sd200k: 0.0948, requests: 6_500_000 },
  { c: 64, rho: 0.8, sd200k: 0.1355, requests: 13_200_000 },
  { c: 64, rho: 0.95, sd200k: 0.1239, requests: 11_100_000 },
];

describe('simulator vs Erlang C (M/M/c mean wait)', () => {
  for (const { c, rho, requests } of CASES) {
    it(`c = ${c}, ρ = ${rho}: within 5 % over ${requests.toLocaleString('en')} requests`, () => {
      const exact = analyzeMmc({ ratePerSec: rho * c * 10, serviceMs: 100, workers: c });
      if (!exact.stable) throw new Error(exact.reason);
      const s = simulate(c, rho, requests);
      expect(Math.abs(s.waitMs.mean / exact.meanWaitMs - 1)).toBeLessThan(0.05);
      expect(s.utilization).toBeCloseTo(rho, 1);
    });
  }

  it('c = 64, ρ = 0.5: agrees that nobody waits (C = 4.3e-7, E[Wq] = 1.3e-6 ms)', () => {
    // 5 % of 1.3e-6 ms cannot be resolved by any feasible run: 200 000 requests
    // expect 0.09 waiting requests. What can be checked is that waiting is as
    // rare as the model says: a single waiter would add about 1/(cμ − λ)/n ≈ 2e-5 ms.
    const exact = analyzeMmc({ ratePerSec: 320, serviceMs: 100, workers: 64 });
    if (!exact.stable) throw new Error(exact.reason);
    expect(exact.pWait).toBeLessThan(1e-6);
    const s = simulate(64, 0.5, 200_000);
    expect(s.pWait).toBeLessThan(1e-4);
    expect(s.waitMs.mean).toBeLessThan(1e-3);
  });
});

describe('simulator vs M/M/c/K (bounded listen queue)', () => {
  // At 300 000 requests the errors over seeds 1–6 had sd ≤ 1.1 % for the refused
  // share and ≤ 0.6 % for the percentiles, so 5 % and 3 % are ≥ 4.5 sd.
  const cases = [
    { c: 1, listen: 1, rho: 1 },
    { c: 2, listen: 3, rho: 0.9 },
    { c: 4, listen: 10, rho: 1.2 },
  ];
  for (const { c, listen, rho } of cases) {
    it(`c = ${c}, listen = ${listen}, ρ = ${rho}: refused share, mean and p99 wait, p99 latency`, () => {
      const m = analyzeMmck({ ratePerSec: rho * c * 10, serviceMs: 100, workers: c, capacity: c + listen });
      const s = simulate(c, rho, 300_000, listen);
      expect(Math.abs(s.refused / s.count / m.pBlock - 1)).toBeLessThan(0.05);
      expect(Math.abs(s.waitMs.mean / m.meanWaitMs - 1)).toBeLessThan(0.05);
      expect(Math.abs(s.pWait / m.pWait - 1)).toBeLessThan(0.03);
      expect(Math.abs(s.waitMs.p99 / mmckWaitQuantileMs(m, 0.99) - 1)).toBeLessThan(0.03);
      expect(Math.abs(s.latencyMs.p99 / mmckResponseQuantileMs(m, 0.99) - 1)).toBeLessThan(0.03);
      expect(s.maxQueue).toBe(listen);
    });
  }
});
