import { predictRun, type RunPredictions } from '../plan/index.js';
import type { RunPlan } from '../scenario/index.js';

/**
 * The run's predictions, or `{ error }` when the plan is outside what the
 * simulator accepts (e.g. closed clients that could never all be queued):
 * a prediction must never cost the user their measured results.
 */
export function predictOrNote(plan: RunPlan): RunPredictions | { readonly error: string } {
  try {
    return predictRun(plan);
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
