import type { Rng } from './rng.js';

/**
 * caplab's one standard normal draw: the Box–Muller transform of two
 * uniforms, √(−2 ln(1 − u₁)) · cos(2π u₂). It always uses exactly two draws
 * and keeps no spare value between calls, so what a seed replays never
 * depends on how many normals were drawn before. 1 − u₁ is in (0, 1], so
 * the result is finite (|z| ≤ 6.66).
 */
export function standardNormal(rng: Rng): number {
  const r = Math.sqrt(-2 * Math.log(1 - rng.next()));
  return r * Math.cos(2 * Math.PI * rng.next());
}
