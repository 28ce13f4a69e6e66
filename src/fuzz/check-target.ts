import { readStats, respawnsOf } from '../pool/index.js';
import { isRunning } from '../process/index.js';
import type { RunningTarget } from './targets.js';

/** A target's health at one moment. */
export interface TargetHealth {
  /** Roles whose process is gone: 'pool master (pid N)', 'proxy (pid N)'. */
  readonly dead: readonly string[];
  /** Sum of the workers' respawn counts (rises when a worker died and was replaced). */
  readonly respawns: number;
  /** Sum of the workers' app exceptions (each answered with a 500). */
  readonly exceptions: number;
  /** Pids of the workers now in their slots (0 while one is respawning). */
  readonly workerPids: readonly number[];
  /** Set when the stats could not be read: why. */
  readonly statsError?: string;
}

/**
 * Checks that the target's proxy processes and pool master are running
 * (zombies count as dead) and reads the pool's stats for respawns.
 */
export async function checkTarget(target: RunningTarget): Promise<TargetHealth> {
  const dead = [
    ...(target.proxy?.pids ?? []).filter((pid) => !isRunning(pid)).map((pid) => `proxy (pid ${pid})`),
    ...(isRunning(target.pool.pid) ? [] : [`pool master (pid ${target.pool.pid})`]),
  ];
  try {
    const stats = await readStats(target.pool.host, target.pool.statsPort, 2_000);
    return {
      dead,
      respawns: stats.workers.reduce((n, w) => n + respawnsOf(w), 0),
      exceptions: stats.workers.reduce((n, w) => n + w.exceptions, 0),
      workerPids: stats.workers.map((w) => w.pid),
    };
  } catch (err) {
    return { dead, respawns: 0, exceptions: 0, workerPids: [], statsError: err instanceof Error ? err.message : String(err) };
  }
}
