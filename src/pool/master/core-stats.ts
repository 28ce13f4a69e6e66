import type { CoreReading } from '../scoreboard.js';
import type { CoreStats, PoolStats } from '../stats-types.js';

/**
 * The stats document with each worker's `cores` as the scoreboard shows
 * them (uWSGI: one core per thread): `in_request`, the core's own
 * `requests` and, while busy, `req_info.request_start` (epoch seconds).
 * `cores[i]` are slot i's; a worker without readings keeps what it had.
 */
export function withCores(stats: PoolStats, cores: readonly (readonly CoreReading[])[]): PoolStats {
  const workers = stats.workers.map((worker, i) => {
    const readings = cores[i];
    if (!readings) return worker;
    const respawning = worker.status === 'respawning';
    return {
      ...worker,
      cores: readings.map(
        (core, id): CoreStats => ({
          id,
          requests: core.requests,
          static_requests: 0,
          routed_requests: 0,
          offloaded_requests: 0,
          write_errors: 0,
          read_errors: 0,
          in_request: core.busy && !respawning ? 1 : 0,
          vars: [],
          req_info: core.busy && !respawning ? { request_start: core.startedAtMs / 1000 } : {},
        }),
      ),
    };
  });
  return { ...stats, workers };
}
