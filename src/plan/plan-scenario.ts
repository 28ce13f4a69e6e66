import type { RunPlan } from '../scenario/index.js';
import type { CapacityRow } from './capacity-types.js';
import { formatSlo, type Slo } from './parse-slo.js';
import { scenarioWorkload } from './scenario-workload.js';
import { simulatePool } from './sim/simulate-pool.js';
import type { SimSummary } from './sim/simulation-types.js';

/** A capacity plan for a whole scenario, found by simulation. */
export interface ScenarioCapacityPlan {
  readonly method: 'simulated';
  readonly model: 'simulation';
  readonly slo: Slo;
  readonly rows: readonly CapacityRow[];
  readonly recommended: { readonly workers: number; readonly headroomRps: null } | null;
  readonly note: string | null;
  /** Where the simulated workload differs from a run of the scenario. */
  readonly notes: readonly string[];
}

export interface ScenarioPlanOptions {
  readonly slo: Slo;
  readonly maxWorkers: number;
  /** Share of refused + failed requests a row may have and still meet the objective. */
  readonly maxErrorShare?: number;
  readonly rowsAfterRecommended?: number;
}

/** The latency statistic an objective judges, from a simulation summary. */
function sloValue(sim: SimSummary, slo: Slo): number {
  if (slo.stat === 'mean') return sim.latencyMs.mean;
  return sim.latencyMs[slo.stat];
}

/**
 * Plans a whole scenario by simulation: for each worker count from 1 up,
 * replays the scenario's exact workload (every phase, burst, ramp, closed
 * clients) through the simulated pool with the scenario's listen queue,
 * upstream timeout and harakiri, and judges the objective on all requests.
 * Used when no single arrival rate describes the scenario, so there is no
 * rate headroom to report: `recommended.headroomRps` is null. Each row is
 * one run of the scenario's own seeded schedule, so rows carry no
 * confidence interval (`ci: null`).
 */
export function planScenario(plan: RunPlan, options: ScenarioPlanOptions): ScenarioCapacityPlan {
  const workload = scenarioWorkload(plan);
  const maxErrorShare = options.maxErrorShare ?? 0.01;
  const rows: CapacityRow[] = [];
  let best: number | null = null;
  for (let workers = 1; workers <= options.maxWorkers; workers++) {
    const sim = simulatePool({
      workers,
      listen: plan.stack.listen,
      arrivals: workload.arrivals,
      seed: plan.seed,
      upstreamTimeoutMs: plan.stack.upstreamTimeoutMs,
      ...(plan.stack.harakiriMs !== null ? { harakiriMs: plan.stack.harakiriMs } : {}),
      threads: plan.stack.threads,
    }).summary;
    const errorShare = sim.count > 0 ? (sim.refused + sim.timeouts + sim.harakiri) / sim.count : 0;
    const value = sloValue(sim, options.slo);
    const row: CapacityRow = Object.freeze({
      workers,
      utilization: sim.utilization,
      stable: true,
      reason: null,
      pWait: sim.pWait,
      meanWaitMs: sim.waitMs.mean,
      approxMeanWaitMs: null,
      p99WaitMs: sim.waitMs.p99,
      p99LatencyMs: sim.latencyMs.p99,
      sloValueMs: value,
      refusedShare: sim.count > 0 ? sim.refused / sim.count : 0,
      errorShare,
      meetsSlo: value <= options.slo.limitMs && errorShare <= maxErrorShare,
      verdict: value <= options.slo.limitMs && errorShare <= maxErrorShare ? 'meets' : 'fails',
      ci: null,
    });
    rows.push(row);
    if (best === null && row.meetsSlo) best = workers;
    if (best !== null && workers - best >= (options.rowsAfterRecommended ?? 2)) break;
  }
  return Object.freeze({
    method: 'simulated',
    model: 'simulation',
    slo: options.slo,
    rows: Object.freeze(rows),
    recommended: best === null ? null : Object.freeze({ workers: best, headroomRps: null }),
    note:
      best === null
        ? `no worker count from 1 to ${options.maxWorkers} meets ${formatSlo(options.slo)}`
        : 'the scenario has no single arrival rate, so no rate headroom is given',
    notes: workload.notes,
  });
}
