import type { Rng } from './create-rng.js';

/**
 * A sampler draws one value (a duration in ms) from the generator it is
 * given. Samplers hold no generator of their own, so one seeded `Rng` drives
 * a whole simulation and the same seed replays the same draws. The
 * simulator trusts samplers to return finite values ≥ 0.
 */
export type Sampler = (rng: Rng) => number;

/** Always `valueMs`. Draws nothing from the generator. */
export function constantSampler(valueMs: number): Sampler {
  return () => valueMs;
}

/** Uniform on [minMs, maxMs): minMs + u·(maxMs − minMs). */
export function uniformSampler(minMs: number, maxMs: number): Sampler {
  const width = maxMs - minMs;
  return (rng) => minMs + rng.next() * width;
}

/**
 * Exponential with mean `meanMs`, by inversion: −mean·ln(1 − u). With u in
 * [0, 1), 1 − u is in (0, 1] and the draw is finite (at most 22.2 means).
 */
export function exponentialSampler(meanMs: number): Sampler {
  return (rng) => -meanMs * Math.log(1 - rng.next());
}

/**
 * Log-normal with arithmetic mean `meanMs` and log-space standard deviation
 * `sigma`: exp(μ + σZ) with μ = ln(mean) − σ²/2, so that E[X] = mean
 * (E[e^{σZ}] = e^{σ²/2}). Z is standard normal from the Box–Muller
 * transform. Each draw uses two uniforms and keeps no state, so a sampler can
 * be shared between runs without changing what a seed replays.
 */
export function lognormalSampler(meanMs: number, sigma: number): Sampler {
  const mu = Math.log(meanMs) - (sigma * sigma) / 2;
  return (rng) => {
    const r = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const z = r * Math.cos(2 * Math.PI * rng.next());
    return Math.exp(mu + sigma * z);
  };
}

/**
 * Resamples measured values uniformly with replacement (the empirical
 * distribution). The values are copied, so later changes to the caller's
 * array do not leak in. Requires at least one value.
 */
export function empiricalSampler(valuesMs: readonly number[]): Sampler {
  const values = Float64Array.from(valuesMs);
  const n = values.length;
  return (rng) => values[Math.floor(rng.next() * n)] as number;
}
