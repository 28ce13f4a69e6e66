import type { Prediction, RunResult } from '../results/index.js';
import { waitingRequests } from './describe-run.js';
import { formatMs, formatNumber, formatPercent, formatRps } from './format-values.js';
import { htmlTable, tableSection } from './html-blocks.js';
import { escapeHtml } from './html-escape.js';
import { formatLittlesLaw } from './format-littles-law.js';

/** Mean busy workers over the sampled timeline divided by the worker count, or null. */
function measuredUtilisation(r: RunResult): number | null {
  if (r.timeline.length === 0 || r.stack.workers <= 0) return null;
  return r.timeline.reduce((a, p) => a + p.busy, 0) / r.timeline.length / r.stack.workers;
}

/** The measured value matching a prediction key, or null when caplab does not measure it. */
export function measuredFor(r: RunResult, key: string): number | null {
  const s = r.summary;
  const withQueue = r.requests.filter((q) => q.queueMs !== null).length;
  const table: Record<string, () => number | null> = {
    meanWaitMs: () => (s.queueMs.count ? s.queueMs.mean : null),
    p50WaitMs: () => (s.queueMs.count ? s.queueMs.p50 : null),
    p90WaitMs: () => (s.queueMs.count ? s.queueMs.p90 : null),
    p99WaitMs: () => (s.queueMs.count ? s.queueMs.p99 : null),
    meanLatencyMs: () => s.latencyMs.mean,
    p50LatencyMs: () => s.latencyMs.p50,
    p90LatencyMs: () => s.latencyMs.p90,
    p95LatencyMs: () => s.latencyMs.p95,
    p99LatencyMs: () => s.latencyMs.p99,
    maxLatencyMs: () => s.latencyMs.max,
    meanServiceMs: () => (s.serviceMs.count ? s.serviceMs.mean : null),
    throughputRps: () => s.throughputRps,
    errorRate: () => (s.count ? s.errors / s.count : null),
    waitProbability: () => (withQueue ? waitingRequests(r).length / withQueue : null),
    pWait: () => (withQueue ? waitingRequests(r).length / withQueue : null),
    errorShare: () => (s.count ? s.errors / s.count : null),
    refusedShare: () => (s.count ? (s.status['503'] ?? 0) / s.count : null),
    utilisation: () => measuredUtilisation(r),
    utilization: () => measuredUtilisation(r),
    workers: () => r.stack.workers,
    meanQueueLength: () => r.littlesLaw?.meanQueueLength ?? null,
  };
  return table[key]?.() ?? null;
}

/** Formats a model quantity by its key's unit suffix: `…Ms` as time, `…Rps` as a rate, probabilities as %. */
export function formatByKey(key: string, v: number | null): string {
  if (v === null) return '—';
  if (/Ms$/.test(key)) return formatMs(v);
  if (/Rps$/.test(key)) return formatRps(v);
  if (/rate|probability|[sS]hare|utili[sz]ation|^p[A-Z]/.test(key)) return formatPercent(v);
  return formatNumber(v);
}

/** Words for the planner's terser keys. */
const LABELS: Readonly<Record<string, string>> = {
  pWait: 'share of requests that wait',
  waitProbability: 'share of requests that wait',
  errorShare: 'share failed (502, 503, 504)',
  refusedShare: 'share refused (503)',
  sloValueMs: 'objective’s statistic',
};

/** `p99LatencyMs` → `p99 latency`, `meanWaitMs` → `mean wait`, `pWait` → `share of requests that wait`. */
export function labelForKey(key: string): string {
  return LABELS[key] ?? key.replace(/(Ms|Rps)$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The figures of a prediction, in the order the reports list them. */
const PREDICTION_KEYS = [
  'workers', 'utilization', 'pWait', 'meanWaitMs', 'p99WaitMs', 'p50LatencyMs', 'p99LatencyMs', 'refusedShare', 'throughputRps',
] as const satisfies readonly (keyof Prediction)[];

/**
 * The run's predictions by name, `M/M/c/K` (when the model is exact for the
 * plan) then `simulated`; empty when the run carries none or only the
 * reason the models could not make any.
 */
export function predictionSources(result: RunResult): Array<readonly [string, Prediction]> {
  const p = result.predictions;
  if (p === undefined || 'error' in p) return [];
  return [...(p.analytic !== null ? [['M/M/c/K', p.analytic] as const] : []), ['simulated', p.simulated] as const];
}

/**
 * The HTML "predicted vs measured" table: the analytic model's and the
 * simulator's figures next to the run's own, with the models' notes below
 * (or why there are no predictions). Empty string when the run has none.
 */
export function renderPredictions(result: RunResult): string {
  const p = result.predictions;
  if (p === undefined) return '';
  const sources = predictionSources(result);
  const keys = PREDICTION_KEYS.filter((k) => sources.some(([, s]) => s[k] !== null));
  const rows = keys.map((k) => [labelForKey(k), ...sources.map(([, s]) => formatByKey(k, s[k])), formatByKey(k, measuredFor(result, k))]);
  const notes = 'error' in p ? [`no predictions: ${p.error}`] : p.notes;
  return tableSection(
    'Predicted vs measured',
    'What the queueing model (analytic) and the simulator predicted for this scenario, next to what the run measured. Large gaps mean the model’s assumptions (arrival pattern, service times) do not match the run.',
    (sources.length > 0 ? htmlTable(['quantity', ...sources.map(([name]) => name), 'measured'], rows) : '') +
      notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join(''),
    'predictions',
  );
}

/**
 * A one-line Little's law check (L = λW on the listen queue) from the
 * optional `littlesLaw` field; empty string when absent or null.
 */
export function renderLittlesLaw(result: RunResult): string {
  const text = formatLittlesLaw(result);
  if (!text) return '';
  return tableSection(
    'Little’s law check',
    'On average, the queue holds arrival rate × time each request waits. A ratio near 1 means the sampled queue depth and the per-request waits tell the same story.',
    `<p>${escapeHtml(text)}</p>`,
    'littles-law',
  );
}
