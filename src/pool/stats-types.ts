/**
 * The stats document of a pool, in uWSGI's `--stats` shape: what the
 * embedded master serves and what `readStats` returns, for the embedded
 * pool and for real uWSGI alike. Fields real uWSGI adds (cores, apps,
 * signals…) are kept as they come; `caplab` is present only on the
 * embedded pool.
 */

/** One listening socket. */
export interface SocketStats {
  /** 'host:port' */
  readonly name: string;
  /** 'uwsgi' or 'http' (real uWSGI: e.g. 'uwsgi', 'http'). */
  readonly proto: string;
  /** Connections waiting for a worker. */
  readonly queue: number;
  /** The listen queue's size (`listen`). */
  readonly max_queue: number;
  readonly [extra: string]: unknown;
}

/** One core of a worker (uWSGI: one per thread or async core; the embedded pool has one). */
export interface CoreStats {
  readonly id: number;
  readonly requests: number;
  /** 1 while the core serves a request. */
  readonly in_request: number;
  /** While in a request: `request_start`, epoch seconds (uWSGI: whole seconds). */
  readonly req_info?: { readonly request_start?: number; readonly [extra: string]: unknown };
  readonly [extra: string]: unknown;
}

/** One worker slot. Times are µs, sizes bytes, last_spawn epoch seconds. */
export interface WorkerStats {
  /** 1-based worker id. */
  readonly id: number;
  /** Pid of the process in the slot now; 0 while it is being (re)spawned. */
  readonly pid: number;
  /** 1 when the worker can take a connection (idle or busy), else 0. */
  readonly accepting: number;
  /** Requests served by this slot since the pool started. */
  readonly requests: number;
  /** Requests served by the slot's current process (reset on respawn). */
  readonly delta_requests: number;
  /** Requests whose app threw (each answered with a 500). */
  readonly exceptions: number;
  readonly harakiri_count: number;
  /** Signals the worker handled (always 0 in the embedded pool). */
  readonly signals?: number;
  /** 'idle', 'busy' or (embedded pool) 'respawning'; real uWSGI may also say 'cheap', 'pause' or 'sig…'. */
  readonly status: 'idle' | 'busy' | (string & {});
  readonly rss: number;
  readonly vsz: number;
  /** Total time spent serving requests, µs. */
  readonly running_time: number;
  readonly last_spawn: number;
  /** Times the slot's process was replaced (0 for the first process). */
  /** Processes started in this slot, the first one included (uWSGI's meaning: 1 for a fresh worker); see `respawnsOf`. */
  readonly respawn_count: number;
  /** Response bytes written. */
  readonly tx: number;
  /** Average time per request, µs. */
  readonly avg_rt: number;
  /** uWSGI's cores (real uWSGI: one per thread); may be absent in old documents. */
  readonly cores?: readonly CoreStats[];
  readonly [extra: string]: unknown;
}

/** caplab's additions to the document. */
export interface CaplabPoolStats {
  /** Connections refused with a 503 because the listen queue was full. */
  readonly refused: number;
  /** Requests refused with a 4xx because they were malformed. */
  readonly malformed: number;
  /** Workers serving a request now. */
  readonly busy: number;
  /**
   * Served requests per wall-clock duration bucket, pool-wide, since the
   * pool started: `counts[i]` requests took at most `le[i]` seconds and more
   * than `le[i-1]` (not cumulative); the rest took longer than every bound.
   * Their count and total time are the workers' `requests` and `running_time`.
   */
  readonly request_duration?: { readonly le: readonly number[]; readonly counts: readonly number[] };
}

/** The whole stats document. */
export interface PoolStats {
  readonly version: string;
  /** The master's pid (0 when a source leaves it out). */
  readonly pid: number;
  /** Connections waiting for a worker, over all sockets. */
  readonly listen_queue: number;
  /** Connections refused because the listen queue was full (real uWSGI never counts them). */
  readonly listen_queue_errors: number;
  /** Requests being served now. */
  readonly load: number;
  readonly sockets: readonly SocketStats[];
  readonly workers: readonly WorkerStats[];
  readonly caplab?: CaplabPoolStats;
  readonly [extra: string]: unknown;
}

/**
 * How many times a worker was replaced (crash, max-requests, harakiri,
 * reload): uWSGI's `respawn_count` counts every spawn, the first included,
 * so this is one less; 0 for a source that cannot count them (it says 0).
 */
export function respawnsOf(w: Pick<WorkerStats, 'respawn_count'>): number {
  return Math.max(0, w.respawn_count - 1);
}
