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
 * Record banks per slot: a slot's process writes one bank; during a reload
 * its replacement writes the other while the old process finishes its
 * requests, so both serve at once without sharing a record.
 */
export const BANKS = 2;

/**
 * The pool's scoreboard, as uWSGI's: memory shared by the master and every
 * worker (a memfd mapped by the native addon), so serving a request costs no
 * message at all. It holds one record per core (uWSGI's name for a worker's
 * thread): per worker slot, BANKS banks of `threads` records, each written
 * by exactly one thread of one process, so no two writers ever share a
 * counter. A process in bank b writes records b × threads + thread (see
 * `record`). The master reads a slot's state from one bank (its current
 * process's) and its counters summed over every record (they carry over
 * respawns and reloads), and writes a bank only once its process has
 * exited. Fields are naturally aligned float64s, so a read never sees half
 * a write; a reader may see a request begun but its counters not yet
 * updated, never a torn number.
 */
export class Scoreboard {
  /** Bytes needed for `slots` worker slots of `threads` cores each. */
  static bytes(slots: number, threads = 1): number {
    return slots * BANKS * threads * STRIDE * Float64Array.BYTES_PER_ELEMENT;
  }

  /** The record within a slot of thread `core` of a process in bank `bank`. */
  static record(bank: number, core: number, threads: number): number {
    return bank * threads + core;
  }

  private readonly f: Float64Array;

  constructor(
    buffer: ArrayBuffer,
    /** Cores per process (uWSGI's `threads`). */
    readonly threads = 1,
  ) {
    this.f = new Float64Array(buffer);
  }

  private base(index: number, record: number): number {
    return (index * BANKS * this.threads + record) * STRIDE;
  }

  /** The records of slot `index` in `bank`, or every record of the slot. */
  private records(bank?: number): number[] {
    const from = bank === undefined ? 0 : bank * this.threads;
    const count = bank === undefined ? BANKS * this.threads : this.threads;
    return Array.from({ length: count }, (_, i) => from + i);
  }

  /** Worker: record `record` (see `Scoreboard.record`) of the process in slot `index` (0-based) starts serving; its per-process count starts at 0. */
  attach(index: number, record: number, pid: number): void {
    const b = this.base(index, record);
    this.f[b + F.pid] = pid;
    this.f[b + F.delta] = 0;
    this.f[b + F.seq] = 0;
    this.f[b + F.state] = STATE.idle;
  }

  /** Worker: a core accepted a connection at `atMs` (epoch ms). */
  begin(index: number, record: number, atMs: number): void {
    const b = this.base(index, record);
    this.f[b + F.startedAt] = atMs;
    this.f[b + F.seq] += 1;
    this.f[b + F.state] = STATE.busy;
  }

  /** Worker: the core's connection is finished after `elapsedMs`; counts it as uWSGI does. */
  end(index: number, record: number, outcome: ConnectionOutcome, elapsedMs: number): void {
    const b = this.base(index, record);
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

  /** Master: the process of slot `index` in `bank` (default: every bank) is gone, or not started yet. */
  vacate(index: number, bank?: number): void {
    for (const record of this.records(bank)) {
      const b = this.base(index, record);
      this.f[b + F.state] = STATE.starting;
      this.f[b + F.pid] = 0;
    }
  }

  /** Master: the slot's request counts per DURATION_BUCKETS_S bucket (not cumulative), since the pool started. */
  durations(index: number): number[] {
    const sums = DURATION_BUCKETS_S.map(() => 0);
    for (const record of this.records()) {
      const b = this.base(index, record) + HISTOGRAM_BASE;
      for (let i = 0; i < sums.length; i++) sums[i]! += this.f[b + i]!;
    }
    return sums;
  }

  /** Master: each core of the process of slot `index` in `bank` as it is now. */
  cores(index: number, bank = 0): CoreReading[] {
    return this.records(bank).map((record) => {
      const b = this.base(index, record);
      return { busy: this.f[b + F.state] === STATE.busy, startedAtMs: this.f[b + F.startedAt]!, requests: this.f[b + F.requests]! };
    });
  }

  /**
   * Master: one slot as it is now: state, pid, current request and
   * per-process count from the process in `bank` (default: every bank),
   * counters summed over every record of the slot.
   */
  read(index: number, bank?: number): SlotReading {
    const f = this.f;
    let busy = false;
    let idle = false;
    let pid = 0;
    let startedAtMs = Infinity;
    let seq = 0;
    let delta = 0;
    for (const record of this.records(bank)) {
      const b = this.base(index, record);
      if (f[b + F.state] === STATE.busy) {
        busy = true;
        startedAtMs = Math.min(startedAtMs, f[b + F.startedAt]!);
      } else if (f[b + F.state] === STATE.idle) idle = true;
      if (pid === 0) pid = f[b + F.pid]!;
      seq += f[b + F.seq]!;
      delta += f[b + F.delta]!;
    }
    const sum = { requests: 0, exceptions: 0, tx: 0, runningUs: 0, malformed: 0 };
    for (const record of this.records()) {
      const b = this.base(index, record);
      for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += f[b + F[key]]!;
    }
    return {
      state: busy ? 'busy' : idle ? 'idle' : 'starting',
      pid,
      startedAtMs: busy ? startedAtMs : 0,
      seq,
      requests: sum.requests,
      deltaRequests: delta,
      exceptions: sum.exceptions,
      tx: sum.tx,
      runningTimeUs: sum.runningUs,
      malformed: sum.malformed,
    };
  }
}
