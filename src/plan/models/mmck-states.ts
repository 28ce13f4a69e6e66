import { caplabError } from '../../errors.js';
import { erlangB } from './erlang-c.js';

/**
 * The stationary distribution of the M/M/c/K birth–death chain over the
 * states where requests queue (n = c … K), normalised without overflow.
 *
 * Birth rate λ in every state n < K; death rate min(n, c)·μ. So, with
 * a = λ/μ and r = a/c,
 *   p_n ∝ a^n/n!  (n ≤ c),      p_{c+j} = p_c·r^j  (0 ≤ j ≤ m = K − c).
 * The states below c are folded into Erlang B: Σ_{n≤c} p_n = p_c/B(c, a)
 * (erlang-c.ts), so no factorial or power of a is ever formed. The queue
 * weights r^j are taken relative to the largest one (j = 0 when r ≤ 1,
 * j = m when r > 1), and weights under e^{−46} ≈ 1e-20 of it are dropped:
 * this is what keeps large c and K exact to rounding.
 * Source: Gross & Harris, Fundamentals of Queueing Theory, §2.5.
 */
export interface MmckStates {
  /** probs[j] = p_{c+j} for j < probs.length; states past the end have probability < 1e-20. */
  readonly probs: Float64Array;
  /** p_K: the probability that the system is full, which by PASTA is the share of arrivals refused. */
  readonly pFull: number;
  /** m = K − c: the number of listen-queue places. */
  readonly queuePlaces: number;
}

/** Queue weights past this many are refused rather than allocated. */
export const MAX_QUEUE_STATES = 1 << 22;

/** Computes the queueing states of M/M/c/K with offered load `a` = λ/μ ≥ 0, `c` ≥ 1 servers and `k` ≥ c places. */
export function mmckStates(c: number, a: number, k: number): MmckStates {
  const m = k - c;
  if (a <= 0) return { probs: new Float64Array(0), pFull: 0, queuePlaces: m };
  const logR = Math.log(a / c);
  const span = 46;
  let jLo = 0;
  let jHi = m;
  if (logR < 0) jHi = Math.min(m, Math.ceil(span / -logR));
  else if (logR > 0) jLo = Math.max(0, m - Math.ceil(span / logR));
  // Weights for j < jLo are below e^{-46} of the top one when r > 1, but the
  // array is indexed from 0 so it still has to reach j = jHi.
  if (jHi + 1 > MAX_QUEUE_STATES) {
    throw caplabError('E_PLAN_INVALID', `M/M/c/K: ${jHi + 1} significant queue states (K − c = ${m}) is more than ${MAX_QUEUE_STATES}; use M/M/c, or a shorter listen queue`);
  }
  const jTop = logR > 0 ? m : 0;
  const probs = new Float64Array(jHi + 1);
  let total = 0;
  for (let j = jLo; j <= jHi; j++) {
    const w = Math.exp((j - jTop) * logR);
    probs[j] = w;
    total += w;
  }
  // Σ_{n<c} p_n relative to p_c is 1/B − 1; rescale it into the same frame.
  const below = (1 / erlangB(c, a) - 1) * Math.exp(-jTop * logR);
  if (!Number.isFinite(below)) return { probs: new Float64Array(0), pFull: 0, queuePlaces: m };
  total += below;
  for (let j = jLo; j <= jHi; j++) probs[j] = (probs[j] as number) / total;
  const pFull = jHi === m ? (probs[m] as number) : 0;
  return { probs, pFull, queuePlaces: m };
}
