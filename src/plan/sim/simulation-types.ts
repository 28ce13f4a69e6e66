import type { ArrivalSpec } from './arrival-spec.js';
import type { Sampler } from '../../random/index.js';
import type { SimStats } from './quantile-sketch.js';

/**
 * One simulated run of a prefork pool: `workers` sync workers, a FIFO listen
 * queue of `listen` places, and the arrivals. All times are virtual ms.
 */
export interface SimulationInput {
  readonly workers: number;
  /** Listen-queue places (uWSGI `listen`); default Infinity. M/M/c/K's K is workers + listen. A request finding them all taken is refused (503). */
  readonly listen?: number;
  readonly arrivals: ArrivalSpec | readonly ArrivalSpec[];
  /** Service-time sampler for specs that have none of their own. */
  readonly service?: Sampler;
  /** Seed of the run's one generator (random/); default 1. */
  readonly seed?: number;
  /** uWSGI `harakiri`: a request in service longer than this is killed (502); default Infinity (off). */
  readonly harakiriMs?: number;
  /** How long a killed worker takes to respawn before it takes requests again; default 0. */
  readonly respawnMs?: number;
  /** nginx's read timeout, counted from arrival: the client then sees 504 while the worker runs on; default Infinity. */
  readonly upstreamTimeoutMs?: number;
  /** Requests arriving before this time are simulated but left out of the summary; default 0. */
  readonly warmupMs?: number;
  /** Keep one record per request (memory grows with the run); default false. */
  readonly records?: boolean;
  /** Percentiles are exact up to this many samples, then from a histogram (±0.05 %); default 100 000. */
  readonly exactPercentilesUpTo?: number;
  /** Stop sending after this many requests (a guard against endless closed loops); default 100 000 000. */
  readonly maxRequests?: number;
  /** Threads per worker (uWSGI's `threads`): the pool has workers × threads servers; default 1. */
  readonly threads?: number;
  /**
   * uWSGI's `max-requests` as a short unavailability: each worker process is
   * recycled after this many requests; default Infinity (never). Modelled
   * per server: each of a worker's `threads` servers is down for
   * `recycleMs` after every ⌈recycleAfter / threads⌉ requests it serves.
   */
  readonly recycleAfter?: number;
  /** How long a recycled worker is away (its respawn); default 0. */
  readonly recycleMs?: number;
}

export type SimStatus = 200 | 502 | 503 | 504;

/** One request as the simulation saw it. */
export interface SimRecord {
  /** Arrival order, from 0. */
  readonly id: number;
  /** The name of the arrival spec that sent it. */
  readonly source: string;
  readonly arrivalMs: number;
  /** When a worker took it; null if refused. */
  readonly startMs: number | null;
  /** startMs − arrivalMs; null if refused. */
  readonly queueMs: number | null;
  /** Time the worker spent on it (cut at harakiri); null if refused. */
  readonly serviceMs: number | null;
  /** What the client saw: 0 for a refusal, the timeout for a 504. */
  readonly latencyMs: number;
  readonly status: SimStatus;
  /** The worker (0 … workers − 1) that took it (with threads, the worker of the thread); null if refused. */
  readonly worker: number | null;
}

/** Figures over the measured requests: those arriving at or after `warmupMs`. */
export interface SimSummary {
  readonly count: number;
  /** 200: served within every limit. */
  readonly served: number;
  /** 503: the listen queue was full. */
  readonly refused: number;
  /** 504: the proxy gave up (the worker still served the request). */
  readonly timeouts: number;
  /** 502: killed by harakiri. */
  readonly harakiri: number;
  /** Share of admitted (not refused) requests that waited at all. */
  readonly pWait: number;
  /** Listen-queue wait of admitted requests. */
  readonly waitMs: SimStats;
  /** Client-seen latency of admitted requests (a 504 counts as the timeout). */
  readonly latencyMs: SimStats;
  /** Mean drawn service time of admitted requests (what the app would take, before any harakiri cut). */
  readonly meanServiceMs: number;
  /** Measured requests per second of their own arrival span ((count − 1) / (last − first measured arrival)); 0 with fewer than 2. */
  readonly arrivalRatePerSec: number;
  /** Busy worker time (respawns included) / (workers × measured span), the span running from max(warmupMs, first arrival) to the last event. */
  readonly utilization: number;
  /** Longest listen queue seen (warm-up included). */
  readonly maxQueue: number;
  /** Arrivals, completions and client time-outs processed (warm-up included). */
  readonly eventsProcessed: number;
  /** From the first arrival to the last event. */
  readonly durationMs: number;
  /** True when `maxRequests` stopped the arrivals early. */
  readonly truncated: boolean;
}

export interface SimulationResult {
  readonly summary: SimSummary;
  /** Per-request records in arrival order, or null unless `records` was set. */
  readonly records: readonly SimRecord[] | null;
}
