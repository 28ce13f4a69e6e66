import { Counter, Gauge, Registry } from 'prom-client';
import { respawnsOf, type PoolStats } from '../stats-types.js';
import { MirroredHistogram, type HistogramState } from './mirrored-histogram.js';

/** Every metric name the pool exposes, in one place (the README's table lists the same). */
export const METRIC_NAMES = Object.freeze({
  info: 'caplab_pool_info',
  workers: 'caplab_pool_workers',
  requests: 'caplab_pool_worker_requests_total',
  exceptions: 'caplab_pool_worker_exceptions_total',
  harakiri: 'caplab_pool_worker_harakiri_kills_total',
  respawns: 'caplab_pool_worker_respawns_total',
  rss: 'caplab_pool_worker_resident_memory_bytes',
  tx: 'caplab_pool_worker_transmitted_bytes_total',
  queue: 'caplab_pool_listen_queue_length',
  queueMax: 'caplab_pool_listen_queue_max_length',
  overflows: 'caplab_pool_listen_queue_overflows_total',
  duration: 'caplab_pool_request_duration_seconds',
});

/** The worker states `caplab_pool_workers` always reports (0 when none), so its series stay put; anything else counts as 'other'. */
export const WORKER_STATES = Object.freeze(['idle', 'busy', 'cheap', 'respawning', 'other'] as const);

/** The Prometheus view of a pool: the text of one scrape, and its content type. */
export interface PoolMetrics {
  readonly contentType: string;
  /** Reads one stats document and renders every metric from it (Prometheus text format 0.0.4). */
  render(): Promise<string>;
}

function stateOf(status: string): (typeof WORKER_STATES)[number] {
  return (WORKER_STATES as readonly string[]).includes(status) && status !== 'other' ? (status as (typeof WORKER_STATES)[number]) : 'other';
}

/** The pool-wide request-duration histogram of a document, cumulative; null when the source keeps none (real uWSGI). */
export function durationHistogram(stats: PoolStats): HistogramState | null {
  const d = stats.caplab?.request_duration;
  if (!d) return null;
  let running = 0;
  const buckets = d.counts.map((c) => (running += c));
  return {
    le: d.le,
    buckets,
    sum: stats.workers.reduce((s, w) => s + w.running_time, 0) / 1e6,
    count: stats.workers.reduce((s, w) => s + w.requests, 0),
  };
}

/**
 * Translates a pool's stats document (caplab's pool or real uWSGI's, the
 * same shape) into Prometheus metrics through prom-client, one document per
 * scrape (`read`). Counters mirror the document's own counters, which only
 * grow while the pool lives (per worker slot, across respawns), so they
 * follow Prometheus's counter contract. The request-duration histogram
 * needs per-request durations, which only caplab's pool keeps (scoreboard
 * buckets); for real uWSGI it has no samples. `counts: false` leaves out
 * every counter and the histogram, for a source that cannot see requests
 * (gunicorn read from /proc): its zeros would read as "no traffic".
 */
export function createPoolMetrics(read: () => Promise<PoolStats>, options: { readonly counts?: boolean } = {}): PoolMetrics {
  const counts = options.counts ?? true;
  const registry = new Registry();
  let current: PoolStats | null = null;
  const perWorker = (value: (w: PoolStats['workers'][number]) => number) =>
    function (this: Counter<'worker'> | Gauge<'worker'>): void {
      this.reset();
      for (const w of current?.workers ?? []) {
        if (this instanceof Counter) this.inc({ worker: String(w.id) }, value(w));
        else this.set({ worker: String(w.id) }, value(w));
      }
    };
  const counter = (name: string, help: string, value: (w: PoolStats['workers'][number]) => number): Counter<'worker'> =>
    new Counter({ name, help, labelNames: ['worker'], registers: [registry], collect: perWorker(value) });

  new Gauge({
    name: METRIC_NAMES.info,
    help: 'Always 1; labels name the pool program (version) and its master pid.',
    labelNames: ['version', 'pid'],
    registers: [registry],
    collect() {
      this.reset();
      if (current) this.set({ version: current.version, pid: String(current.pid) }, 1);
    },
  });
  new Gauge({
    name: METRIC_NAMES.workers,
    help: 'Worker processes by state (idle, busy, cheap, respawning, other).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const counts = new Map<string, number>(WORKER_STATES.map((s) => [s, 0]));
      for (const w of current?.workers ?? []) counts.set(stateOf(w.status), (counts.get(stateOf(w.status)) ?? 0) + 1);
      for (const [state, n] of counts) this.set({ state }, n);
    },
  });
  if (counts) {
    counter(METRIC_NAMES.requests, 'Requests served by each worker slot since the pool started (across respawns).', (w) => w.requests);
    counter(METRIC_NAMES.exceptions, 'Requests whose app raised, per worker slot.', (w) => w.exceptions);
    counter(METRIC_NAMES.harakiri, 'Worker processes killed by harakiri, per worker slot.', (w) => w.harakiri_count);
    counter(METRIC_NAMES.respawns, 'Worker processes replaced (crash, max-requests, harakiri, reload), per worker slot.', respawnsOf);
    counter(METRIC_NAMES.tx, 'Response bytes written, per worker slot.', (w) => w.tx);
  }
  new Gauge({ name: METRIC_NAMES.rss, help: 'Resident set size of the worker process now, bytes (0 while respawning; uWSGI needs --memory-report).', labelNames: ['worker'], registers: [registry], collect: perWorker((w) => w.rss) });
  new Gauge({
    name: METRIC_NAMES.queue,
    help: 'Connections waiting in the listen queue for a worker.',
    registers: [registry],
    collect() {
      this.set(current?.listen_queue ?? 0);
    },
  });
  new Gauge({
    name: METRIC_NAMES.queueMax,
    help: 'The listen queue size (the socket backlog, uWSGI listen).',
    registers: [registry],
    collect() {
      this.set(current?.sockets.reduce((s, k) => s + k.max_queue, 0) ?? 0);
    },
  });
  if (counts) {
    new Counter({
      name: METRIC_NAMES.overflows,
      help: 'Connections refused because the listen queue was full (master queue mode: 503s). In kernel mode, and in real uWSGI, the kernel drops them unseen: this stays 0.',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(current?.listen_queue_errors ?? 0);
      },
    });
    new MirroredHistogram({ name: METRIC_NAMES.duration, help: 'Wall-clock time each served request spent in a worker, seconds.', registry }, () => (current ? durationHistogram(current) : null));
  }

  return {
    contentType: registry.contentType,
    async render() {
      current = await read();
      try {
        return await registry.metrics();
      } finally {
        current = null;
      }
    },
  };
}
