import { describe, expect, it } from 'vitest';
import { constantArrivals, poissonArrivals, rampArrivals } from '../../../src/scenario/index.js';
import { createRng } from '../../../src/random/index.js';

/** Kolmogorov–Smirnov statistic of a sample against the exponential CDF with the given mean. */
function ksExponential(sample: readonly number[], mean: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = 1 - Math.exp(-x / mean);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  });
  return d;
}

function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] as number));
}

describe('constant arrivals', () => {
  it('sends exactly rate × duration, evenly spaced from 0', () => {
    const t = [...constantArrivals(21, 120_000)];
    expect(t).toHaveLength(2520);
    expect(t[0]).toBe(0);
    const worst = Math.max(...gaps(t).map((g) => Math.abs(g - 1000 / 21)));
    expect(worst).toBeLessThan(1e-9);
    expect(t.at(-1)!).toBeLessThan(120_000);
    expect([...constantArrivals(3, 1500)]).toHaveLength(5); // 4.5 rounds up: t = 0, 333, 667, 1000, 1333
  });
});

describe('poisson arrivals', () => {
  const rate = 20;
  const duration = 500_000;
  const times = [...poissonArrivals(rate, duration, createRng(12345))];
  const g = gaps(times);

  it('sends about rate × duration (within 4 σ)', () => {
    const expected = (rate * duration) / 1000;
    expect(Math.abs(times.length - expected)).toBeLessThan(4 * Math.sqrt(expected));
    expect(times.every((t) => t >= 0 && t < duration)).toBe(true);
  });

  it('has exponential inter-arrival times (KS at α = 0.01, mean, CV ≈ 1)', () => {
    const mean = 1000 / rate;
    const d = ksExponential(g, mean);
    expect(d).toBeLessThan(1.628 / Math.sqrt(g.length));
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    const sd = Math.sqrt(g.reduce((a, b) => a + (b - m) ** 2, 0) / (g.length - 1));
    expect(Math.abs(m / mean - 1)).toBeLessThan(0.05);
    expect(Math.abs(sd / m - 1)).toBeLessThan(0.05);
  });

  it('fails the same KS check for evenly spaced arrivals (the test has power)', () => {
    const even = gaps([...constantArrivals(rate, 50_000)]);
    expect(ksExponential(even, 1000 / rate)).toBeGreaterThan(1.628 / Math.sqrt(even.length));
  });
});

describe('ramp arrivals', () => {
  const quarters = (t: readonly number[], d: number): number[] => {
    const q = [0, 0, 0, 0];
    for (const x of t) q[Math.min(3, Math.floor((4 * x) / d))]! += 1;
    return q;
  };

  it('rises linearly with constant spacing: exactly (from + to) / 2 × duration, quarters 375 : 1125', () => {
    const t = [...rampArrivals(10, 50, 100_000, 'constant', createRng(1))];
    expect(t).toHaveLength(3000);
    const [first, , , last] = quarters(t, 100_000);
    // ∫ over the first quarter of 10 + 0.4 t is 375; over the last, 1125.
    expect(Math.abs(first! - 375)).toBeLessThanOrEqual(1);
    expect(Math.abs(last! - 1125)).toBeLessThanOrEqual(1);
    // Gaps shrink as the rate rises: 1/10 s at the start, 1/50 s at the end.
    const g = gaps(t);
    expect(g[0]).toBeCloseTo(100, 0);
    expect(g.at(-1)!).toBeCloseTo(20, 0);
  });

  it('rises as specified with Poisson arrivals (counts per quarter within 4 σ)', () => {
    const t = [...rampArrivals(10, 50, 100_000, 'poisson', createRng(99))];
    const q = quarters(t, 100_000);
    [375, 625, 875, 1125].forEach((expected, i) => expect(Math.abs(q[i]! - expected)).toBeLessThan(4 * Math.sqrt(expected)));
    expect(q[3]! / q[0]!).toBeGreaterThan(2);
  });

  it('falls as specified when to < from, and handles a ramp from 0', () => {
    const down = quarters([...rampArrivals(40, 0, 100_000, 'constant', createRng(1))], 100_000);
    expect(down[0]).toBeGreaterThan(down[3]! * 5);
    const up = [...rampArrivals(0, 20, 10_000, 'constant', createRng(1))];
    expect(up).toHaveLength(100);
    expect(up.every((x) => Number.isFinite(x) && x >= 0 && x < 10_000)).toBe(true);
  });
});
