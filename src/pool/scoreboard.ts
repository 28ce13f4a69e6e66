import type { ConnectionOutcome } from './worker/serve-connection.js';

/** Float64 fields per core record (room to grow without changing the stride); the request-duration bucket counts start at HISTOGRAM_BASE. */
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

/** What the master reads of one worker slot: its cores' records summed (counters) or combined (state). */
export interface SlotReading {
  /** 'busy' when any of its cores serves a request. */
  readonly state: 'starting' | 'idle' | 'busy';
  readonly pid: number;
  /** Epoch ms at which the oldest current request was accepted (busy only). */
  readonly startedAtMs: number;
  /** Requests begun by the current process, all cores together (changes whenever one begins). */
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

/** What the master reads of one core (uWSGI's name for a worker's thread) of a slot. */
export interface CoreReading {
  readonly busy: boolean;
  /** Epoch ms at which its current request was accepted (busy only). */
  readonly startedAtMs: number;
  /** Served by this core since the pool started. */
  readonly requests: number;
}

/**
 * The pool's scoreboard, as uWSGI's: memory shared by the master and every
 * worker (a memfd mapped by the native addon), so serving a request costs no
 * message at all. It holds one record per core: `threads` records per
 * worker slot (uWSGI's `cores`), each written by exactly one thread of the
 * slot's process, so threads never race on a counter. The master reads
 * slots (their cores summed: stats, the busy timeline, harakiri) and cores,
 * and writes a slot only after its process has exited. Fields are
 * naturally aligned float64s, so a read never sees half a write; a reader
 * may see a request begun but its counters not yet updated, never a torn
 * number.
 */
export class Scoreboard {
  /** Bytes needed for `slots` worker slots of `threads` cores each. */
  static bytes(slots: number, threads = 1): number {
    return slots * threads * STRIDE * Float64Array.BYTES_PER_ELEMENT;
  }

  private readonly f: Float64Array;

  constructor(
    buffer: ArrayBuffer,
    /** Cores per slot (uWSGI's `threads`). */
    readonly threads = 1,
  ) {
    this.f = new Float64Array(buffer);
  }

  private base(index: number, core: number): number {
    return (index * this.threads + core) * STRIDE;
  }

  /** Worker: core `core` of the process in slot `index` (0-based both) starts serving; its per-process count starts at 0. */
  attach(index: number, core: number, pid: number): void {
    const b = this.base(index, core);
    this.f[b + F.pid] = pid;
    this.f[b + F.delta] = 0;
    this.f[b + F.seq] = 0;
    this.f[b + F.state] = STATE.idle;
  }

  /** Worker: a core accepted a connection at `atMs` (epoch ms). */
  begin(index: number, core: number, atMs: number): void {
    const b = this.base(index, core);
    this.f[b + F.startedAt] = atMs;
    this.f[b + F.seq] += 1;
    this.f[b + F.state] = STATE.busy;
  }

  /** Worker: the core's connection is finished after `elapsedMs`; counts it as uWSGI does. */
  end(index: number, core: number, outcome: ConnectionOutcome, elapsedMs: number): void {
    const b = this.base(index, core);
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
    for (let core = 0; core < this.threads; core++) {
      const b = this.base(index, core);
      this.f[b + F.state] = STATE.starting;
      this.f[b + F.pid] = 0;
    }
  }

  /** Master: the slot's request counts per DURATION_BUCKETS_S bucket (not cumulative), since the pool started. */
  durations(index: number): number[] {
    const sums = DURATION_BUCKETS_S.map(() => 0);
    for (let core = 0; core < this.threads; core++) {
      const b = this.base(index, core) + HISTOGRAM_BASE;
      for (let i = 0; i < sums.length; i++) sums[i]! += this.f[b + i]!;
    }
    return sums;
  }

  /** Master: each core of slot `index` as it is now. */
  cores(index: number): CoreReading[] {
    return Array.from({ length: this.threads }, (_, core) => {
      const b = this.base(index, core);
      return { busy: this.f[b + F.state] === STATE.busy, startedAtMs: this.f[b + F.startedAt]!, requests: this.f[b + F.requests]! };
    });
  }

  /** Master: one slot as it is now, its cores combined. */
  read(index: number): SlotReading {
    const f = this.f;
    let busy = false;
    let idle = false;
    let startedAtMs = Infinity;
    const sum = { seq: 0, requests: 0, delta: 0, exceptions: 0, tx: 0, runningUs: 0, malformed: 0 };
    for (let core = 0; core < this.threads; core++) {
      const b = this.base(index, core);
      if (f[b + F.state] === STATE.busy) {
        busy = true;
        startedAtMs = Math.min(startedAtMs, f[b + F.startedAt]!);
      } else if (f[b + F.state] === STATE.idle) idle = true;
      for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += f[b + F[key]]!;
    }
    return {
      state: busy ? 'busy' : idle ? 'idle' : 'starting',
      pid: f[this.base(index, 0) + F.pid]!,
      startedAtMs: busy ? startedAtMs : 0,
      seq: sum.seq,
      requests: sum.requests,
      deltaRequests: sum.delta,
      exceptions: sum.exceptions,
      tx: sum.tx,
      runningTimeUs: sum.runningUs,
      malformed: sum.malformed,
    };
  }
}
