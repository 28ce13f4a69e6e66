import type { RunResult } from '../results/index.js';
import { formatByKey, measuredFor } from './model-checks.js';
import { fieldOf, numberAt } from './read-extra.js';
import { formatTextTable } from './text-table.js';

/** The console's rows: a short label and the prediction key (measured the same way as in the HTML report). */
const ROWS: ReadonlyArray<readonly [string, string]> = [
  ['P(wait)', 'pWait'],
  ['mean queue wait', 'meanWaitMs'],
  ['p99 queue wait', 'p99WaitMs'],
  ['p99 latency', 'p99LatencyMs'],
  ['refused (503)', 'refusedShare'],
];

/**
 * The console's "predicted vs measured" table: the analytic model's and the
 * simulator's figures beside the run's own, or '' when the result carries
 * no predictions.
 */
export function formatPredictions(result: RunResult): string {
  const predictions = fieldOf(result, 'predictions');
  const sources: Array<readonly [string, unknown]> = [];
  const analytic = fieldOf(predictions, 'analytic') ?? null;
  const simulated = fieldOf(predictions, 'simulated') ?? null;
  if (analytic !== null) sources.push(['M/M/c/K', analytic]);
  if (simulated !== null) sources.push(['simulated', simulated]);
  if (sources.length === 0) return '';
  const rows = ROWS.map(([label, key]) => [
    label,
    ...sources.map(([, p]) => formatByKey(key, numberAt(p, key))),
    formatByKey(key, measuredFor(result, key)),
  ]);
  const notes = fieldOf(predictions, 'notes');
  const noteLines = Array.isArray(notes) ? notes.map((n) => `  note: ${String(n)}`) : [];
  return ['predicted vs measured:', formatTextTable(['', ...sources.map(([name]) => name), 'measured'], rows), ...noteLines].join('\n');
}
