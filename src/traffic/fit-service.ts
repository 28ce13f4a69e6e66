import { LIMITS, type ServiceDist } from '../scenario/index.js';
import { gammaP, ksDistance, meanScv, normalCdf } from './distribution-math.js';
import type { ServiceFit } from './log-types.js';

/** Values kept by an empirical fit: evenly spaced quantiles, enough for p99.9 and light in a scenario. */
export const EMPIRICAL_POINTS = 1_000;
/** Fewest values a parametric fit is tried on. */
const MIN_PARAMETRIC = 20;
/** Largest Cs² of a gamma fit (the scenario schema's bound). */
const GAMMA_MAX_CS2 = 100;

/** Up to EMPIRICAL_POINTS mid-rank quantiles of an ascending sample, rounded to 0.01 ms. */
export function empiricalValues(sorted: Float64Array): number[] {
  const n = sorted.length;
  const k = Math.min(n, EMPIRICAL_POINTS);
  const out: number[] = [];
  for (let i = 0; i < k; i += 1) {
    const v = sorted[Math.min(n - 1, Math.floor(((i + 0.5) * n) / k))] as number;
    out.push(Math.round(Math.min(LIMITS.serviceMs, v) * 100) / 100);
  }
  return out;
}

/** Below this Cs² the times are one value (to rounding): a constant, which neither family can be fitted to. */
const CONSTANT_SCV = 1e-6;
/** Largest share of zero times a parametric fit accepts (at whole-ms resolution, a zero is a time under 0.5 ms). */
const MAX_ZERO_SHARE = 0.01;

/**
 * Fits service times (ms, ascending): a lognormal by maximum likelihood
 * (μ, σ of ln x), a gamma by the method of moments (mean and Cs²), and the
 * empirical distribution. Criterion: the parametric fit with the smaller
 * Kolmogorov–Smirnov distance, if that distance is within the 5 % critical
 * value 1.36/√n (the fit is not rejected); otherwise, or with fewer than
 * 20 values, the empirical one; times that are all the same (Cs² < 1e-6)
 * are a constant. Whole-ms values (uWSGI's "in N msecs") are
 * taken as rounded: the KS test allows for the rounding, and a zero (a
 * time under 0.5 ms) counts as 0.25 ms in ln x, when zeros are under 1 %.
 */
export function fitService(sorted: Float64Array): ServiceFit {
  const n = sorted.length;
  const ksCritical = n > 0 ? 1.36 / Math.sqrt(n) : 1;
  const empirical: ServiceDist = { dist: 'empirical', values: n > 0 ? empiricalValues(sorted) : [0] };
  const resolution = n > 0 && sorted.every((v) => Number.isInteger(v)) ? 1 : 0;
  let zeros = 0;
  while (zeros < n && (sorted[zeros] as number) <= 0) zeros += 1;
  const zerosOk = zeros === 0 || (resolution > 0 && zeros <= MAX_ZERO_SHARE * n);
  if (n < MIN_PARAMETRIC || !zerosOk) {
    const why = n < MIN_PARAMETRIC ? `only ${n} values (a parametric fit needs ${MIN_PARAMETRIC})` : `${zeros} zero service times, which a lognormal cannot hold`;
    return { dist: empirical, ks: { lognormal: null, gamma: null }, ksCritical, reason: `empirical: ${why}` };
  }
  const { mean, scv } = meanScv(sorted);
  if (scv < CONSTANT_SCV) {
    return { dist: { dist: 'constant', value: mean }, ks: { lognormal: null, gamma: null }, ksCritical, reason: `constant: Cs² ${scv.toExponential(1)} is below ${CONSTANT_SCV}` };
  }
  const ln = (v: number): number => Math.log(v > 0 ? v : resolution / 4);
  let sumLog = 0;
  for (const v of sorted) sumLog += ln(v);
  const mu = sumLog / n;
  let ssLog = 0;
  for (const v of sorted) ssLog += (ln(v) - mu) ** 2;
  const sigma = Math.sqrt(ssLog / n);

  const candidates: Array<{ dist: ServiceDist; ks: number }> = [];
  let ksLognormal: number | null = null;
  if (sigma > 0 && sigma <= LIMITS.sigma && Math.exp(mu + (sigma * sigma) / 2) <= LIMITS.serviceMs) {
    ksLognormal = ksDistance(sorted, (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)), resolution);
    candidates.push({ dist: { dist: 'lognormal', median: Math.exp(mu), sigma }, ks: ksLognormal });
  }
  let ksGamma: number | null = null;
  if (scv > 0 && scv <= GAMMA_MAX_CS2 && mean <= LIMITS.serviceMs) {
    const shape = 1 / scv;
    const scale = mean * scv;
    ksGamma = ksDistance(sorted, (x) => gammaP(shape, x / scale), resolution);
    candidates.push({ dist: { dist: 'gamma', mean, cs2: scv }, ks: ksGamma });
  }
  const best = candidates.sort((a, b) => a.ks - b.ks)[0];
  const ks = { lognormal: ksLognormal, gamma: ksGamma };
  if (best && best.ks <= ksCritical) {
    return { dist: best.dist, ks, ksCritical, reason: `${best.dist.dist}: the smaller KS distance, ${best.ks.toFixed(3)} ≤ ${ksCritical.toFixed(3)} (5 % critical value)` };
  }
  const shown = best ? `${best.dist.dist} KS ${best.ks.toFixed(3)} > ${ksCritical.toFixed(3)}` : 'no parametric fit in bounds';
  return { dist: empirical, ks, ksCritical, reason: `empirical: both parametric fits rejected (${shown})` };
}
