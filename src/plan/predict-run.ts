import { reachesPool } from '../routing/index.js';
import type { RunPlan } from '../scenario/index.js';
import { analyzeMmck } from './models/analyze-mmck.js';
import { mmckResponseQuantileMs, mmckWaitQuantileMs } from './models/mmck-quantiles.js';
import { simulatePool } from './sim/simulate-pool.js';
import { runTrace } from './run-trace.js';

/** What a model or the simulator expects a run to measure (scenario ms). */
export interface Prediction {
  readonly source: 'M/M/c/K' | 'simulation';
  readonly workers: number;
  /** Offered utilisation ρ = λ·E[S]/c (simulation: measured busy share). */
  readonly utilization: number;
  /** Share of admitted requests that wait at all. */
  readonly pWait: number;
  readonly meanWaitMs: number;
  readonly p99WaitMs: number;
  readonly p50LatencyMs: number | null;
  readonly p99LatencyMs: number;
  /** Share of requests refused with 503. */
  readonly refusedShare: number;
  /** Completed requests per second (simulation only). */
  readonly throughputRps: number | null;
}

export interface RunPredictions {
  /** Exact M/M/c/K figures, present only when the scenario is one Poisson phase with exponential service. */
  readonly analytic: Prediction | null;
  /** The discrete-event simulation of the run's exact schedule. */
  readonly simulated: Prediction;
  /** Where the simulation's workload differs from the run's. */
  readonly notes: readonly string[];
}

/** Why predicted 503s do not happen on a kernel-queue pool. */
export const KERNEL_OVERFLOW_NOTE =
  'the models refuse (503) what overflows the listen queue, as the master-held queue does; with the kernel queue the kernel drops those SYNs instead and the connections are retried about 1 s and 3 s (wall time) later, so they are served late, not refused';

/**
 * How long a recycled worker is away, wall ms: about what the embedded pool
 * takes to start a Node worker and load the sample app here (uWSGI forks a
 * preloaded app in far less). Scaled into scenario time by the run's scale.
 */
export const RECYCLE_RESPAWN_WALL_MS = 200;

/** The note on what the simulator makes of reloads and reload-on-rss. */
export const RELOAD_NOTE =
  "the simulator leaves out the plan's reloads and reload-on-rss (neither sends a request; a reload takes one worker away at a time for a respawn)";

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Predicts what `plan` will measure: always by simulating the pool's own
 * semantics (c workers × T threads, FIFO listen queue, harakiri and upstream timeout,
 * max-requests as a short respawn every so many requests)
 * on the run's exact schedule and service draws (see `runTrace`),
 * and analytically where M/M/c/K is exact: a single open Poisson phase
 * whose every request has exponential service of one mean.
 */
export function predictRun(plan: RunPlan): RunPredictions {
  const { stack } = plan;
  const workload = runTrace(plan);
  const sim = simulatePool({
    workers: stack.workers,
    listen: stack.listen,
    arrivals: workload.arrivals,
    seed: plan.seed,
    upstreamTimeoutMs: stack.upstreamTimeoutMs,
    ...(stack.harakiriMs !== null ? { harakiriMs: stack.harakiriMs } : {}),
    threads: stack.threads,
    ...(stack.maxRequests > 0 ? { recycleAfter: stack.maxRequests, recycleMs: RECYCLE_RESPAWN_WALL_MS / plan.timeScale } : {}),
  }).summary;
  const simulated: Prediction = {
    source: 'simulation',
    workers: stack.workers,
    utilization: r3(sim.utilization),
    pWait: r3(sim.pWait),
    meanWaitMs: r3(sim.waitMs.mean),
    p99WaitMs: r3(sim.waitMs.p99),
    p50LatencyMs: r3(sim.latencyMs.p50),
    p99LatencyMs: r3(sim.latencyMs.p99),
    refusedShare: sim.count > 0 ? r3(sim.refused / sim.count) : 0,
    throughputRps: sim.durationMs > 0 ? r3((sim.count * 1000) / sim.durationMs) : null,
  };
  const notes = [...workload.notes];
  if (plan.reloads.length > 0 || stack.reloadOnRssMb !== null) notes.push(RELOAD_NOTE);
  if (stack.queue === 'kernel' && simulated.refusedShare > 0) notes.push(KERNEL_OVERFLOW_NOTE);
  return { analytic: analyticPrediction(plan), simulated, notes };
}

/** M/M/c/K when it is exact for the plan, else null. */
function analyticPrediction(plan: RunPlan): Prediction | null {
  if (plan.phases.length !== 1) return null;
  const phase = plan.phases[0]!;
  if (phase.kind !== 'open' || phase.arrival !== 'poisson') return null;
  const means = new Set(phase.requests.map((r) => (r.service?.dist === 'exponential' && reachesPool(r.path, plan.stack) ? r.service.mean : NaN)));
  const mean = [...means][0];
  if (means.size !== 1 || mean === undefined || !Number.isFinite(mean)) return null;
  if (plan.stack.maxRequests > 0) return null;
  const servers = plan.stack.workers * plan.stack.threads;
  const m = analyzeMmck({ ratePerSec: phase.rate, serviceMs: mean, workers: servers, capacity: servers + plan.stack.listen });
  return {
    source: 'M/M/c/K',
    workers: plan.stack.workers,
    utilization: r3(m.offeredUtilization),
    pWait: r3(m.pWait),
    meanWaitMs: r3(m.meanWaitMs),
    p99WaitMs: r3(mmckWaitQuantileMs(m, 0.99)),
    p50LatencyMs: r3(mmckResponseQuantileMs(m, 0.5)),
    p99LatencyMs: r3(mmckResponseQuantileMs(m, 0.99)),
    refusedShare: r3(m.pBlock),
    throughputRps: r3(m.throughputPerSec),
  };
}
