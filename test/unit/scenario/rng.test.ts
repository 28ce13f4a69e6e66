import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/random/index.js';

describe('createRng', () => {
  it('repeats a stream exactly for the same seed, and differs for another seed', () => {
    const draw = (seed: number): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => rng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    // Seeds are reduced to 32 bits (the CLI accepts 0 .. 2^32 - 1).
    expect(draw(2 ** 32 + 1)).toEqual(draw(1));
  });

  it('draws uniformly in [0, 1)', () => {
    const rng = createRng(7);
    const n = 100_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < n; i += 1) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside += 1;
      sum += u;
      bins[Math.floor(u * 10)]! += 1;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    // Chi-square with 9 degrees of freedom: 21.67 is the 0.99 quantile.
    const chi2 = bins.reduce((acc, b) => acc + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(21.67);
  });

  it('gives 32-bit integers for seeding sub-streams', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i += 1) {
      const x = rng.nextUint32();
      expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
    }
  });
});
