/**
 * Erlang's loss and delay formulas, computed without factorials or powers so
 * they stay exact to rounding for c up to 10⁴ and beyond.
 *
 * Erlang B (M/M/c/c, blocking), by the standard recursion
 *   B(0, a) = 1,  B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a)),
 * every term of which lies in [0, 1] (no overflow; c steps).
 *
 * Erlang C (M/M/c, probability that an arrival waits), from B:
 *   C(c, a) = c·B / (c − a·(1 − B)),   valid for a < c,
 * which equals REFERENCE.md's
 *   (a^c/c! · c/(c−a)) / (Σ_{k<c} a^k/k! + a^c/c! · c/(c−a)).
 * Source: Kleinrock, Queueing Systems vol. 1 (1975), §3.5–3.6; the recursion
 * is the one used by teletraffic tables (ITU-T E.500 background).
 */

/** Erlang B: the share of arrivals an M/M/c/c system blocks, offered load `a` Erlangs. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) {
    const ab = a * b;
    b = ab / (k + ab);
  }
  return b;
}

/**
 * Erlang C: the probability that an arrival to an M/M/c queue with offered
 * load `a` = λ/μ < c must wait. Returns 1 when a ≥ c (every arrival waits in
 * the limit); callers should refuse that case as unstable.
 */
export function erlangC(c: number, a: number): number {
  if (a >= c) return 1;
  if (a <= 0) return 0;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}
