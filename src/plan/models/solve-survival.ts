import { caplabError } from '../../errors.js';

/**
 * Inverts a survival function S(t) = P(X > t) of a non-negative random
 * variable: returns the smallest t ≥ 0 with S(t) ≤ p, i.e. the (1 − p)
 * quantile. S must be non-increasing. The bracket is found by doubling from
 * `scale` (a typical size of X, e.g. its mean), then bisection runs until the
 * bracket is narrower than 1e-12 relative (or 200 steps).
 *
 * Returns 0 when S(0) ≤ p (an atom at 0 covers the quantile), Infinity when p ≤ 0.
 */
export function solveSurvival(survival: (t: number) => number, p: number, scale: number): number {
  if (p <= 0) return Infinity;
  if (survival(0) <= p) return 0;
  let lo = 0;
  let hi = scale > 0 && Number.isFinite(scale) ? scale : 1;
  for (let i = 0; i < 2000 && survival(hi) > p; i++) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = lo + (hi - lo) / 2;
    if (survival(mid) > p) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Throws E_PLAN_INVALID unless 0 ≤ q ≤ 1. */
export function checkQuantile(q: number): void {
  if (!(q >= 0 && q <= 1)) throw caplabError('E_PLAN_INVALID', `a quantile must be in [0, 1], got ${q}`);
}
