import type { Arrival } from './phase-schema.js';
import type { Rng } from '../random/index.js';

/**
 * Arrival times, in ms from a phase's start, all before `durationMs`.
 * Generators, so a million-request phase is never held in memory at once.
 */

/** Exactly ceil(rate × duration) arrivals, evenly spaced from t = 0: k × 1000 / rate. */
export function* constantArrivals(rate: number, durationMs: number): Generator<number> {
  const n = Math.ceil((rate * durationMs) / 1000 - 1e-9);
  for (let k = 0; k < n; k += 1) yield (k * 1000) / rate;
}

/** A Poisson process: exponential gaps with mean 1000 / rate ms, one uniform draw each. */
export function* poissonArrivals(rate: number, durationMs: number, rng: Rng): Generator<number> {
  const meanGap = 1000 / rate;
  let t = -meanGap * Math.log(1 - rng.next());
  while (t < durationMs) {
    yield t;
    t += -meanGap * Math.log(1 - rng.next());
  }
}

/**
 * Arrivals whose rate moves linearly from `from` to `to` per second over
 * `durationMs`, by inversion of the cumulative rate
 * Λ(t) = (from·t + (to − from)·t² / 2D) / 1000: the k-th arrival is at
 * Λ⁻¹(y_k), where y_k = k (constant: deterministic spacing) or the k-th
 * point of a unit-rate Poisson process (poisson: a non-homogeneous Poisson
 * process).
 */
export function* rampArrivals(from: number, to: number, durationMs: number, arrival: Arrival, rng: Rng): Generator<number> {
  const slope = (to - from) / durationMs;
  const total = (((from + to) / 2) * durationMs) / 1000;
  const invert = (y: number): number => {
    if (y <= 0) return 0;
    const scaled = y * 1000;
    // 2Y / (from + sqrt(from² + 2·slope·Y)) is the stable root of from·t + slope·t²/2 = Y, for either sign of slope.
    return (2 * scaled) / (from + Math.sqrt(Math.max(0, from * from + 2 * slope * scaled)));
  };
  if (arrival === 'constant') {
    for (let k = 0; k < total - 1e-9; k += 1) yield invert(k);
    return;
  }
  let y = -Math.log(1 - rng.next());
  while (y < total) {
    yield Math.min(invert(y), durationMs);
    y += -Math.log(1 - rng.next());
  }
}
