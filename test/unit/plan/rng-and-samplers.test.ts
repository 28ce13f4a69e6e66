import { describe, expect, it } from 'vitest';
import { createRng, rngFromState, standardNormal, type Sampler } from '../../../src/random/index.js';
import { serviceMean, serviceSampler, serviceScv, type ServiceDist } from '../../../src/scenario/index.js';

function moments(sampler: Sampler, n: number, seed = 5): { mean: number; scv: number; min: number; max: number } {
  const rng = createRng(seed);
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = sampler(rng);
    sum += x;
    sumSq += x * x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = sum / n;
  return { mean, scv: (sumSq / n - mean * mean) / (mean * mean), min, max };
}

describe('createRng (xoshiro128**)', () => {
  it('produces the reference output for state (1, 2, 3, 4)', () => {
    // From the reference C code (prng.di.unimi.it/xoshiro128starstar.c), as in rand_xoshiro's test vectors.
    const rng = rngFromState(1, 2, 3, 4);
    const out = Array.from({ length: 10 }, () => rng.nextUint32());
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });

  it('is deterministic under a seed, differs across seeds, and stays in [0, 1)', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('has uniform deciles (chi-square, 9 df, below the 0.1 % critical value 27.9)', () => {
    const rng = createRng(123);
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) bins[Math.floor(rng.next() * 10)]! += 1;
    const chi2 = bins.reduce((s, o) => s + (o - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9);
  });
});

describe('the one service model: samplers, mean and SCV', () => {
  // 200 000 draws: the sample mean's relative sd is CV/√n ≤ 0.6 % for these laws, so 2 % is > 3 sd.
  const n = 200_000;
  const sampler = (d: ServiceDist): Sampler => serviceSampler(d);

  it('draw from the laws they name, matching serviceMean and serviceScv', () => {
    const dists: ServiceDist[] = [
      { dist: 'constant', value: 80 },
      { dist: 'uniform', min: 50, max: 150 },
      { dist: 'exponential', mean: 120 },
      { dist: 'lognormal', median: 100, sigma: 0.5 },
      { dist: 'empirical', values: [10, 20, 30, 100] },
    ];
    for (const d of dists) {
      const m = moments(sampler(d), n);
      expect(Math.abs(m.mean / serviceMean(d) - 1)).toBeLessThan(0.02);
      // The sample scv of a heavy-ish tail moves more; 8 % relative (absolute for constant).
      expect(Math.abs(m.scv - serviceScv(d))).toBeLessThan(0.08 * Math.max(1, serviceScv(d)));
    }
  });

  it('give a lognormal its median as the middle draw and its mean as median · e^(σ²/2)', () => {
    const rng = createRng(11);
    const draw = sampler({ dist: 'lognormal', median: 100, sigma: 1 });
    const xs = Float64Array.from({ length: n }, () => draw(rng)).sort();
    expect(xs[n / 2]! / 100).toBeCloseTo(1, 1);
    expect(serviceMean({ dist: 'lognormal', median: 100, sigma: 1 })).toBeCloseTo(100 * Math.exp(0.5), 9);
  });

  it('respect their supports', () => {
    expect(moments(sampler({ dist: 'constant', value: 80 }), 10)).toMatchObject({ min: 80, max: 80 });
    const u = moments(sampler({ dist: 'uniform', min: 50, max: 150 }), n);
    expect(u.min).toBeGreaterThanOrEqual(50);
    expect(u.max).toBeLessThan(150);
    expect(moments(sampler({ dist: 'exponential', mean: 10 }), n).min).toBeGreaterThanOrEqual(0);
    expect(moments(sampler({ dist: 'lognormal', median: 10, sigma: 1 }), n).min).toBeGreaterThan(0);
    const e = moments(sampler({ dist: 'empirical', values: [3, 9] }), 1_000);
    expect([e.min, e.max]).toEqual([3, 9]);
  });

  it('give the exponential its median ln 2 · mean', () => {
    const rng = createRng(9);
    const draw = sampler({ dist: 'exponential', mean: 100 });
    const xs = Float64Array.from({ length: n }, () => draw(rng)).sort();
    expect(xs[n / 2]! / (100 * Math.LN2)).toBeCloseTo(1, 1);
  });

  it('copy empirical values, so later changes to the caller\'s array do not leak in', () => {
    const values = [5, 5, 5];
    const draw = sampler({ dist: 'empirical', values });
    values[0] = values[1] = values[2] = 99;
    expect(draw(createRng(1))).toBe(5);
  });

  it('draw a standard normal by Box–Muller with two uniforms per draw', () => {
    const a = createRng(3);
    const b = createRng(3);
    const z = standardNormal(a);
    const u1 = b.next();
    const u2 = b.next();
    expect(z).toBe(Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
    expect(a.next()).toBe(b.next());
  });
});
