import { describe, expect, it } from 'vitest';
import { statsWorkerRss, workerRss } from '../../../src/stack/worker-rss.js';
import type { PoolStats, WorkerStats } from '../../../src/pool/index.js';

const MiB = 1024 * 1024;

function worker(id: number, rss: number): WorkerStats {
  return { id, pid: 100 + id, accepting: 1, requests: 0, delta_requests: 0, exceptions: 0, harakiri_count: 0, status: 'idle', rss, vsz: 0, running_time: 0, last_spawn: 0, respawn_count: 0, tx: 0, avg_rt: 0 };
}

describe("a sample's worker RSS", () => {
  it('is the largest and the sum of the workers that report one', () => {
    expect(workerRss([30 * MiB, 45 * MiB, 40 * MiB], '/proc')).toEqual({ maxBytes: 45 * MiB, totalBytes: 115 * MiB, source: '/proc' });
  });

  it('leaves out zeros (a slot respawning; a uWSGI worker before its first request), and is undefined when none reports', () => {
    const stats = { workers: [worker(1, 0), worker(2, 33 * MiB), worker(3, 0)] } as unknown as PoolStats;
    expect(statsWorkerRss(stats)).toEqual({ maxBytes: 33 * MiB, totalBytes: 33 * MiB, source: 'pool stats' });
    expect(statsWorkerRss({ workers: [worker(1, 0), worker(2, 0)] } as unknown as PoolStats)).toBeUndefined();
    expect(workerRss([], '/proc')).toBeUndefined();
  });
});
