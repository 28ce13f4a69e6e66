import { describe, expect, it } from 'vitest';
import { parseService } from '../../../src/plan/index.js';
import { createRng, standardGamma } from '../../../src/random/index.js';
import { parseScenario, serviceMean, serviceSampler, serviceScv, type ServiceDist } from '../../../src/scenario/index.js';

/** Sample mean and variance of n draws. */
function moments(draw: () => number, n: number): { mean: number; variance: number; min: number } {
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
    if (x < min) min = x;
  }
  const mean = sum / n;
  return { mean, variance: (sumSq - n * mean * mean) / (n - 1), min };
}

describe('standardGamma (Marsaglia–Tsang)', () => {
  // Gamma(k, 1) has mean k, variance k, and the sample variance's variance is
  // (μ4 − σ⁴)/n with μ4 = 3k² + 6k for a gamma, so its relative sd is
  // √((2 + 6/k)/n). With n = 200 000: at k = 0.3 that is 1.0 %, at k = 1
  // 0.63 %, at k ≥ 2 ≤ 0.5 %; the mean's relative sd is 1/√(kn) ≤ 0.41 %.
  // Tolerances of 1.5 % on the mean and 5 % on the variance are > 3.5 sd
  // for every shape, so a correct sampler fails less than once in 2000 runs;
  // a sampler that is off by one in the shape (the commonest slip: returning
  // Gamma(k + 1) for k < 1, or forgetting d = k − 1/3) misses by ≥ 30 %.
  const n = 200_000;
  it.each([0.3, 1, 2, 4.5, 25])('draws Gamma(%f, 1) with mean and variance k', (k) => {
    const rng = createRng(17 + Math.round(k * 10));
    const m = moments(() => standardGamma(rng, k), n);
    expect(Math.abs(m.mean / k - 1)).toBeLessThan(0.015);
    expect(Math.abs(m.variance / k - 1)).toBeLessThan(0.05);
    expect(m.min).toBeGreaterThanOrEqual(0);
  });

  it('is deterministic under a seed', () => {
    const a = createRng(3);
    const b = createRng(3);
    const xs = Array.from({ length: 100 }, () => standardGamma(a, 0.7));
    expect(Array.from({ length: 100 }, () => standardGamma(b, 0.7))).toEqual(xs);
  });
});

describe('the gamma service distribution', () => {
  it('has the mean and Cs² it is given, and draws them (mean within 1.5 %, Cs² within 5 %: the bounds above)', () => {
    for (const d of [
      { dist: 'gamma', mean: 120, cs2: 0.5 },
      { dist: 'gamma', mean: 40, cs2: 2 },
    ] as ServiceDist[]) {
      expect(serviceMean(d)).toBe(d.dist === 'gamma' ? d.mean : NaN);
      const draw = serviceSampler(d);
      const rng = createRng(99);
      const m = moments(() => draw(rng), 200_000);
      expect(Math.abs(m.mean / serviceMean(d) - 1)).toBeLessThan(0.015);
      expect(Math.abs(m.variance / m.mean ** 2 / serviceScv(d) - 1)).toBeLessThan(0.05);
    }
  });

  it('is read from text and from scenario files alike', () => {
    expect(parseService('gamma:120ms,0.5')).toEqual({ dist: 'gamma', mean: 120, cs2: 0.5 });
    expect(parseService('gamma:mean=0.12s,cs2=0.5')).toEqual({ dist: 'gamma', mean: 120, cs2: 0.5 });
    const file = parseScenario('name: a\nload:\n  - burst: { count: 1, requests: [{ path: /sleep, service: { dist: gamma, mean: 120ms, cs2: 0.5 } }] }\n');
    expect(file.load[0]!.requests[0]!.service).toEqual({ dist: 'gamma', mean: 120, cs2: 0.5 });
  });

  it.each([
    ['gamma:120ms', /cs2 is required for dist gamma/],
    ['gamma:120ms,0', /cs2 must be > 0/],
    ['gamma:120ms,1000', /cs2 must be <= 100/],
    ['gamma:0ms,0.5', /mean must be > 0ms/],
    ['gamma:120ms,0.5,3', /gamma takes two parts/],
  ])('refuses %s, quoting it', (text, problem) => {
    expect(() => parseService(text)).toThrow(expect.objectContaining({ code: 'E_SERVICE_INVALID', message: expect.stringMatching(problem) }));
    expect(() => parseService(text)).toThrow(JSON.stringify(text));
  });
});
