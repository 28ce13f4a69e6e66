import { fitUsl, type UslFit } from '../plan/index.js';
import type { RunResult, SweepRun } from '../results/index.js';
import type { RunPlan } from '../scenario/index.js';

/**
 * The prediction a sweep draws beside one run's measurements: the analytic
 * model's where it is exact, else the simulator's; null if the run has none.
 */
export function predictedForRun(result: RunResult): Record<string, number | string | null> | null {
  const predictions = result['predictions'] as { analytic?: Record<string, unknown> | null; simulated?: Record<string, unknown> } | undefined;
  const source = predictions?.analytic ?? predictions?.simulated;
  if (!source) return null;
  const pick = (k: string): number | null => (typeof source[k] === 'number' ? (source[k] as number) : null);
  return {
    source: typeof source['source'] === 'string' ? (source['source'] as string) : null,
    p50LatencyMs: pick('p50LatencyMs'),
    p99LatencyMs: pick('p99LatencyMs'),
    meanWaitMs: pick('meanWaitMs'),
    throughputRps: pick('throughputRps'),
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
