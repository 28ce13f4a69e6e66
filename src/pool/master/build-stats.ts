import { DURATION_BUCKETS_S } from '../scoreboard.js';
import type { CoreStats, PoolStats, WorkerStats } from '../stats-types.js';
import type { WorkerSlot } from './worker-slot.js';

/** The version string the embedded pool reports (uWSGI reports its own, e.g. '2.0.21'). */
export const EMBEDDED_VERSION = 'caplab-embedded';

/** Everything one stats document is built from. */
export interface StatsInput {
  /** The master's pid. */
  readonly pid: number;
  readonly socket: { readonly name: string; readonly proto: string; readonly queue: number; readonly maxQueue: number };
  readonly refused: number;
  readonly malformed: number;
  readonly slots: readonly WorkerSlot[];
  /** Resident and virtual size of a process, bytes (zeros when unknown). */
  readonly memory: (pid: number) => { readonly rss: number; readonly vsz: number };
  /** The master's identity, as uWSGI reports it (default: this process's). */
  readonly identity?: { readonly uid: number; readonly gid: number; readonly cwd: string };
}

/**
 * A slot's status in the document: uWSGI's 'idle' and 'busy', and
 * 'respawning' while the slot has no ready process (starting, or stopping
 * after max-requests or harakiri); uWSGI's other states ('cheap', 'pause',
 * 'sig…') never occur in the embedded pool.
 */
function statusOf(slot: WorkerSlot): WorkerStats['status'] {
  if (slot.state === 'busy') return 'busy';
  if (slot.state === 'idle') return 'idle';
  return 'respawning';
}

/** uWSGI's one core per worker (the embedded pool runs no threads): `in_request`, and `req_info.request_start` (epoch s) while busy. */
function coreOf(slot: WorkerSlot): CoreStats {
  const start = slot.requestStart();
  return {
    id: 0,
    requests: slot.requests,
    static_requests: 0,
    routed_requests: 0,
    offloaded_requests: 0,
    write_errors: 0,
    read_errors: 0,
    in_request: slot.state === 'busy' ? 1 : 0,
    vars: [],
    req_info: slot.state === 'busy' && start > 0 ? { request_start: start / 1000 } : {},
  };
}

function identity(): { uid: number; gid: number; cwd: string } {
  return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, cwd: process.cwd() };
}

/**
 * Builds the stats document in uWSGI's shape (see stats-types.ts) from the
 * master's state, with every field uwsgitop reads (version, listen_queue,
 * pid, uid, gid, cwd; per worker id, pid, status, requests, exceptions,
 * signals, rss, vsz, avg_rt, tx, running_time, last_spawn, respawn_count,
 * harakiri_count, cores). `load` and `caplab.busy` count busy workers;
 * `listen_queue_errors` and `caplab.refused` both count 503s;
 * `caplab.request_duration` holds the pool-wide request-duration buckets.
 */
export function buildStats(input: StatsInput): PoolStats {
  const workers = input.slots.map((slot): WorkerStats => {
    const memory = slot.pid > 0 ? input.memory(slot.pid) : { rss: 0, vsz: 0 };
    return {
      id: slot.id,
      pid: slot.pid,
      accepting: slot.state === 'idle' || slot.state === 'busy' ? 1 : 0,
      requests: slot.requests,
      delta_requests: slot.deltaRequests,
      exceptions: slot.exceptions,
      harakiri_count: slot.harakiriCount,
      signals: 0,
      signal_queue: 0,
      status: statusOf(slot),
      rss: memory.rss,
      vsz: memory.vsz,
      running_time: Math.round(slot.runningTimeUs),
      last_spawn: slot.lastSpawn,
      respawn_count: slot.spawns,
      tx: slot.tx,
      avg_rt: slot.requests > 0 ? Math.round(slot.runningTimeUs / slot.requests) : 0,
      apps: [],
      cores: [coreOf(slot)],
    };
  });
  const busy = workers.filter((w) => w.status === 'busy').length;
  const counts = DURATION_BUCKETS_S.map((_, i) => input.slots.reduce((sum, slot) => sum + (slot.durations[i] ?? 0), 0));
  return {
    version: EMBEDDED_VERSION,
    listen_queue: input.socket.queue,
    listen_queue_errors: input.refused,
    signal_queue: 0,
    load: busy,
    pid: input.pid,
    ...(input.identity ?? identity()),
    locks: [],
    sockets: [{ name: input.socket.name, proto: input.socket.proto, queue: input.socket.queue, max_queue: input.socket.maxQueue, shared: 0, can_offload: 0 }],
    workers,
    caplab: { refused: input.refused, malformed: input.malformed, busy, request_duration: { le: [...DURATION_BUCKETS_S], counts } },
  };
}
