import type { RunResult } from '../results/index.js';
import { waitingRequests } from './describe-run.js';
import { formatMs, formatPercent } from './format-values.js';
import { fieldOf, numberAt } from './read-extra.js';
import { formatTextTable } from './text-table.js';

/** Rows of the comparison: label, prediction key, how to read the measured value, format. */
const ROWS: ReadonlyArray<readonly [string, string, (r: RunResult) => number | null, (v: number) => string]> = [
  ['P(wait)', 'pWait', (r) => measuredPWait(r), formatPercent],
  ['mean queue wait', 'meanWaitMs', (r) => (r.summary.queueMs.count > 0 ? r.summary.queueMs.mean : null), formatMs],
  ['p99 queue wait', 'p99WaitMs', (r) => (r.summary.queueMs.count > 0 ? r.summary.queueMs.p99 : null), formatMs],
  ['p99 latency', 'p99LatencyMs', (r) => r.summary.latencyMs.p99, formatMs],
  ['refused (503)', 'refusedShare', (r) => (r.summary.count > 0 ? (r.summary.status['503'] ?? 0) / r.summary.count : null), formatPercent],
];

/** Share of requests that waited, as `waitingRequests` counts them (above the stack's own hand-off). */
export function measuredPWait(result: RunResult): number | null {
  const timed = result.requests.filter((r) => r.queueMs !== null).length;
  return timed === 0 ? null : waitingRequests(result).length / timed;
}

/**
 * The console's "predicted vs measured" table: the analytic model's and the
 * simulator's figures beside the run's own, or '' when the result carries
 * no predictions.
 */
export function formatPredictions(result: RunResult): string {
  const predictions = fieldOf(result, 'predictions');
  const analytic = fieldOf(predictions, 'analytic') ?? null;
  const simulated = fieldOf(predictions, 'simulated') ?? null;
  if (analytic === null && simulated === null) return '';
  const sources: Array<readonly [string, unknown]> = [];
  if (analytic !== null) sources.push(['M/M/c/K', analytic]);
  if (simulated !== null) sources.push(['simulated', simulated]);
  const rows = ROWS.map(([label, key, measure, format]) => {
    const m = measure(result);
    return [label, ...sources.map(([, p]) => {
      const v = numberAt(p, key);
      return v === null ? '—' : format(v);
    }), m === null ? '—' : format(m)];
  });
  const notes = fieldOf(predictions, 'notes');
  const noteLines = Array.isArray(notes) ? notes.map((n) => `  note: ${String(n)}`) : [];
  return ['predicted vs measured:', formatTextTable(['', ...sources.map(([name]) => name), 'measured'], rows), ...noteLines].join('\n');
}
