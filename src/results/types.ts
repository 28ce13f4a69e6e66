/**
 * The shapes of caplab's result files. `results.json` is a `RunResult`
 * (schema `caplab.run/1`), `sweep.json` a `SweepResult` (`caplab.sweep/1`).
 * All times are in scenario milliseconds: wall-clock times divided by the
 * run's time scale.
 */

/** One request as the load generator saw it, joined with the app's timing headers. */
export interface RequestRecord {
  readonly id: number;
  /** Name of the load phase that sent it, e.g. `burst#0`. */
  readonly phase: string;
  readonly method: string;
  readonly path: string;
  /** When the request was meant to leave, from the start of the run. */
  readonly scheduledMs: number;
  /** When it actually left; `sentMs - scheduledMs` is the generator's lag. */
  readonly sentMs: number;
  /** From the scheduled send time to the last byte of the response. */
  readonly latencyMs: number;
  /** HTTP status; 0 when no response came back (see `error`). */
  readonly status: number;
  /** The worker that served it (`X-Caplab-Worker`), or null. */
  readonly worker: number | null;
  /** Listen-queue wait before the app started (`X-Caplab-Queue-Ms`), or null. */
  readonly queueMs: number | null;
  /** Time spent in the app (`X-Caplab-Service-Ms`), or null. */
  readonly serviceMs: number | null;
  /**
   * The proxy's connect to the pool (`X-Caplab-Upstream-Connect-Time`, like
   * nginx's $upstream_connect_time), kernel SYN retries included; null when
   * the response did not carry it, absent in results older than the header.
   */
  readonly connectMs?: number | null;
  readonly error: string | null;
}

/** Distribution summary of one measured quantity. Empty samples give all zeros and count 0. */
export interface Stats {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface Summary {
  readonly count: number;
  /** Responses with status < 400. */
  readonly ok: number;
  /** Status >= 400 or no response. */
  readonly errors: number;
  readonly durationMs: number;
  readonly throughputRps: number;
  readonly latencyMs: Stats;
  readonly queueMs: Stats;
  readonly serviceMs: Stats;
  /** Count per status code, with "0" for no response. */
  readonly status: Readonly<Record<string, number>>;
}

/** One sample of the pool's state while a run goes. */
export interface TimelinePoint {
  readonly tMs: number;
  /** Requests waiting in the listen queue. */
  readonly queue: number;
  /** Workers serving a request. */
  readonly busy: number;
}

export interface ThresholdVerdict {
  /** The expression as written, e.g. `latency.p99 < 2s`. */
  readonly expr: string;
  readonly ok: boolean;
  /** Measured value, in the threshold's own unit (ms, or a ratio for rates). */
  readonly actual: number;
  readonly limit: number;
}

export interface StackDescription {
  readonly proxy: string;
  readonly pool: string;
  readonly app: string;
  readonly workers: number;
  readonly listen: number;
  readonly upstreamTimeoutMs: number;
  readonly timeScale: number;
  /** Where the embedded pool's listen queue lived ('kernel' or 'master'); absent for real pools and older results. */
  readonly queue?: 'kernel' | 'master';
  /** Why the pool ran in 'master' mode when 'kernel' was asked for (the native addon could not load). */
  readonly queueFallback?: string;
  /** Embedded proxy processes (nginx's worker_processes); absent for nginx and older results. */
  readonly proxyProcesses?: number;
}

/**
 * How much the kernel's listen counters (`TcpExtListenOverflows`,
 * `TcpExtListenDrops` in /proc/net/netstat) rose during a run. The counters
 * are system-wide: every listening socket of every program on the machine
 * (its network namespace) adds to them, not only the pool's.
 */
export interface ListenOverflow {
  /** Connections dropped because an accept queue was full. */
  readonly listenOverflows: number;
  /** SYNs dropped on listening sockets, overflows included. */
  readonly listenDrops: number;
  /** Always true: a reminder that other programs count here too. */
  readonly systemWide: true;
}

/**
 * Requests whose connect from the proxy to the pool took long enough that
 * the kernel must have dropped their SYN and the proxy retried it (Linux
 * retries about 1 s later, then 3 s later, in wall time).
 */
export interface SynRetrySummary {
  /** Requests whose connect took at least `thresholdWallMs` of wall time. */
  readonly requests: number;
  /** Requests that carried a connect time at all. */
  readonly measured: number;
  /** The wall-time connect above which a request counts as retried (no loopback connect takes this long otherwise). */
  readonly thresholdWallMs: number;
  /** The retried requests' connect times, in scenario ms (wall ms ÷ time scale). */
  readonly delayMs: Stats;
}

export interface PhaseResult {
  readonly name: string;
  readonly kind: string;
  readonly summary: Summary;
}

export interface RunResult {
  readonly schema: 'caplab.run/1';
  readonly scenario: { readonly name: string; readonly description: string; readonly file: string | null };
  readonly stack: StackDescription;
  readonly seed: number;
  readonly startedAt: string;
  /** The plan the run executed (see scenario/). */
  readonly plan: unknown;
  /** Every request, unless more than the cap were sent: then a uniform sample. */
  readonly requests: readonly RequestRecord[];
  readonly sampling: { readonly total: number; readonly kept: number; readonly sampled: boolean };
  readonly summary: Summary;
  readonly phases: readonly PhaseResult[];
  readonly timeline: readonly TimelinePoint[];
  readonly thresholds: readonly ThresholdVerdict[];
  /** Rise of the kernel's system-wide listen counters over the load; absent where /proc/net/netstat cannot be read. */
  readonly overflow?: ListenOverflow;
  /** Requests that waited on a SYN retry; absent when no response carried `X-Caplab-Upstream-Connect-Time`. */
  readonly synRetries?: SynRetrySummary;
  /** Optional extras later features attach (Little's law check, predictions). */
  readonly [extra: string]: unknown;
}

export interface SweepRun {
  readonly workers: number;
  readonly summary: Summary;
  readonly thresholds: readonly ThresholdVerdict[];
  /** Path of that run's results.json, relative to the sweep folder. */
  readonly results: string;
  readonly [extra: string]: unknown;
}

export interface SweepResult {
  readonly schema: 'caplab.sweep/1';
  readonly scenario: { readonly name: string; readonly description: string; readonly file: string | null };
  readonly timeScale: number;
  readonly seed: number;
  readonly startedAt: string;
  readonly runs: readonly SweepRun[];
  /** Smallest worker count whose run met every threshold, or null. */
  readonly recommended: number | null;
  /** The first run's `stack.queueFallback`: why the pool ran with the master-held queue; absent when it did not fall back. */
  readonly queueFallback?: string;
  readonly [extra: string]: unknown;
}
