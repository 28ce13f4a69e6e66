import { respawnsOf, type PoolStats, type WorkerStats } from '../../pool/index.js';
import { GUNICORN_FROM_PROC } from '../read-gunicorn-stats.js';

/** The sparkline's span: busy workers over the last minute. */
export const HISTORY_MS = 60_000;
/** One sparkline column per second. */
export const HISTORY_COLUMNS = 60;

/** One worker as `caplab top` shows it. */
export interface WorkerView {
  readonly id: number;
  readonly pid: number;
  /** idle, busy, cheap, respawning (or whatever else the source says, e.g. uWSGI's 'pause'). */
  readonly status: string;
  /** Age of its oldest current request, ms; null when idle or when the source does not say. */
  readonly requestAgeMs: number | null;
  readonly requests: number;
  readonly exceptions: number;
  readonly harakiri: number;
  readonly respawns: number;
  /** Average response time, ms (uWSGI's avg_rt). */
  readonly avgMs: number;
  /** Resident set size, bytes (0 when the source does not measure it). */
  readonly rss: number;
}

/** Everything one refresh of `caplab top` shows. */
export interface TopView {
  readonly source: string;
  /** Epoch ms of the latest successful read; 0 before the first. */
  readonly atMs: number;
  readonly version: string;
  readonly masterPid: number;
  readonly workers: readonly WorkerView[];
  readonly queue: number;
  /** The listen queue's size (backlog). */
  readonly queueMax: number;
  /** The deepest queue seen since top started. */
  readonly queuePeak: number;
  /** Requests per second since the previous read; null on the first read or after the counters went back (a restart). */
  readonly rps: number | null;
  readonly busy: number;
  /** Busy workers per second over the last minute, oldest first; null for seconds with no read. */
  readonly busyHistory: readonly (number | null)[];
  /** Why the latest read failed, or null when it worked. */
  readonly error: string | null;
  /** False when the source cannot see requests (gunicorn read from /proc): request counts, rates and averages are unknown, not 0. */
  readonly counted: boolean;
}

/** The age of a worker's oldest request in progress, from uWSGI's cores (`in_request`, `req_info.request_start` in epoch seconds). */
export function requestAgeMs(worker: WorkerStats, nowMs: number): number | null {
  if (worker.status !== 'busy') return null;
  const starts = (worker.cores ?? []).filter((c) => c.in_request && c.req_info?.request_start !== undefined).map((c) => c.req_info!.request_start! * 1000);
  return starts.length === 0 ? null : Math.max(0, nowMs - Math.min(...starts));
}

function workerView(w: WorkerStats, nowMs: number): WorkerView {
  return {
    id: w.id,
    pid: w.pid,
    status: w.status,
    requestAgeMs: requestAgeMs(w, nowMs),
    requests: w.requests,
    exceptions: w.exceptions,
    harakiri: w.harakiri_count,
    respawns: respawnsOf(w),
    avgMs: w.avg_rt / 1000,
    rss: w.rss,
  };
}

/**
 * `caplab top`'s state between refreshes: it turns each stats document
 * into a view, with requests per second from the change in the workers'
 * request counters, the deepest queue seen, and busy workers per second
 * over the last minute. A failed read keeps the last view and sets
 * `error`. Pure: time comes in with each call.
 */
export function createTopModel(source: string): { record(stats: PoolStats, nowMs: number): TopView; failed(message: string, nowMs: number): TopView } {
  let last: TopView = { source, atMs: 0, version: '', masterPid: 0, workers: [], queue: 0, queueMax: 0, queuePeak: 0, rps: null, busy: 0, busyHistory: history([], 0), error: null, counted: true };
  let previous: { atMs: number; requests: number } | null = null;
  let samples: { atMs: number; busy: number }[] = [];

  return {
    record(stats, nowMs) {
      const requests = stats.workers.reduce((s, w) => s + w.requests, 0);
      const dt = previous ? (nowMs - previous.atMs) / 1000 : 0;
      const counted = stats.version !== GUNICORN_FROM_PROC;
      const rps = counted && previous && dt > 0 && requests >= previous.requests ? (requests - previous.requests) / dt : null;
      previous = { atMs: nowMs, requests };
      const busy = stats.workers.filter((w) => w.status === 'busy').length;
      samples = [...samples.filter((s) => s.atMs > nowMs - HISTORY_MS), { atMs: nowMs, busy }];
      last = {
        source,
        atMs: nowMs,
        version: stats.version,
        masterPid: stats.pid,
        workers: stats.workers.map((w) => workerView(w, nowMs)),
        queue: stats.listen_queue,
        queueMax: stats.sockets.reduce((s, k) => s + k.max_queue, 0),
        queuePeak: Math.max(last.queuePeak, stats.listen_queue),
        rps,
        busy,
        busyHistory: history(samples, nowMs),
        error: null,
        counted,
      };
      return last;
    },
    failed(message, nowMs) {
      previous = null;
      last = { ...last, busyHistory: history(samples, nowMs), error: message };
      return last;
    },
  };
}

/** The most busy workers seen in each second of the last minute, oldest first (null: no read that second). */
function history(samples: readonly { atMs: number; busy: number }[], nowMs: number): (number | null)[] {
  const columns: (number | null)[] = Array.from({ length: HISTORY_COLUMNS }, () => null);
  const width = HISTORY_MS / HISTORY_COLUMNS;
  for (const s of samples) {
    const age = nowMs - s.atMs;
    if (age < 0 || age >= HISTORY_MS) continue;
    const i = HISTORY_COLUMNS - 1 - Math.floor(age / width);
    columns[i] = Math.max(columns[i] ?? 0, s.busy);
  }
  // Reads a second apart do not land one per column: a one-column gap between two reads carries the earlier value.
  for (let i = 1; i < columns.length - 1; i++) if (columns[i] === null && columns[i - 1] !== null && columns[i + 1] !== null) columns[i] = columns[i - 1]!;
  return columns;
}
