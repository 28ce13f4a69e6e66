import type { Mmck } from './analyze-mmck.js';
import { mmckStates } from './mmck-states.js';
import { forEachPoissonTerm } from './poisson-terms.js';
import { checkQuantile, solveSurvival } from './solve-survival.js';

/**
 * Waiting- and response-time distributions of admitted requests in M/M/c/K.
 *
 * By PASTA an admitted arrival sees n = c + j requests (0 ≤ j < m = K − c)
 * with probability w_j = p_{c+j}/(1 − p_K), and then waits for j + 1
 * completions at rate θ = cμ: Wq ~ Erlang(j + 1, θ). With an Erlang's
 * survival written as a Poisson sum,
 *   P(Wq > t) = Σ_j w_j·P(Poisson(θt) ≤ j) = Σ_i π_i(θt)·R_i,   R_i = Σ_{j≥i} w_j.
 * The response T = Wq + S, S ~ Exp(μ): uniformising S at rate θ makes it a
 * Geometric(1/c) number of Exp(θ) phases, so T ~ Erlang(N, θ) with
 * N = W + G (W = 0 if no wait, j + 1 otherwise; G ≥ 1 geometric, q = 1 − 1/c):
 *   P(T > t) = Σ_i π_i(θt)·P(N > i),   P(N > i) = R_i + A_i,
 *   A_0 = 1 − P(wait),  A_i = q·A_{i−1} + w_{i−1}.
 * Every term is positive (no cancellation) and only the Poisson terms near
 * θt are visited (poisson-terms.ts). Quantiles come from bisection.
 */
interface Tails {
  readonly theta: number;
  readonly r: Float64Array;
  readonly a: Float64Array;
  readonly q: number;
}

function tails(m: Mmck): Tails {
  const { probs, pFull, queuePlaces } = mmckStates(m.workers, m.offeredLoad, m.capacity);
  const admitted = 1 - pFull;
  const n = Math.min(probs.length, queuePlaces);
  const r = new Float64Array(n + 1);
  for (let j = n - 1; j >= 0; j--) r[j] = (r[j + 1] as number) + (probs[j] as number) / admitted;
  const q = 1 - 1 / m.workers;
  const a = new Float64Array(n + 1);
  a[0] = 1 - (r[0] as number);
  for (let i = 1; i <= n; i++) a[i] = q * (a[i - 1] as number) + (probs[i - 1] as number) / admitted;
  return { theta: m.workers / m.serviceMs, r, a, q };
}

function waitSurvival(t: Tails, tMs: number): number {
  if (tMs < 0) return 1;
  let s = 0;
  const last = t.r.length - 1;
  forEachPoissonTerm(t.theta * tMs, (i, p) => {
    if (i < last) s += p * (t.r[i] as number);
  });
  return s;
}

function responseSurvival(t: Tails, tMs: number): number {
  if (tMs <= 0) return 1;
  let s = 0;
  const last = t.a.length - 1;
  const aLast = t.a[last] as number;
  forEachPoissonTerm(t.theta * tMs, (i, p) => {
    s += i < last ? p * ((t.r[i] as number) + (t.a[i] as number)) : p * aLast * Math.pow(t.q, i - last);
  });
  return s;
}

/** P(Wq > t) for an admitted request. */
export function mmckWaitSurvival(m: Mmck, tMs: number): number {
  return waitSurvival(tails(m), tMs);
}

/** P(T > t), T = wait + service, for an admitted request. */
export function mmckResponseSurvival(m: Mmck, tMs: number): number {
  return responseSurvival(tails(m), tMs);
}

/** The q-quantile of an admitted request's wait (0 when q ≤ 1 − P(wait)). */
export function mmckWaitQuantileMs(m: Mmck, q: number): number {
  checkQuantile(q);
  const t = tails(m);
  return solveSurvival((x) => waitSurvival(t, x), 1 - q, Math.max(m.meanWaitMs, m.serviceMs / m.workers));
}

/** The q-quantile of an admitted request's response time. */
export function mmckResponseQuantileMs(m: Mmck, q: number): number {
  checkQuantile(q);
  const t = tails(m);
  return solveSurvival((x) => responseSurvival(t, x), 1 - q, m.meanResponseMs);
}
