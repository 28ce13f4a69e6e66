import type { ServiceDist } from '../scenario/index.js';

/** The access-log formats caplab reads. */
export const LOG_FORMATS = ['nginx-combined-timed', 'nginx-json', 'uwsgi', 'gunicorn'] as const;
/** One of LOG_FORMATS. */
export type LogFormatName = (typeof LOG_FORMATS)[number];

/** Where a line's arrival time comes from: `$msec − $request_time` (ms resolution) or a 1 s timestamp. */
export type ArrivalSource = 'msec-minus-request-time' | 'timestamp-1s';

/**
 * Where a line's service time comes from: the pool's own log (uWSGI's
 * "in N msecs", gunicorn's `%(D)s`), caplab's timing header logged by
 * nginx, nginx's `$upstream_response_time` (an upper bound: it includes
 * the wait in the pool's backlog), or nowhere.
 */
export type ServiceSource = 'pool-log' | 'timing-header' | 'upstream-response-time' | 'none';

/**
 * One parsed log line. Parsers return a fresh object; the collector keeps
 * only its numbers (see LogColumns), never the object.
 */
export interface LogEntry {
  /** When the request arrived, epoch ms. */
  readonly arrivalMs: number;
  readonly arrivalSource: ArrivalSource;
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly status: number;
  /** The app's time in ms, or null when the line has none. */
  readonly serviceMs: number | null;
  readonly serviceSource: ServiceSource;
  /** False for a hit nginx answered itself (upstream `-`): static files, cache. */
  readonly upstream: boolean;
  /** Upstream attempts (comma-separated values): 1 normally, more after retries, 0 for static. */
  readonly attempts: number;
}

/**
 * The result of parsing one line: an entry, null when the line is not of
 * the format at all, or a reason when it is of the format but unusable
 * (such as a combined line without timing fields).
 */
export type LineResult = LogEntry | null | { readonly unusable: string };

/** What the caller may set: the format, the busiest window's length, and a time range (epoch ms). */
export interface LogWindowOptions {
  readonly format: LogFormatName | 'auto';
  readonly peakMs?: number;
  readonly fromMs?: number;
  readonly toMs?: number;
}

/** The service fit of one endpoint (method and normalised path) inside the window. */
export interface EndpointFit {
  readonly method: string;
  /** Numeric and hex-id path segments replaced by `:id`. */
  readonly path: string;
  /** Pool-bound requests in the window, and those with a service time. */
  readonly count: number;
  readonly timed: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cs2: number;
  /** The chosen fit (see `fitService`), or null when no request had a time. */
  readonly fit: ServiceFit | null;
}

/** A fitted service distribution with the criterion that chose it. */
export interface ServiceFit {
  readonly dist: ServiceDist;
  /** Kolmogorov–Smirnov distance of each candidate from the sample (empirical is 0 by construction). */
  readonly ks: { readonly lognormal: number | null; readonly gamma: number | null };
  /** The 5 % critical value 1.36/√n the parametric fits are held to. */
  readonly ksCritical: number;
  /** One sentence: why this fit was chosen. */
  readonly reason: string;
}

/** Counts of what was read, kept and dropped. */
export interface LineCounts {
  readonly lines: number;
  readonly parsed: number;
  readonly bad: number;
  /** The first line that matched no known format (file:line and why), or null. */
  readonly firstBad: string | null;
  readonly staticHits: number;
  readonly retried: number;
  /** Extra upstream attempts (a line with 3 values adds 2). */
  readonly retryAttempts: number;
  readonly status2xx3xx: number;
  readonly status4xx: number;
  readonly status5xx: number;
  readonly status499: number;
  /** Pool-bound requests without a service time. */
  readonly untimed: number;
}

/** Everything the terminal summary of an import prints. */
export interface ImportSummary {
  readonly files: readonly string[];
  readonly format: LogFormatName;
  readonly counts: LineCounts;
  readonly arrivalSource: ArrivalSource;
  readonly serviceSource: ServiceSource;
  /** The whole log's span of arrivals, epoch ms. */
  readonly span: { readonly startMs: number; readonly endMs: number };
  /** Pool-bound arrivals per minute over the whole log (index 0 = the span's first minute); per `rateBinMs` for logs over about 69 days. */
  readonly perMinute: readonly number[];
  readonly rateBinMs: number;
  /** Busiest and quietest per-second counts over the whole log. */
  readonly perSecondMax: number;
  readonly perSecondMean: number;
  /** The window the fit is for: the busiest window (`peakMs`), `--from/--to`, or the whole log. */
  readonly window: { readonly startMs: number; readonly endMs: number; readonly how: string };
  readonly windowRequests: number;
  readonly ratePerSec: number;
  readonly ca2: number;
  /** How Ca² was estimated (inter-arrival times, or the dispersion of per-second counts at 1 s resolution). */
  readonly ca2Method: string;
  /** Index of dispersion of per-second counts in the window (1 for Poisson). */
  readonly dispersion: number;
  readonly endpoints: readonly EndpointFit[];
  /** The pool-wide fit, and its Cs². */
  readonly service: ServiceFit;
  readonly serviceMeanMs: number;
  readonly serviceCs2: number;
  /** Warnings to print: what the fit had to assume. */
  readonly warnings: readonly string[];
}

/** A workload fitted from access logs, for `caplab import` and `caplab plan --from-log`. */
export interface FittedWorkload {
  readonly files: readonly string[];
  readonly format: LogFormatName;
  /** epoch ms */
  readonly window: { readonly startMs: number; readonly endMs: number };
  /** Pool-bound arrivals per second in the window. */
  readonly ratePerSec: number;
  /** Squared CV of pool-bound inter-arrival times in the window. */
  readonly ca2: number;
  /** The chosen pool-wide service fit. */
  readonly service: ServiceDist;
  readonly serviceCs2: number;
  readonly summary: ImportSummary;
}
