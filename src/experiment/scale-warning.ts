import { reachesPool } from '../routing/index.js';
import type { RunPlan, TracePhasePlan } from '../scenario/index.js';

/**
 * Wall-clock arrival rate above which the stack's own per-request cost
 * starts to show as queueing. Measured here: the embedded stack serves about
 * 1,400 /hello per second on 2 cores (closed loop, 16 clients), so a fixed
 * ~0.7 ms of CPU per request; at 150/s that is already a tenth of the machine.
 */
export const WALL_RATE_WARNING = 150;

/** Share of a phase's requests (by weight) that reach the pool (`reachesPool`). */
function poolShare(phase: RunPlan['phases'][number], stack: RunPlan['stack']): number {
  const all = phase.requests.reduce((a, r) => a + r.weight, 0);
  const pool = phase.requests.reduce((a, r) => a + (reachesPool(r.path, stack) ? r.weight : 0), 0);
  return all > 0 ? pool / all : 0;
}

/**
 * The peak rate of a trace replay, per second of scenario time: the most
 * logged arrivals in any one second of the replay (`speed` × 1 s of the
 * log), found with a sliding window over the (sorted) arrival times.
 */
export function tracePeakRate(phase: Pick<TracePhasePlan, 'trace' | 'speed'>): number {
  const at = phase.trace.atMs;
  const windowMs = 1000 * phase.speed;
  let most = 0;
  let first = 0;
  for (let last = 0; last < at.length; last += 1) {
    while ((at[last] as number) - (at[first] as number) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/** A phase's peak rate of open arrivals per second of scenario time (0 for closed loops and bursts). */
function peakRate(phase: RunPlan['phases'][number]): number {
  switch (phase.kind) {
    case 'open':
      return phase.rate;
    case 'ramp':
      return Math.max(phase.from, phase.to);
    case 'trace':
      return tracePeakRate(phase);
    default:
      return 0;
  }
}

/**
 * A one-line warning when the time scale compresses the scenario's open
 * arrivals to the pool (static files excluded) past `WALL_RATE_WARNING` requests per second of wall time, where
 * measured queueing would include the lab's own overhead; null otherwise.
 * Open and ramp phases count at their (peak) rate, trace replays at their
 * busiest second at their `speed`.
 */
export function scaleWarning(plan: RunPlan): string | null {
  const peak = Math.max(0, ...plan.phases.map((p) => peakRate(p) * poolShare(p, plan.stack)));
  const wallRate = peak / plan.timeScale;
  if (wallRate <= WALL_RATE_WARNING) return null;
  const suggest = Math.min(1, Math.ceil((peak / WALL_RATE_WARNING) * 100 - 1e-9) / 100);
  return `warning: at time scale ${plan.timeScale} the peak arrival rate is ${Math.round(wallRate)} requests per second of wall time; the stack's own per-request cost will show as extra queueing. Use --time-scale ${suggest} or more for figures that match the models.`;
}
