import { caplabError } from '../../errors.js';
import { erlangC } from './erlang-c.js';
import { checkQuantile, solveSurvival } from './solve-survival.js';
import { unstable, type Unstable } from './unstable.js';

/** An M/M/c queue: Poisson arrivals at `ratePerSec`, exponential service with mean `serviceMs`, `workers` servers, unbounded FIFO queue. */
export interface MmcInput {
  readonly ratePerSec: number;
  readonly serviceMs: number;
  readonly workers: number;
}

/** Steady-state figures of a stable M/M/c queue. Times in ms. */
export interface Mmc {
  readonly stable: true;
  readonly model: 'M/M/c';
  readonly workers: number;
  readonly ratePerSec: number;
  readonly serviceMs: number;
  /** a = λ/μ, in Erlangs. */
  readonly offeredLoad: number;
  /** ρ = a/c. */
  readonly utilization: number;
  /** C(c, a): the probability that an arrival waits. */
  readonly pWait: number;
  /** E[Wq] = C/(cμ − λ). */
  readonly meanWaitMs: number;
  /** E[T] = E[Wq] + 1/μ. */
  readonly meanResponseMs: number;
  /** Lq = λ·E[Wq] (Little). */
  readonly meanQueueLength: number;
  /** L = λ·E[T] (Little). */
  readonly meanInSystem: number;
  /** θ = cμ − λ per ms: the rate of the exponential tail of the wait. */
  readonly waitDecayPerMs: number;
}

/**
 * Analyses an M/M/c queue (REFERENCE.md, "Queueing formulas"):
 *   a = λ/μ, ρ = a/c, C = Erlang C (erlang-c.ts),
 *   E[Wq] = C/(cμ − λ), P(Wq > t) = C·e^{−(cμ−λ)t}.
 * Returns `Unstable` when ρ ≥ 1. Throws E_PLAN_INVALID on a bad input.
 * Source: Kleinrock, Queueing Systems vol. 1 (1975), §3.5; Gross & Harris,
 * Fundamentals of Queueing Theory, §2.3.
 */
export function analyzeMmc(input: MmcInput): Mmc | Unstable {
  const { ratePerSec, serviceMs, workers } = input;
  const problems: string[] = [];
  if (!(Number.isFinite(ratePerSec) && ratePerSec >= 0)) problems.push(`ratePerSec must be a finite number ≥ 0, got ${ratePerSec}`);
  if (!(Number.isFinite(serviceMs) && serviceMs > 0)) problems.push(`serviceMs must be a finite number > 0, got ${serviceMs}`);
  if (!(Number.isInteger(workers) && workers >= 1)) problems.push(`workers must be a whole number ≥ 1, got ${workers}`);
  if (problems.length > 0) throw caplabError('E_PLAN_INVALID', `M/M/c: ${problems.join('; ')}`);

  const lambdaPerMs = ratePerSec / 1000;
  const mu = 1 / serviceMs;
  const a = lambdaPerMs * serviceMs;
  const rho = a / workers;
  if (rho >= 1) return unstable(rho);
  const c = erlangC(workers, a);
  const theta = workers * mu - lambdaPerMs;
  const meanWaitMs = c / theta;
  const meanResponseMs = meanWaitMs + serviceMs;
  return Object.freeze({
    stable: true,
    model: 'M/M/c',
    workers,
    ratePerSec,
    serviceMs,
    offeredLoad: a,
    utilization: rho,
    pWait: c,
    meanWaitMs,
    meanResponseMs,
    meanQueueLength: lambdaPerMs * meanWaitMs,
    meanInSystem: lambdaPerMs * meanResponseMs,
    waitDecayPerMs: theta,
  });
}

/** P(Wq > t) = C·e^{−θt} for t ≥ 0. */
export function mmcWaitSurvival(m: Mmc, tMs: number): number {
  return tMs < 0 ? 1 : m.pWait * Math.exp(-m.waitDecayPerMs * tMs);
}

/**
 * The q-quantile of the wait: 0 when q ≤ 1 − C (the atom of requests that do
 * not wait), otherwise ln(C/(1−q))/θ. Infinity for q = 1.
 */
export function mmcWaitQuantileMs(m: Mmc, q: number): number {
  checkQuantile(q);
  if (q >= 1) return Infinity;
  const tail = 1 - q;
  return m.pWait <= tail ? 0 : Math.log(m.pWait / tail) / m.waitDecayPerMs;
}

/**
 * P(T > t) for the response time T = Wq + S, with S ~ Exp(μ) independent of
 * Wq. Wq is 0 with probability 1 − C and Exp(θ) otherwise, so T is a mixture
 * of Exp(μ) and the hypoexponential Exp(θ) + Exp(μ):
 *   P(T > t) = (1 − C)·e^{−μt} + C·H(t),
 *   H(t) = (r₂e^{−r₁t} − r₁e^{−r₂t})/(r₂ − r₁)  with r₁ = min(θ, μ), r₂ = max,
 * evaluated as H(t) = e^{−r₁t}·[1 + r₁t·f((r₂ − r₁)t)], f(x) = (1 − e^{−x})/x,
 * which has no cancellation as r₂ → r₁ and gives (1 + μt)e^{−μt} at θ = μ.
 */
export function mmcResponseSurvival(m: Mmc, tMs: number): number {
  if (tMs <= 0) return 1;
  const mu = 1 / m.serviceMs;
  const r1 = Math.min(mu, m.waitDecayPerMs);
  const r2 = Math.max(mu, m.waitDecayPerMs);
  const x = (r2 - r1) * tMs;
  const f = x === 0 ? 1 : -Math.expm1(-x) / x;
  const hypo = Math.exp(-r1 * tMs) * (1 + r1 * tMs * f);
  return (1 - m.pWait) * Math.exp(-mu * tMs) + m.pWait * hypo;
}

/** The q-quantile of the response time, by bisection on `mmcResponseSurvival`. */
export function mmcResponseQuantileMs(m: Mmc, q: number): number {
  checkQuantile(q);
  return solveSurvival((t) => mmcResponseSurvival(m, t), 1 - q, m.meanResponseMs);
}
