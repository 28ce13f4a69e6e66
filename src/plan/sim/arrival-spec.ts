import { caplabError } from '../../errors.js';
import type { Sampler } from '../../random/index.js';

/**
 * Arrival processes the simulator understands. Times are virtual ms from the
 * start of the run; rates are per second. Several specs run in parallel, each
 * from its own `startMs` (`inSequence` lays them end to end). A spec may
 * carry its own `service` sampler, overriding the simulation's default.
 */
interface SpecCommon {
  /** Label for per-request records; defaults to `<kind>#<index>`. */
  readonly name?: string;
  readonly service?: Sampler;
}

/** `count` requests at the same instant `atMs` (default 0). */
export interface BurstArrivals extends SpecCommon {
  readonly kind: 'burst';
  readonly count: number;
  readonly atMs?: number;
}

/**
 * Open arrivals at a fixed rate: `constant` spaces them exactly 1000/rate ms
 * apart (the first at `startMs`); `poisson` draws exponential gaps (the first
 * one gap after `startMs`); `renewal` draws gamma gaps of mean 1000/rate ms
 * and squared coefficient of variation `scv` (Ca², > 0; 1 is Poisson in
 * law), the first one gap after `startMs`. The process stops at
 * `startMs + durationMs` or after `count` requests, whichever comes first;
 * at least one must be given.
 */
export interface SteadyArrivals extends SpecCommon {
  readonly kind: 'constant' | 'poisson' | 'renewal';
  readonly ratePerSec: number;
  /** Ca² of the gaps; required by (and only read for) `renewal`. */
  readonly scv?: number;
  readonly durationMs?: number;
  readonly count?: number;
  readonly startMs?: number;
}

/**
 * Open arrivals whose rate moves linearly from `fromPerSec` to `toPerSec`
 * over `durationMs`. `poisson` (default) is the non-homogeneous Poisson
 * process; `deterministic` puts the i-th arrival where the expected count
 * Λ(t) reaches i (i = 0, 1, …). Both invert Λ exactly (no thinning).
 */
export interface RampArrivals extends SpecCommon {
  readonly kind: 'ramp';
  readonly fromPerSec: number;
  readonly toPerSec: number;
  readonly durationMs: number;
  readonly startMs?: number;
  readonly process?: 'poisson' | 'deterministic';
}

/**
 * A closed loop: `clients` users each send a request at `startMs`, wait for
 * its response (200, 502, 503 or 504, whichever the client sees first), think
 * for `thinkTimeMs` (a constant or a sampler; default 0) and send again. No
 * request is sent at or after `startMs + durationMs`, nor past `amount`
 * requests in all; at least one of the two must be given.
 */
export interface ClosedArrivals extends SpecCommon {
  readonly kind: 'closed';
  readonly clients: number;
  readonly thinkTimeMs?: number | Sampler;
  readonly durationMs?: number;
  readonly amount?: number;
  readonly startMs?: number;
}

/**
 * A recorded or precomputed schedule: one arrival at each of `timesMs`
 * (ascending). Replaying a run's own schedule, with its own service times as
 * the spec's `service` (drawn once per arrival, in order), makes the
 * simulation the exact counterfactual of that run.
 */
export interface TraceArrivals extends SpecCommon {
  readonly kind: 'trace';
  readonly timesMs: readonly number[];
}

export type ArrivalSpec = BurstArrivals | SteadyArrivals | RampArrivals | ClosedArrivals | TraceArrivals;

/**
 * Lays specs end to end: each starts when the one before it ends (its
 * `startMs`, or `atMs` for a burst, is the sum of the durations before it;
 * a burst lasts 0 ms). Every spec but the last must have a known duration:
 * a `durationMs`, or be a burst (E_PLAN_INVALID otherwise). Specs keep all
 * their other fields.
 */
export function inSequence(specs: readonly ArrivalSpec[]): ArrivalSpec[] {
  let at = 0;
  return specs.map((spec, i) => {
    if (spec.kind === 'trace') throw caplabError('E_PLAN_INVALID', `inSequence: arrivals[${i}] is a trace, whose times are already absolute`);
    const placed: ArrivalSpec = spec.kind === 'burst' ? { ...spec, atMs: at } : { ...spec, startMs: at };
    const length = spec.kind === 'burst' ? 0 : spec.durationMs;
    if (length === undefined && i < specs.length - 1) {
      throw caplabError('E_PLAN_INVALID', `inSequence: arrivals[${i}] (${spec.kind}) has no durationMs, so the next spec cannot start after it`);
    }
    at += length ?? 0;
    return placed;
  });
}
