import { fitUsl, type UslFit } from '../plan/index.js';
import type { RunResult, SweepPredicted, SweepRun } from '../results/index.js';
import type { RunPlan } from '../scenario/index.js';

/**
 * The prediction a sweep draws beside one run's measurements: the analytic
 * model's where it is exact, else the simulator's; null if the run has none.
 */
export function predictedForRun(result: RunResult): SweepPredicted | null {
  const predictions = result.predictions;
  if (predictions === undefined || 'error' in predictions) return null;
  const source = predictions.analytic ?? predictions.simulated;
  return {
    source: source.source,
    p50LatencyMs: source.p50LatencyMs,
    p99LatencyMs: source.p99LatencyMs,
    meanWaitMs: source.meanWaitMs,
    throughputRps: source.throughputRps,
  };
}

/**
 * Sweep-wide models: the offered rate when the scenario is one open phase
 * (so throughput can be drawn against it), and a Universal Scalability Law
 * fit of throughput against workers when there are at least three runs,
 * which shows where adding workers stops adding throughput.
 */
export function sweepModels(plan: RunPlan, runs: readonly SweepRun[]): { offeredRps: number | null; usl: UslFit | null } {
  const only = plan.phases.length === 1 ? plan.phases[0] : undefined;
  const offeredRps = only?.kind === 'open' ? only.rate : null;
  const points = runs.filter((r) => r.summary.throughputRps > 0).map((r) => ({ n: r.workers, throughput: r.summary.throughputRps }));
  let usl: UslFit | null = null;
  if (points.length >= 3) {
    try {
      usl = fitUsl(points, { curveMaxN: Math.max(...points.map((p) => p.n)) * 2 });
    } catch {
      usl = null;
    }
  }
  return { offeredRps, usl };
}
