import type { Prediction, RunResult } from '../results/index.js';
import { formatByKey, measuredFor, predictionSources } from './model-checks.js';
import { formatTextTable } from './text-table.js';

/** The console's rows: a short label and the prediction key (measured the same way as in the HTML report). */
const ROWS: ReadonlyArray<readonly [string, keyof Prediction & string]> = [
  ['P(wait)', 'pWait'],
  ['mean queue wait', 'meanWaitMs'],
  ['p99 queue wait', 'p99WaitMs'],
  ['p99 latency', 'p99LatencyMs'],
  ['refused (503)', 'refusedShare'],
];

/**
 * The console's "predicted vs measured" table: the analytic model's and the
 * simulator's figures beside the run's own, or '' when the result carries
 * no predictions (or only the reason the models could not make any).
 */
export function formatPredictions(result: RunResult): string {
  const sources = predictionSources(result);
  if (sources.length === 0) return '';
  const rows = ROWS.map(([label, key]) => [
    label,
    ...sources.map(([, p]) => formatByKey(key, numberOrNull(p[key]))),
    formatByKey(key, measuredFor(result, key)),
  ]);
  const notes = result.predictions !== undefined && 'notes' in result.predictions ? result.predictions.notes : [];
  const noteLines = notes.map((n) => `  note: ${n}`);
  return ['predicted vs measured:', formatTextTable(['', ...sources.map(([name]) => name), 'measured'], rows), ...noteLines].join('\n');
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}
