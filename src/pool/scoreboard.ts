import type { ConnectionOutcome } from './worker/serve-connection.js';

/** Float64 fields per worker slot (room to grow without changing the stride); the request-duration bucket counts start at HISTOGRAM_BASE. */
const STRIDE = 32;
/**
 * Upper bounds, in wall-clock seconds, of the request-duration buckets each
 * slot counts (Prometheus's default buckets); a request lands in the first
 * bucket whose bound is >= its duration, or in none (+Inf is `requests`).
 */
export const DURATION_BUCKETS_S: readonly number[] = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
const HISTOGRAM_BASE = 16;

/** The DURATION_BUCKETS_S index a request of `elapsedMs` (wall) is counted in, or -1 when it is longer than every bound. */
export function durationBucket(elapsedMs: number): number {
  return DURATION_BUCKETS_S.findIndex((le) => elapsedMs <= le * 1000);
}
const F = { state: 0, pid: 1, startedAt: 2, seq: 3, requests: 4, delta: 5, exceptions: 6, tx: 7, runningUs: 8, malformed: 9 } as const;
const STATE = { starting: 0, idle: 1, busy: 2 } as const;

/** What the master reads of one worker slot. */
export interface SlotReading {
  readonly state: 'starting' | 'idle' | 'busy';
  readonly pid: number;
  /** Epoch ms at which the current request was accepted (busy only). */
  readonly startedAtMs: number;
  /** Sequence number of the current request within the current process. */
  readonly seq: number;
  /** Served by the slot since the pool started. */
  readonly requests: number;
  /** Served by the slot's current process. */
  readonly deltaRequests: number;
  readonly exceptions: number;
  readonly tx: number;
  readonly runningTimeUs: number;
  readonly malformed: number;
}

/**
 * The pool's scoreboard, as uWSGI's: one record per worker slot in memory
 * shared by the master and every worker (a memfd mapped by the native
 * addon), so serving a request costs no message at all. Each worker writes
 * only its own slot; the master reads every slot (stats, the busy timeline,
 * harakiri) and writes a slot only after its process has exited. Fields are
 * naturally aligned float64s, so a read never sees half a write; a reader
 * may see a request begun but its counters not yet updated, never a torn
 * number.
 */
export class Scoreboard {
  /** Bytes needed for `slots` worker slots. */
  static bytes(slots: number): number {
    return slots * STRIDE * Float64Array.BYTES_PER_ELEMENT;
  }

  private readonly f: Float64Array;

  constructor(buffer: ArrayBuffer) {
    this.f = new Float64Array(buffer);
  }

  /** Worker: the process in slot `index` (0-based) starts serving; its per-process count starts at 0. */
  attach(index: number, pid: number): void {
    const b = index * STRIDE;
    this.f[b + F.pid] = pid;
    this.f[b + F.delta] = 0;
    this.f[b + F.seq] = 0;
    this.f[b + F.state] = STATE.idle;
  }

  /** Worker: a connection was accepted at `atMs` (epoch ms). */
  begin(index: number, atMs: number): void {
    const b = index * STRIDE;
    this.f[b + F.startedAt] = atMs;
    this.f[b + F.seq] += 1;
    this.f[b + F.state] = STATE.busy;
  }

  /** Worker: the connection is finished after `elapsedMs`; counts it as uWSGI does. */
  end(index: number, outcome: ConnectionOutcome, elapsedMs: number): void {
    const b = index * STRIDE;
    const f = this.f;
    if (outcome.outcome === 'served') {
      f[b + F.requests] += 1;
      f[b + F.delta] += 1;
      f[b + F.runningUs] += elapsedMs * 1000;
      if (outcome.exception) f[b + F.exceptions] += 1;
      const bucket = durationBucket(elapsedMs);
      if (bucket >= 0) f[b + HISTOGRAM_BASE + bucket] += 1;
    } else if (outcome.outcome === 'malformed') {
      f[b + F.malformed] += 1;
    }
    f[b + F.tx] += outcome.bytes;
    f[b + F.state] = STATE.idle;
  }

  /** Master: the slot's process is gone (or not started yet). */
  vacate(index: number): void {
    const b = index * STRIDE;
    this.f[b + F.state] = STATE.starting;
    this.f[b + F.pid] = 0;
  }

  /** Master: the slot's request counts per DURATION_BUCKETS_S bucket (not cumulative), since the pool started. */
  durations(index: number): number[] {
    const b = index * STRIDE + HISTOGRAM_BASE;
    return Array.from(this.f.subarray(b, b + DURATION_BUCKETS_S.length));
  }

  /** Master: one slot as it is now. */
  read(index: number): SlotReading {
    const b = index * STRIDE;
    const f = this.f;
    const state = f[b + F.state] === STATE.busy ? 'busy' : f[b + F.state] === STATE.idle ? 'idle' : 'starting';
    return {
      state,
      pid: f[b + F.pid]!,
      startedAtMs: f[b + F.startedAt]!,
      seq: f[b + F.seq]!,
      requests: f[b + F.requests]!,
      deltaRequests: f[b + F.delta]!,
      exceptions: f[b + F.exceptions]!,
      tx: f[b + F.tx]!,
      runningTimeUs: f[b + F.runningUs]!,
      malformed: f[b + F.malformed]!,
    };
  }
}
