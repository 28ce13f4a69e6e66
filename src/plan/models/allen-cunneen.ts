import { caplabError } from '../../errors.js';
import { analyzeMmc } from './analyze-mmc.js';
import type { Unstable } from './unstable.js';

/**
 * A G/G/c queue described by its first two moments: arrivals at
 * `ratePerSec` with inter-arrival squared coefficient of variation `ca2`
 * (1 for Poisson, 0 for constant spacing), service mean `serviceMs` with
 * squared coefficient of variation `cs2` (1 exponential, 0 constant).
 */
export interface GgcInput {
  readonly ratePerSec: number;
  readonly serviceMs: number;
  readonly workers: number;
  readonly ca2: number;
  readonly cs2: number;
}

export interface AllenCunneen {
  readonly stable: true;
  readonly model: 'G/G/c (Allen–Cunneen)';
  readonly utilization: number;
  /** Erlang C of the matching M/M/c, used as the approximate P(wait). */
  readonly pWait: number;
  /** E[Wq] ≈ E[Wq](M/M/c)·(Ca² + Cs²)/2. */
  readonly meanWaitMs: number;
  /** E[Wq] + E[S]. */
  readonly meanResponseMs: number;
}

/**
 * The Allen–Cunneen approximation for G/G/c (Kingman's formula when c = 1):
 *   E[Wq] ≈ E[Wq](M/M/c) · (Ca² + Cs²)/2.
 * Exact for M/M/c (Ca² = Cs² = 1) and for M/G/1 (Pollaczek–Khinchine);
 * elsewhere an approximation that is best in heavy traffic. Source: Allen,
 * Probability, Statistics and Queueing Theory (1990), §6; Kingman (1961).
 * Returns `Unstable` when ρ ≥ 1. Throws E_PLAN_INVALID on a bad input.
 */
export function allenCunneen(input: GgcInput): AllenCunneen | Unstable {
  const problems: string[] = [];
  if (!(Number.isFinite(input.ca2) && input.ca2 >= 0)) problems.push(`ca2 must be a finite number ≥ 0, got ${input.ca2}`);
  if (!(Number.isFinite(input.cs2) && input.cs2 >= 0)) problems.push(`cs2 must be a finite number ≥ 0, got ${input.cs2}`);
  if (problems.length > 0) throw caplabError('E_PLAN_INVALID', `Allen–Cunneen: ${problems.join('; ')}`);
  const mmc = analyzeMmc(input);
  if (!mmc.stable) return mmc;
  const meanWaitMs = (mmc.meanWaitMs * (input.ca2 + input.cs2)) / 2;
  return Object.freeze({
    stable: true,
    model: 'G/G/c (Allen–Cunneen)',
    utilization: mmc.utilization,
    pWait: mmc.pWait,
    meanWaitMs,
    meanResponseMs: meanWaitMs + input.serviceMs,
  });
}
