import { describe, expect, it } from 'vitest';
import { createRng, standardGamma, standardNormal } from '../../../src/random/index.js';
import { fitService } from '../../../src/traffic/index.js';
import { gammaP, normalCdf } from '../../../src/traffic/distribution-math.js';

const sorted = (values: number[]) => Float64Array.from(values).sort();
const draw = (n: number, f: () => number) => sorted(Array.from({ length: n }, f));

describe('the CDFs behind the KS test', () => {
  it('match known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(gammaP(1, 1)).toBeCloseTo(1 - Math.exp(-1), 10); // the exponential
    expect(gammaP(2, 3)).toBeCloseTo(1 - 4 * Math.exp(-3), 10); // Erlang-2: 1 − e^{−x}(1 + x)
    expect(gammaP(0.5, 2)).toBeCloseTo(0.9544997, 6); // = erf(√2)
  });
});

describe('fitService', () => {
  it('chooses a lognormal for lognormal times, with its median and σ', () => {
    const rng = createRng(1);
    const fit = fitService(draw(5000, () => 20 * Math.exp(0.5 * standardNormal(rng))));
    expect(fit.dist.dist).toBe('lognormal');
    if (fit.dist.dist !== 'lognormal') return;
    // σ̂ has sd σ/√(2n) = 0.005, ln(median) sd σ/√n = 0.007.
    expect(fit.dist.sigma).toBeCloseTo(0.5, 1);
    expect(Math.abs(fit.dist.median / 20 - 1)).toBeLessThan(0.03);
  });

  it('chooses a gamma for gamma times, with their mean and Cs²', () => {
    const rng = createRng(2);
    const fit = fitService(draw(5000, () => 30 * standardGamma(rng, 2)));
    expect(fit.dist).toMatchObject({ dist: 'gamma' });
    if (fit.dist.dist !== 'gamma') return;
    expect(Math.abs(fit.dist.mean / 60 - 1)).toBeLessThan(0.03);
    expect(Math.abs(fit.dist.cs2 - 0.5)).toBeLessThan(0.05);
  });

  it('keeps the empirical distribution for a bimodal mix that neither fits, and for fewer than 20 values', () => {
    const rng = createRng(3);
    const mix = draw(5000, () => (rng.next() < 0.8 ? 5 : 200) * Math.exp(0.1 * standardNormal(rng)));
    const fit = fitService(mix);
    expect(fit.dist.dist).toBe('empirical');
    expect(fit.reason).toMatch(/rejected/);
    expect(fitService(sorted([1, 2, 3])).reason).toMatch(/only 3 values/);
  });

  it('allows for whole-ms rounding (uWSGI "in N msecs") instead of rejecting every fit', () => {
    const rng = createRng(4);
    const fit = fitService(draw(20_000, () => Math.round(20 * Math.exp(0.5 * standardNormal(rng)))));
    expect(fit.dist.dist).toBe('lognormal');
  });
});
