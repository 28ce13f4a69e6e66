import type { Slo } from './parse-slo.js';
import type { ServiceDist } from '../scenario/index.js';

/**
 * What `planCapacity` needs: an open arrival stream, a service-time
 * distribution and a latency objective, plus the pool's limits. Times in ms.
 */
export interface CapacityInput {
  readonly ratePerSec: number;
  /** Inter-arrival law: 'poisson' (default) or 'constant' spacing. */
  readonly arrival?: 'poisson' | 'constant';
  /** caplab's one service model (a lognormal by its median; see `ServiceDist`). */
  readonly service: ServiceDist;
  readonly slo: Slo;
  /** Listen-queue places; default Infinity. Finite makes the analytic model M/M/c/K with K = workers + listen. */
  readonly listen?: number;
  /** nginx's read timeout (504 after this since arrival); default Infinity. */
  readonly upstreamTimeoutMs?: number;
  /** uWSGI harakiri (502); default Infinity. */
  readonly harakiriMs?: number;
  readonly respawnMs?: number;
  /** Threads per worker (uWSGI's `threads`): each worker is that many servers of the one queue; rows still count workers; default 1. */
  readonly threads?: number;
  /** A row meets the objective only if refused + 502 + 504 stay at or under this share; default 0.01. */
  readonly maxErrorShare?: number;
  /** First worker count scanned; default max(1, ⌊a⌋) with a = λ·E[S], so one overloaded row shows when a ≥ 1. */
  readonly minWorkers?: number;
  /** Last worker count scanned; default max(PLAN_DEFAULTS.maxWorkers, 4⌈a⌉, minWorkers + 63). Below the load's stable count, the plan has no rows and says so. */
  readonly maxWorkers?: number;
  /** Rows still scanned after the recommended one, to show the trend; default 2. */
  readonly rowsAfterRecommended?: number;
  /** 'auto' (default) is analytic exactly when arrivals are Poisson, service exponential and there are no timeouts. */
  readonly method?: 'auto' | 'analytic' | 'simulated';
  /** Simulated rows: requests per run (default 200 000), the first `warmupShare` (default 0.1) of the run's time left out, and the seed (default 1). */
  readonly requests?: number;
  readonly warmupShare?: number;
  readonly seed?: number;
}

/** One scanned worker count. Figures are null where they would be meaningless (an unstable row with an unbounded queue). */
export interface CapacityRow {
  readonly workers: number;
  /** Offered utilisation ρ = λ·E[S]/c. */
  readonly utilization: number;
  /** ρ < 1. A row with ρ ≥ 1 never meets the objective. */
  readonly stable: boolean;
  /** Why the row is unstable, or null. */
  readonly reason: string | null;
  /** Share of admitted requests that wait at all. */
  readonly pWait: number | null;
  readonly meanWaitMs: number | null;
  /**
   * A simulated row's Allen–Cunneen approximation of the mean queue wait
   * (G/G/c, from the arrival and service SCVs; see allen-cunneen.ts), given
   * beside the simulated `meanWaitMs`. Null in analytic rows (their
   * `meanWaitMs` is exact), in rows with ρ ≥ 1, and in whole-scenario plans.
   */
  readonly approxMeanWaitMs: number | null;
  readonly p99WaitMs: number | null;
  readonly p99LatencyMs: number | null;
  /** The objective's own statistic of the latency (equal to p99LatencyMs for a p99 objective). */
  readonly sloValueMs: number | null;
  /** Share of requests refused (503). */
  readonly refusedShare: number | null;
  /** Share refused, killed (502) or timed out (504). */
  readonly errorShare: number | null;
  readonly meetsSlo: boolean;
}

export interface CapacityRecommendation {
  /** The smallest scanned worker count that meets the objective. */
  readonly workers: number;
  /** The largest arrival rate (per s) that count can take before the objective breaks (bisection on the rate). */
  readonly headroomRps: number;
  /** headroomRps − the planned rate. */
  readonly spareRps: number;
}

export interface CapacityPlan {
  readonly method: 'analytic' | 'simulated';
  /** The model behind the rows: 'M/M/c', 'M/M/c/K' or 'simulation'. */
  readonly model: 'M/M/c' | 'M/M/c/K' | 'simulation';
  readonly ratePerSec: number;
  readonly slo: Slo;
  /** a = λ·E[S], in Erlangs. */
  readonly offeredLoad: number;
  readonly rows: readonly CapacityRow[];
  readonly recommended: CapacityRecommendation | null;
  /** Why the scan stopped without a recommendation, or null. */
  readonly note: string | null;
  /** What the reader should know about the figures, e.g. that `approxMeanWaitMs` is an approximation; empty for analytic plans. */
  readonly notes: readonly string[];
}
