import type { PoolStats, WorkerStats } from '../pool/index.js';
import { childrenOf, readProcessMemory, readTcpRows, socketInodesOf, TCP_ESTABLISHED, TCP_LISTEN } from '../process/index.js';

/** The version string of a document read from /proc for gunicorn: it says what is missing. */
export const GUNICORN_FROM_PROC = 'gunicorn (read from /proc: no request counters)';

/**
 * A stats document in uWSGI's shape for a gunicorn listening on TCP `port`
 * with master `masterPid`, read from /proc (gunicorn has no stats server):
 * its workers are the master's children (ids in pid order, so a respawned
 * worker may change id), each 'busy' while it holds an established
 * connection to `port` (a sync worker serves one at a time; a gthread
 * worker counts as busy with any), with its RSS and VSZ; the listen queue
 * length from the listening socket's row (its size is `listen`, the
 * backlog gunicorn was given: /proc/net/tcp does not show it). Request, exception,
 * harakiri and respawn counts are not visible from outside and read 0;
 * `version` says so.
 */
export function readGunicornStats(masterPid: number, port: number, listen: number): PoolStats {
  const rows = (readTcpRows() ?? []).filter((r) => r.localPort === port);
  const listening = rows.filter((r) => r.state === TCP_LISTEN);
  const established = new Set(rows.filter((r) => r.state === TCP_ESTABLISHED).map((r) => r.inode));
  const queue = listening.reduce((s, r) => s + r.rxQueue, 0);
  const workers = childrenOf(masterPid).map((pid, i): WorkerStats => {
    const memory = readProcessMemory(pid);
    const busy = [...socketInodesOf(pid)].some((inode) => established.has(inode));
    return {
      id: i + 1,
      pid,
      accepting: 1,
      requests: 0,
      delta_requests: 0,
      exceptions: 0,
      harakiri_count: 0,
      status: busy ? 'busy' : 'idle',
      rss: memory.rss,
      vsz: memory.vsz,
      running_time: 0,
      last_spawn: 0,
      respawn_count: 0,
      tx: 0,
      avg_rt: 0,
    };
  });
  return {
    version: GUNICORN_FROM_PROC,
    pid: masterPid,
    listen_queue: queue,
    listen_queue_errors: 0,
    load: workers.filter((w) => w.status === 'busy').length,
    sockets: [{ name: `*:${port}`, proto: 'http', queue, max_queue: listen }],
    workers,
  };
}
