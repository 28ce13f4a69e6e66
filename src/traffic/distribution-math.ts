/**
 * The CDFs the service fits are checked with (Kolmogorov–Smirnov):
 * the normal (for the lognormal) and the regularised lower incomplete
 * gamma function (for the gamma), after Numerical Recipes §6.1–6.2.
 */

/** Φ(z) by Abramowitz–Stegun 7.1.26 (absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

const LANCZOS = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];

/** ln Γ(x) for x > 0 (Lanczos, relative error below 2e-10). */
export function lnGamma(x: number): number {
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const c of LANCZOS) ser += c / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** P(a, x), the regularised lower incomplete gamma function: the CDF at x of a Gamma(a, 1). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnFront = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let n = 0; n < 500; n += 1) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-12) break;
    }
    return Math.min(1, sum * Math.exp(lnFront));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-12) break;
  }
  return Math.max(0, 1 - Math.exp(lnFront) * h);
}

/**
 * Kolmogorov–Smirnov distance between an ascending sample and a CDF. With
 * `resolution` > 0 the values were rounded to that step (uWSGI logs whole
 * ms), so each distinct value v stands for [v − r/2, v + r/2): the sample's
 * CDF before v is compared with F(v − r/2) and after it with F(v + r/2).
 * Without that, rounding alone would reject every continuous fit on a
 * large sample.
 */
export function ksDistance(sorted: Float64Array, cdf: (x: number) => number, resolution = 0): number {
  const n = sorted.length;
  const half = resolution / 2;
  let d = 0;
  let i = 0;
  while (i < n) {
    const v = sorted[i] as number;
    let j = i;
    while (j < n && sorted[j] === v) j += 1;
    d = Math.max(d, Math.abs(cdf(v - half) - i / n), Math.abs(j / n - cdf(v + half)));
    i = j;
  }
  return d;
}

/** The q-quantile of an ascending sample (nearest rank). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Mean and population squared coefficient of variation (0 when the mean is 0). */
export function meanScv(values: ArrayLike<number>): { mean: number; scv: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, scv: Number.NaN };
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum += values[i] as number;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i += 1) {
    const d = (values[i] as number) - mean;
    ss += d * d;
  }
  return { mean, scv: mean === 0 ? 0 : ss / n / (mean * mean) };
}
