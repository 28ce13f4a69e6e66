import type { PhasePlan, PhaseStreams, RunPlan } from '../scenario/index.js';
import type { Recorder } from './recorder.js';

/** Wall-clock floor of a phase's drain, so tiny time scales still leave room for a response. */
export const MIN_DRAIN_WALL_MS = 250;

/** Everything a phase runner needs; times from `now()`. */
export interface PhaseContext {
  readonly phase: PhasePlan;
  /** `http://127.0.0.1:port` */
  readonly origin: string;
  readonly timeScale: number;
  readonly streams: PhaseStreams;
  readonly startWall: number;
  /** When sending stops (start + planned duration, scaled). */
  readonly sendEndWall: number;
  /** Requests still out at this time are aborted and recorded as `timeout`. */
  readonly deadlineWall: number;
  /** The drain, wall ms: how long a single request may take before it is given up. */
  readonly drainWallMs: number;
  readonly recorder: Recorder;
  /** Aborts the whole run: stop sending, drop what is in flight, return. */
  readonly signal: AbortSignal;
}

/**
 * How long, in wall ms, caplab waits for a request after its phase has
 * stopped sending: the upstream timeout plus a margin (a quarter of it, at
 * least 1 s of scenario time), so the proxy's own 504 arrives first; never
 * less than MIN_DRAIN_WALL_MS.
 */
export function drainWallMs(plan: RunPlan): number {
  const upstream = plan.stack.upstreamTimeoutMs;
  return Math.max(MIN_DRAIN_WALL_MS, (upstream + Math.max(1000, upstream / 4)) * plan.timeScale);
}

/**
 * A phase's wall-clock budget from its start to its deadline: its planned
 * duration plus the drain; for a closed phase bounded by `amount`, the worst
 * case of every client's share of requests each taking the whole drain.
 */
export function phaseBudgetWallMs(plan: RunPlan, phase: PhasePlan): number {
  const drain = drainWallMs(plan);
  if (phase.kind === 'closed' && phase.amount !== null) {
    return Math.ceil(phase.amount / phase.clients) * (drain + phase.thinkTimeMs * plan.timeScale);
  }
  return phase.durationMs * plan.timeScale + drain;
}
