import { describe, expect, it } from 'vitest';
import { allenCunneen, analyzeMmc, fitUsl, uslThroughput } from '../../../src/plan/index.js';
import { createRng } from '../../../src/random/index.js';

describe('fitUsl', () => {
  const truth = { lambda: 1_000, sigma: 0.05, kappa: 0.001 };
  const ns = [1, 2, 4, 8, 16, 24, 32, 48, 64];

  it('recovers the parameters of noiseless synthetic data', () => {
    const fit = fitUsl(ns.map((n) => ({ n, throughput: uslThroughput(truth, n) })));
    expect(fit.lambda / truth.lambda).toBeCloseTo(1, 6);
    expect(fit.sigma / truth.sigma).toBeCloseTo(1, 5);
    expect(fit.kappa / truth.kappa).toBeCloseTo(1, 5);
    expect(fit.rSquared).toBeCloseTo(1, 10);
    // N* = √((1 − σ)/κ) = √950 ≈ 30.82.
    expect(fit.peakN).toBeCloseTo(Math.sqrt(950), 3);
    expect(fit.peakThroughput).toBeCloseTo(uslThroughput(truth, Math.sqrt(950)), 2);
    expect(fit.curve).toHaveLength(128);
    expect(fit.curve[0]).toEqual({ n: 1, throughput: uslThroughput(fit, 1) });
  });

  it('recovers them within a few percent from data with 1 % noise', () => {
    const rng = createRng(4);
    const noisy = ns.flatMap((n) =>
      [0, 1, 2].map(() => ({ n, throughput: uslThroughput(truth, n) * (1 + 0.02 * (rng.next() - 0.5) * Math.sqrt(3)) })),
    );
    const fit = fitUsl(noisy);
    expect(Math.abs(fit.lambda / truth.lambda - 1)).toBeLessThan(0.02);
    expect(Math.abs(fit.sigma / truth.sigma - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.kappa / truth.kappa - 1)).toBeLessThan(0.15);
    expect(fit.rSquared).toBeGreaterThan(0.99);
  });

  it('keeps σ, κ ≥ 0 and reports no peak for linear scaling', () => {
    const fit = fitUsl([1, 2, 3, 4, 5].map((n) => ({ n, throughput: 100 * n })));
    expect(fit.sigma).toBeGreaterThanOrEqual(0);
    expect(fit.kappa).toBeGreaterThanOrEqual(0);
    expect(fit.sigma).toBeLessThan(1e-8);
    expect(fit.kappa).toBeLessThan(1e-8);
    expect(fit.peakN).toBeNull();
    expect(fit.lambda).toBeCloseTo(100, 6);
  });

  it('rejects too few or bad points with E_PLAN_INVALID', () => {
    expect(() => fitUsl([{ n: 1, throughput: 1 }, { n: 2, throughput: 2 }])).toThrow(expect.objectContaining({ code: 'E_PLAN_INVALID' }));
    expect(() => fitUsl([{ n: 0, throughput: 1 }, { n: 2, throughput: 2 }, { n: 3, throughput: -1 }])).toThrow(/points\[0\]\.n.*points\[2\]\.throughput/);
  });
});

describe('allenCunneen', () => {
  it('is exact for M/M/c (Ca² = Cs² = 1)', () => {
    const mmc = analyzeMmc({ ratePerSec: 21, serviceMs: 100, workers: 3 });
    const ac = allenCunneen({ ratePerSec: 21, serviceMs: 100, workers: 3, ca2: 1, cs2: 1 });
    if (!mmc.stable || !ac.stable) throw new Error('expected stable');
    expect(ac.meanWaitMs).toBeCloseTo(mmc.meanWaitMs, 12);
  });

  it('gives Pollaczek–Khinchine for M/D/1: half the M/M/1 wait', () => {
    // M/D/1, ρ = 0.8, S = 100 ms: Wq = ρS/(2(1−ρ)) = 200 ms.
    const ac = allenCunneen({ ratePerSec: 8, serviceMs: 100, workers: 1, ca2: 1, cs2: 0 });
    if (!ac.stable) throw new Error(ac.reason);
    expect(ac.meanWaitMs).toBeCloseTo(200, 9);
    expect(ac.meanResponseMs).toBeCloseTo(300, 9);
  });

  it('refuses ρ ≥ 1 and bad variabilities', () => {
    expect(allenCunneen({ ratePerSec: 10, serviceMs: 100, workers: 1, ca2: 1, cs2: 1 })).toMatchObject({ stable: false });
    expect(() => allenCunneen({ ratePerSec: 1, serviceMs: 100, workers: 1, ca2: -1, cs2: 1 })).toThrow(/ca2/);
  });
});
