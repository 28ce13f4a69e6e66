import { buildSchedule, type RunPlan } from '../scenario/index.js';
import type { ArrivalSpec } from './sim/arrival-spec.js';
import type { Sampler } from '../random/index.js';
import { heldMs } from '../app/index.js';
import { reachesPool } from '../routing/index.js';
import { scenarioWorkload, type ScenarioWorkload } from './scenario-workload.js';

/**
 * The run's own workload for the simulator: every burst, open and ramp
 * request exactly as `runLoad` will send it (the same seed gives the same
 * times, paths and service draws), as one trace at its planned time, plus
 * the closed phases, whose arrivals depend on responses and are simulated
 * as closed clients. Static files never reach the pool and are left out.
 * Compared with a run, what remains is the stack's own overhead.
 */
export function runTrace(plan: RunPlan): ScenarioWorkload {
  const schedule = buildSchedule(plan);
  const items: Array<{ t: number; s: number }> = [];
  plan.phases.forEach((phase, i) => {
    for (const req of schedule[i]?.requests ?? []) {
      if (reachesPool(req.path, plan.stack)) items.push({ t: phase.startMs + req.atMs, s: heldMs(req.path) });
    }
  });
  items.sort((a, b) => a.t - b.t);
  const arrivals: ArrivalSpec[] = [];
  if (items.length > 0) {
    let next = 0;
    const service: Sampler = () => (items[next++] as { s: number }).s;
    arrivals.push({ kind: 'trace', name: 'schedule', timesMs: items.map((x) => x.t), service });
  }
  const closed = scenarioWorkload(plan);
  arrivals.push(...closed.arrivals.filter((a) => a.kind === 'closed'));
  const notes = closed.notes.filter((n) => !/static files/.test(n) || /closed/.test(n));
  return { arrivals, notes };
}
