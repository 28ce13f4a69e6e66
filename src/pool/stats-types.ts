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
  /** 'idle' or 'busy'; real uWSGI may also say 'cheap', 'pause' or 'sig…'. */
  readonly status: 'idle' | 'busy' | (string & {});
  readonly rss: number;
  readonly vsz: number;
  /** Total time spent serving requests, µs. */
  readonly running_time: number;
  readonly last_spawn: number;
  /** Times the slot's process was replaced (0 for the first process). */
  readonly respawn_count: number;
  /** Response bytes written. */
  readonly tx: number;
  /** Average time per request, µs. */
  readonly avg_rt: number;
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
}

/** The whole stats document. */
export interface PoolStats {
  readonly version: string;
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
