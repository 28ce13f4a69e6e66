import { reachesPool } from '../routing/index.js';
import type { RunPlan } from '../scenario/index.js';

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
 * A one-line warning when the time scale compresses the scenario's open
 * arrivals to the pool (static files excluded) past `WALL_RATE_WARNING` requests per second of wall time, where
 * measured queueing would include the lab's own overhead; null otherwise.
 */
export function scaleWarning(plan: RunPlan): string | null {
  const peak = Math.max(0, ...plan.phases.map((p) => (p.kind === 'open' ? p.rate : p.kind === 'ramp' ? Math.max(p.from, p.to) : 0) * poolShare(p, plan.stack)));
  const wallRate = peak / plan.timeScale;
  if (wallRate <= WALL_RATE_WARNING) return null;
  const suggest = Math.min(1, Math.ceil((peak / WALL_RATE_WARNING) * 100 - 1e-9) / 100);
  return `warning: at time scale ${plan.timeScale} the peak arrival rate is ${Math.round(wallRate)} requests per second of wall time; the stack's own per-request cost will show as extra queueing. Use --time-scale ${suggest} or more for figures that match the models.`;
}
