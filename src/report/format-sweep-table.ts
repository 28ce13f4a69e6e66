import { uslPeakInSight } from '../plan/index.js';
import type { SweepResult, SweepRun } from '../results/index.js';
import { describeQueueFallback } from './describe-overflow.js';
import { plural } from './describe.js';
import { formatCount, formatMs, formatRps } from './format-values.js';
import { formatTextTable } from './text-table.js';

/** `✓` when every threshold of a sweep run passed, `✗ 1/2` when some failed, `—` when none were set. */
export function sweepVerdict(run: SweepRun): string {
  if (run.thresholds.length === 0) return '—';
  const failed = run.thresholds.filter((t) => !t.ok).length;
  return failed === 0 ? '✓' : `✗ ${failed}/${run.thresholds.length}`;
}

/**
 * The sweep's recommendation in words: the smallest worker count that met
 * every threshold, "none met every threshold", or "no thresholds were set".
 */
export function describeRecommendation(sweep: SweepResult): string {
  const anyThresholds = sweep.runs.some((r) => r.thresholds.length > 0);
  if (!anyThresholds) return 'No thresholds were set, so there is no recommendation.';
  if (sweep.recommended === null) return 'No worker count met every threshold: none is recommended.';
  return `Recommended: ${plural(sweep.recommended, 'worker')}, the smallest count that met every threshold.`;
}

/**
 * The console table of a sweep: a header (and one line when the pool fell
 * back to the master-held queue), then one row per worker count with throughput,
 * p50 and p99 latency (and the predicted p99 when runs carry one), mean and
 * p99 queue wait, errors and the threshold
 * verdict, then the recommendation.
 */
export function formatSweepTable(sweep: SweepResult): string {
  const withPredicted = sweep.runs.some((r) => predictedP99(r) !== '—');
  const rows = [...sweep.runs]
    .sort((a, b) => a.workers - b.workers)
    .map((r) => [
      String(r.workers),
      formatRps(r.summary.throughputRps),
      formatMs(r.summary.latencyMs.p50),
      formatMs(r.summary.latencyMs.p99),
      ...(withPredicted ? [predictedP99(r)] : []),
      formatMs(r.summary.queueMs.mean),
      formatMs(r.summary.queueMs.p99),
      formatCount(r.summary.errors),
      sweepVerdict(r),
    ]);
  const header = `${sweep.scenario.name}: sweep over ${sweep.runs.map((r) => r.workers).join(', ')} workers (time scale ${sweep.timeScale}, seed ${sweep.seed})`;
  const table = formatTextTable(
    ['workers', 'throughput', 'p50', 'p99', ...(withPredicted ? ['p99 predicted'] : []), 'queue mean', 'queue p99', 'errors', 'thresholds'],
    rows,
  );
  const usl = uslLine(sweep);
  const fallback = describeQueueFallback(sweep);
  return `${header}${fallback === null ? '' : `\n${fallback}`}\n\n${table}\n\n${describeRecommendation(sweep)}${usl ? `\n${usl}` : ''}`;
}

/** The run's predicted p99 latency (model or simulation), or a dash. */
function predictedP99(run: SweepRun): string {
  const v = run.predicted?.p99LatencyMs ?? null;
  return v === null ? '—' : formatMs(v);
}

/** One line on the Universal Scalability Law fit, when the sweep has one. */
function uslLine(sweep: SweepResult): string | null {
  const usl = sweep.usl;
  if (usl === null) return null;
  const peak = uslPeakInSight(usl.peakN, Math.max(...sweep.runs.map((r) => r.workers)));
  return `scalability (USL fit of throughput): contention σ=${usl.sigma.toFixed(3)}, coherency κ=${usl.kappa.toFixed(4)}; ${
    peak === null ? 'no peak in sight (none within 10× the largest count swept)' : `throughput peaks near ${Math.round(peak)} workers`
  }`;
}
