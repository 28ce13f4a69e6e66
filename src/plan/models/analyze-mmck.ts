import { caplabError } from '../../errors.js';
import { mmckStates } from './mmck-states.js';

/**
 * An M/M/c/K system: Poisson arrivals at `ratePerSec`, exponential service
 * with mean `serviceMs`, `workers` servers and `capacity` = K places in all
 * (the c in service plus the listen queue, so K = workers + listen). An
 * arrival that finds K requests present is refused.
 */
export interface MmckInput {
  readonly ratePerSec: number;
  readonly serviceMs: number;
  readonly workers: number;
  readonly capacity: number;
}

/** Steady-state figures of M/M/c/K. Times in ms; waits are those of admitted requests. */
export interface Mmck {
  readonly model: 'M/M/c/K';
  readonly workers: number;
  readonly capacity: number;
  readonly ratePerSec: number;
  readonly serviceMs: number;
  /** a = λ/μ, in Erlangs. */
  readonly offeredLoad: number;
  /** ρ = a/c; may be ≥ 1 (the finite queue keeps the system stationary by refusing). */
  readonly offeredUtilization: number;
  /** p_K: the share of arrivals refused (PASTA). */
  readonly pBlock: number;
  /** λ(1 − p_K), per second. */
  readonly throughputPerSec: number;
  /** The share of worker time busy: a(1 − p_K)/c. */
  readonly utilization: number;
  /** P(an admitted arrival waits) = P(c ≤ n < K)/(1 − p_K). */
  readonly pWait: number;
  /** E[Wq] of admitted requests = Lq/(λ(1 − p_K)) (Little's law). */
  readonly meanWaitMs: number;
  /** E[Wq] + 1/μ. */
  readonly meanResponseMs: number;
  /** Lq = Σ_{n>c} (n − c)·p_n. */
  readonly meanQueueLength: number;
  /** L = Lq + a(1 − p_K). */
  readonly meanInSystem: number;
}

/**
 * Analyses M/M/c/K from its birth–death stationary distribution
 * (mmck-states.ts). Throws E_PLAN_INVALID on a bad input.
 */
export function analyzeMmck(input: MmckInput): Mmck {
  checkMmckInput(input);
  const { ratePerSec, serviceMs, workers, capacity } = input;
  const a = (ratePerSec / 1000) * serviceMs;
  const states = mmckStates(workers, a, capacity);
  const { probs, pFull } = states;
  let queued = 0;
  let waiting = 0;
  for (let j = 0; j < probs.length; j++) {
    const p = probs[j] as number;
    queued += j * p;
    if (j < states.queuePlaces) waiting += p;
  }
  const admitted = 1 - pFull;
  const throughputPerSec = ratePerSec * admitted;
  const meanWaitMs = throughputPerSec > 0 ? queued / (throughputPerSec / 1000) : 0;
  return Object.freeze({
    model: 'M/M/c/K',
    workers,
    capacity,
    ratePerSec,
    serviceMs,
    offeredLoad: a,
    offeredUtilization: a / workers,
    pBlock: pFull,
    throughputPerSec,
    utilization: (a * admitted) / workers,
    pWait: admitted > 0 ? waiting / admitted : 1,
    meanWaitMs,
    meanResponseMs: meanWaitMs + serviceMs,
    meanQueueLength: queued,
    meanInSystem: queued + a * admitted,
  });
}

/** Throws E_PLAN_INVALID listing every bad field of an M/M/c/K input. */
export function checkMmckInput(input: MmckInput): void {
  const { ratePerSec, serviceMs, workers, capacity } = input;
  const problems: string[] = [];
  if (!(Number.isFinite(ratePerSec) && ratePerSec >= 0)) problems.push(`ratePerSec must be a finite number ≥ 0, got ${ratePerSec}`);
  if (!(Number.isFinite(serviceMs) && serviceMs > 0)) problems.push(`serviceMs must be a finite number > 0, got ${serviceMs}`);
  if (!(Number.isInteger(workers) && workers >= 1)) problems.push(`workers must be a whole number ≥ 1, got ${workers}`);
  if (!(Number.isInteger(capacity) && capacity >= workers)) problems.push(`capacity (K, workers + listen) must be a whole number ≥ workers (${workers}), got ${capacity}`);
  if (problems.length > 0) throw caplabError('E_PLAN_INVALID', `M/M/c/K: ${problems.join('; ')}`);
}
