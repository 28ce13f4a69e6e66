import type { ChildProcess } from 'node:child_process';
import { DURATION_BUCKETS_S, durationBucket } from '../scoreboard.js';

/** A slot's lifecycle: starting (loading the app), idle, busy, or stopping (recycled, harakiri, or unreachable; respawned once it exits). */
export type SlotState = 'starting' | 'idle' | 'busy' | 'stopping';

/** The request a busy worker is serving. */
export interface InFlight {
  readonly id: number;
  /** performance.now() when the connection was handed over. */
  readonly startedAt: number;
  /** The harakiri timer, if harakiri is on. */
  readonly harakiri: NodeJS.Timeout | undefined;
}

/**
 * One worker position in the pool (uWSGI's worker id), kept across
 * respawns: the process in it changes, its counters carry on. What the
 * stats server reports per worker comes from here:
 *   requests       served since the pool started (all processes of this slot)
 *   deltaRequests  served by the current process (reset on respawn)
 *   runningTimeUs  time spent serving, µs; avg_rt = runningTimeUs / requests
 *   spawns         processes started in this slot; respawn_count = spawns, as uWSGI
 *                  counts it (its first fork goes through uwsgi_respawn_worker too,
 *                  so a fresh uWSGI worker reports 1; measured on uWSGI 2.0.21)
 *   harakiriCount  processes of this slot killed by harakiri
 *   durations      served requests per DURATION_BUCKETS_S bucket (not cumulative)
 */
export class WorkerSlot {
  child: ChildProcess | null = null;
  pid = 0;
  state: SlotState = 'starting';
  current: InFlight | null = null;
  requests = 0;
  deltaRequests = 0;
  exceptions = 0;
  harakiriCount = 0;
  spawns = 0;
  tx = 0;
  runningTimeUs = 0;
  /** Epoch seconds of the latest spawn. */
  lastSpawn = 0;
  /** 'kernel' mode: the scoreboard sequence number of the request harakiri last killed, so it is counted once. */
  harakiriSeq = -1;
  /** Served requests per DURATION_BUCKETS_S bucket since the pool started (the /metrics histogram). */
  durations: number[] = DURATION_BUCKETS_S.map(() => 0);
  /** 'kernel' mode: epoch ms at which the current request was accepted, as the scoreboard shows it (0 when idle). */
  requestStartedAtMs = 0;

  constructor(readonly id: number) {}

  /** Records a fresh process in this slot, still loading the app. */
  spawning(): void {
    this.child = null;
    this.pid = 0;
    this.state = 'starting';
    this.current = null;
    this.deltaRequests = 0;
    // The new process numbers its requests from 1 again: a harakiri of the old one must not shield them.
    this.harakiriSeq = -1;
    this.spawns += 1;
    this.lastSpawn = Math.floor(Date.now() / 1000);
  }

  /** 'master' mode: counts one served request of `elapsedMs` (wall) in its duration bucket. */
  observe(elapsedMs: number): void {
    const bucket = durationBucket(elapsedMs);
    if (bucket >= 0) this.durations[bucket]! += 1;
  }

  /** Epoch ms at which the slot's current request started, or 0 when it serves none. */
  requestStart(): number {
    if (this.current) return performance.timeOrigin + this.current.startedAt;
    return this.state === 'busy' ? this.requestStartedAtMs : 0;
  }

  /** Ends the in-flight request (if any) and returns it, its harakiri timer cleared. */
  finishCurrent(): InFlight | null {
    const current = this.current;
    if (current?.harakiri) clearTimeout(current.harakiri);
    this.current = null;
    return current;
  }
}
