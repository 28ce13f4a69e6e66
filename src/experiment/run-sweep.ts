import path from 'node:path';
import { recordPlan, type RunPlan } from '../scenario/index.js';
import type { RunResult, SweepResult } from '../results/index.js';
import { runExperiment, type ExperimentOptions } from './run-experiment.js';
import { sweepModels, predictedForRun } from './sweep-models.js';
import { writeRunOutputs } from './write-run-outputs.js';

export interface SweepOptions extends ExperimentOptions {
  /** Called before each run starts. */
  readonly onRunStart?: (workers: number, index: number, total: number) => void;
  /** Write each run's report.html too (default true). */
  readonly html?: boolean;
  /** Called with one line when a run's files could not all be written (see `writeRunOutputs`). */
  readonly onWriteProblem?: (problem: string) => void;
}

/**
 * Runs `plan` once per worker count, each on a fresh stack, writing each
 * run's outputs to `<dir>/workers-<n>/`. Stops early (keeping the runs done)
 * when `signal` aborts or a role dies during a run (that run is kept, marked
 * aborted, and the sweep is marked `aborted: "<role> died"`). Returns the
 * sweep, which the caller writes.
 */
export async function runSweep(plan: RunPlan, workerCounts: readonly number[], dir: string, options: SweepOptions = {}): Promise<SweepResult> {
  const runs: SweepResult['runs'][number][] = [];
  const results: RunResult[] = [];
  let died: string | null = null;
  for (const [index, workers] of workerCounts.entries()) {
    if (options.signal?.aborted || died !== null) break;
    options.onRunStart?.(workers, index, workerCounts.length);
    const runPlan: RunPlan = { ...plan, stack: { ...plan.stack, workers } };
    const result = await runExperiment(runPlan, {
      ...options,
      onRoleDeath: (death) => {
        died = `${death.role} died`;
        options.onRoleDeath?.(death);
      },
    });
    const runDir = path.join(dir, `workers-${workers}`);
    const written = await writeRunOutputs(result, runDir, { html: options.html ?? true });
    if (written.problem !== null) options.onWriteProblem?.(written.problem);
    results.push(result);
    runs.push({
      workers,
      summary: result.summary,
      thresholds: result.thresholds,
      // Relative to the sweep folder; absolute when it had to be saved elsewhere.
      results: written.json !== null && !written.json.startsWith(dir + path.sep) ? written.json : path.join(`workers-${workers}`, 'results.json'),
      littlesLaw: result.littlesLaw ?? null,
      predicted: predictedForRun(result),
      ...(result.engine !== undefined ? { engine: result.engine } : {}),
    });
  }
  const queueFallback = results.find((r) => r.stack.queueFallback !== undefined)?.stack.queueFallback;
  const hasThresholds = plan.expect.length > 0;
  const passing = runs.filter((r) => hasThresholds && r.thresholds.every((t) => t.ok));
  return {
    schema: 'caplab.sweep/1',
    scenario: plan.scenario,
    timeScale: plan.timeScale,
    seed: plan.seed,
    startedAt: results[0]?.startedAt ?? new Date().toISOString(),
    plan: recordPlan(plan),
    workers: [...workerCounts],
    runs,
    recommended: passing.length > 0 ? Math.min(...passing.map((r) => r.workers)) : null,
    ...(queueFallback !== undefined ? { queueFallback } : {}),
    ...sweepModels(plan, runs),
    ...(died !== null ? { aborted: died } : options.signal?.aborted ? { aborted: 'interrupted' } : {}),
  };
}
