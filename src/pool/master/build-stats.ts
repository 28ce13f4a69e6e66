import type { PoolStats, WorkerStats } from '../stats-types.js';
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
}

/**
 * Builds the stats document in uWSGI's shape (see stats-types.ts) from the
 * master's state. `load` and `caplab.busy` count busy workers;
 * `listen_queue_errors` and `caplab.refused` both count 503s.
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
      status: slot.state === 'busy' ? 'busy' : 'idle',
      rss: memory.rss,
      vsz: memory.vsz,
      running_time: Math.round(slot.runningTimeUs),
      last_spawn: slot.lastSpawn,
      respawn_count: Math.max(0, slot.spawns - 1),
      tx: slot.tx,
      avg_rt: slot.requests > 0 ? Math.round(slot.runningTimeUs / slot.requests) : 0,
    };
  });
  const busy = workers.filter((w) => w.status === 'busy').length;
  return {
    version: EMBEDDED_VERSION,
    pid: input.pid,
    listen_queue: input.socket.queue,
    listen_queue_errors: input.refused,
    load: busy,
    sockets: [{ name: input.socket.name, proto: input.socket.proto, queue: input.socket.queue, max_queue: input.socket.maxQueue, shared: 0, can_offload: 0 }],
    workers,
    caplab: { refused: input.refused, malformed: input.malformed, busy },
  };
}
