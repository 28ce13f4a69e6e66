import type { Slo } from './parse-slo.js';
import type { ServiceDist } from '../scenario/index.js';

/**
 * What `planCapacity` needs: an open arrival stream, a service-time
 * distribution and a latency objective, plus the pool's limits. Times in ms.
 */
export interface CapacityInput {
  readonly ratePerSec: number;
  /** Inter-arrival law: 'poisson' (default) or 'constant' spacing. Ignored when `arrivalScv` is given. */
  readonly arrival?: 'poisson' | 'constant';
  /**
   * Ca², the squared coefficient of variation of the inter-arrival gaps of a
   * renewal process (what a log fit measures): 1 is Poisson, 0 constant
   * spacing, anything else gamma gaps with that Ca² (at most 100). Overrides `arrival`.
   */
  readonly arrivalScv?: number;
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
  /**
   * Simulated rows: requests per row in all (default 200 000), split over
   * `replications` independent runs (default 10, at least 2) whose spread
   * gives the 95 % intervals; the first `warmupShare` (default 0.1) of each
   * run's time left out; the seed (default 1).
   */
  readonly requests?: number;
  readonly replications?: number;
  readonly warmupShare?: number;
  readonly seed?: number;
  /** What the host can give the pool; the recommendation must fit all of them (see resource-limits.ts). */
  readonly limits?: ResourceLimits;
  /** Cores for the `(2 × cores) + 1` rule of thumb shown beside the recommendation; default `limits.cores`, none without it. */
  readonly ruleOfThumbCores?: number;
}

/**
 * Host resources that cap the worker count, each optional:
 * - `memoryBytes` with `rssBytes`: workers × RSS ≤ memory (each worker's
 *   resident set counted whole, so copy-on-write sharing makes it conservative);
 * - `cores` with `cpuShare` (the share of service time spent on a CPU,
 *   default 1, i.e. CPU-bound): workers × cpuShare ≤ cores, so that even
 *   with every worker busy the service times planned for still hold;
 * - `dbConnections`: workers ≤ connections (a sync worker holds one
 *   persistent database connection, as Django does with CONN_MAX_AGE > 0).
 */
export interface ResourceLimits {
  readonly memoryBytes?: number;
  readonly rssBytes?: number;
  /** Where `rssBytes` came from when it was measured, e.g. "peak worker RSS in results.json"; shown in the memory cap's detail. */
  readonly rssSource?: string;
  readonly cores?: number;
  readonly cpuShare?: number;
  readonly dbConnections?: number;
}

/** A two-sided 95 % confidence interval. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * A simulated row's 95 % confidence intervals: Student t with
 * `replications` − 1 degrees of freedom over the independent replications'
 * estimates (the row's figure is their mean).
 */
export interface RowIntervals {
  readonly replications: number;
  readonly meanWaitMs: Interval;
  readonly p99LatencyMs: Interval;
  readonly sloValueMs: Interval;
  readonly errorShare: Interval;
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
  /** The verdict on the figures (the replications' means, in a simulated row). */
  readonly meetsSlo: boolean;
  /**
   * The verdict at 95 %: 'meets' when even the intervals' unfavourable ends
   * meet the objective, 'fails' when even their favourable ends fail it (or
   * the row is unstable), 'uncertain' in between. Analytic rows are exact:
   * 'meets' or 'fails' as `meetsSlo`.
   */
  readonly verdict: 'meets' | 'fails' | 'uncertain';
  /** 95 % intervals of a simulated row; null in analytic and unstable rows. */
  readonly ci: RowIntervals | null;
}

export interface CapacityRecommendation {
  /** The smallest scanned worker count that meets the objective (and every limit). */
  readonly workers: number;
  /**
   * The counts whose verdict is not certain at 95 %, as a range: `low` is
   * the smallest count that may meet the objective (its verdict is not
   * 'fails'), `high` the smallest that meets it at 95 % ('meets'); both
   * equal `workers` in an analytic plan. `high` is null if no scanned count
   * meets the objective at 95 %.
   */
  readonly interval: { readonly low: number; readonly high: number | null };
  /** The largest arrival rate (per s) that count can take before the objective breaks (bisection on the rate). */
  readonly headroomRps: number;
  /** headroomRps − the planned rate. */
  readonly spareRps: number;
}

/** One resource limit and the most workers it allows. */
export interface LimitCap {
  readonly limit: 'memory' | 'cores' | 'dbConnections';
  readonly maxWorkers: number;
  /** How the cap follows from the limit, e.g. "4 GiB holds 34 workers at 120 MiB each". */
  readonly detail: string;
}

/** How the resource limits bear on the plan. */
export interface LimitsOutcome {
  /** Every limit given, with its cap. */
  readonly caps: readonly LimitCap[];
  /** The smallest cap (the binding limit when the objective needs more), or null with no limits. */
  readonly binding: LimitCap | null;
  /** The count the objective alone needs (the smallest scanned count meeting it), or null if none does. */
  readonly sloWorkers: number | null;
}

/** gunicorn's `(2 × cores) + 1` workers, and what that count would give. */
export interface RuleOfThumb {
  readonly cores: number;
  readonly workers: number;
  readonly row: CapacityRow;
  /** The limits that count breaks, by name (empty when it fits them all). */
  readonly breaks: readonly LimitCap['limit'][];
}

export interface CapacityPlan {
  readonly method: 'analytic' | 'simulated';
  /**
   * The model behind the rows: 'M/M/c' or 'M/M/c/K' (exact), or
   * 'simulation' (discrete-event, independent replications).
   */
  readonly model: 'M/M/c' | 'M/M/c/K' | 'simulation';
  /** The arrival process in words with its Ca², e.g. "Poisson (Ca² 1)" or "renewal, gamma gaps (Ca² 2.3)". */
  readonly arrivals: string;
  /** The service law in words with its Cs². */
  readonly service: string;
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
  readonly limits: LimitsOutcome;
  /** Null unless `ruleOfThumbCores` (or `limits.cores`) is given. */
  readonly ruleOfThumb: RuleOfThumb | null;
}
