import type { Interval } from './capacity-types.js';

/** t₀.₉₇₅ for 1 … 30 degrees of freedom (any statistics table, e.g. NIST/SEMATECH e-Handbook §1.3.6.7.2), to 3 decimals. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08,
  2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z975 = 1.959963984540054;

/**
 * The 97.5 % quantile of Student's t with `df` degrees of freedom (the
 * multiplier of a two-sided 95 % interval): the table to 30, then the
 * Cornish–Fisher expansion in 1/df to the third term (Abramowitz & Stegun
 * 26.7.5), within 1e-4 of the exact value from 30 up. `df` ≥ 1.
 */
export function tQuantile975(df: number): number {
  if (df <= T975.length) return T975[Math.max(1, Math.floor(df)) - 1] as number;
  const z = Z975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** Mean of `xs` and its two-sided 95 % Student t interval, mean ± t₀.₉₇₅(n−1)·s/√n; n ≥ 2. */
export function meanInterval(xs: readonly number[]): { mean: number; interval: Interval } {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  const half = tQuantile975(n - 1) * Math.sqrt(ss / (n - 1) / n);
  return { mean, interval: Object.freeze({ low: mean - half, high: mean + half }) };
}

/**
 * A pooled estimate with the sectioning interval: `estimate` ± t₀.₉₇₅(n−1)·s/√n,
 * s the standard deviation of the `sections`' own estimates (n ≥ 2).
 */
export function sectionInterval(estimate: number, sections: readonly number[]): { mean: number; interval: Interval } {
  const { interval } = meanInterval(sections);
  const half = (interval.high - interval.low) / 2;
  return { mean: estimate, interval: Object.freeze({ low: estimate - half, high: estimate + half }) };
}
