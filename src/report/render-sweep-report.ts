import type { SweepResult, SweepRun } from '../results/index.js';
import { buildSweepErrorsChart, buildSweepTimeSplitChart } from './sweep-breakdown-charts.js';
import { formatThresholdValue } from './format-threshold.js';
import { describeRecommendation, sweepVerdict } from './format-sweep-table.js';
import { describeTimeScale, plural } from './describe.js';
import { formatCount, formatMs, formatRps } from './format-values.js';
import { describeQueueFallback } from './describe-overflow.js';
import { describeDegraded, describeEngine, describeWorkerRecords } from './describe-engine.js';
import { chartSection, htmlTable, reportHeader, tableSection, type Cell } from './html-blocks.js';
import { escapeHtml } from './html-escape.js';
import { renderPage } from './html-page.js';
import { buildSweepLatencyChart, predictedAt, runsByWorkers, type PredictedKey } from './sweep-latency-chart.js';
import { buildSweepThroughputChart } from './sweep-throughput-chart.js';

/** A link to a run's own files, when `results` is a plain relative path. */
function runLinks(run: SweepRun): Cell {
  if (!run.results || /^[a-z][a-z0-9+.-]*:/i.test(run.results) || run.results.startsWith('/')) return '—';
  const dir = run.results.includes('/') ? run.results.slice(0, run.results.lastIndexOf('/') + 1) : '';
  const json = escapeHtml(run.results);
  const html = escapeHtml(`${dir}report.html`);
  return { html: `<a href="${html}">report</a> · <a href="${json}">json</a>` };
}

/** Which thresholds each run missed, with the measured values, as a list (empty when none were missed). */
function missedThresholds(runs: readonly SweepRun[]): string {
  const items = runs.flatMap((r) => {
    const failed = r.thresholds.filter((t) => !t.ok);
    if (failed.length === 0) return [];
    const what = failed.map((t) => `${t.expr} (measured ${formatThresholdValue(t.expr, t.actual)})`).join('; ');
    return [`<li class="verdict-bad">✗ ${escapeHtml(plural(r.workers, 'worker'))}: ${escapeHtml(what)}</li>`];
  });
  return items.length > 0 ? `<p>Thresholds missed:</p><ul class="verdicts">${items.join('')}</ul>` : '';
}

function runsTable(sweep: SweepResult): string {
  const runs = runsByWorkers(sweep);
  const withPredicted = (key: PredictedKey): boolean => runs.some((r) => predictedAt(r, key) !== null);
  const p99Predicted = withPredicted('p99LatencyMs');
  const tputPredicted = withPredicted('throughputRps');
  const locust = runs.some((r) => r.engine?.name === 'locust');
  const headers = [
    'workers', 'throughput', ...(tputPredicted ? ['predicted'] : []), 'p50', 'p90', 'p99',
    ...(p99Predicted ? ['p99 predicted'] : []), 'queue mean', 'queue p99', 'errors', 'thresholds', ...(locust ? ['records per Locust worker'] : []), 'files',
  ];
  const predicted = (r: SweepRun, key: PredictedKey, f: (v: number) => string): string => {
    const v = predictedAt(r, key);
    return v === null ? '—' : f(v);
  };
  const rows = runs.map((r) => [
    String(r.workers),
    formatRps(r.summary.throughputRps),
    ...(tputPredicted ? [predicted(r, 'throughputRps', formatRps)] : []),
    formatMs(r.summary.latencyMs.p50),
    formatMs(r.summary.latencyMs.p90),
    formatMs(r.summary.latencyMs.p99),
    ...(p99Predicted ? [predicted(r, 'p99LatencyMs', formatMs)] : []),
    formatMs(r.summary.queueMs.mean),
    formatMs(r.summary.queueMs.p99),
    formatCount(r.summary.errors),
    sweepVerdict(r),
    ...(locust ? [describeWorkerRecords(r.engine) ?? '—'] : []),
    runLinks(r),
  ]);
  return tableSection(
    'Every run of the sweep',
    'One row per worker count, each run on a fresh stack with the same load and seed; p50, p90 and p99 are latency percentiles. ✓ means the run met every threshold; ✗ 1/2 means it missed one of two (listed below the table). Each run’s own report has its per-request detail.',
    htmlTable(headers, rows) + missedThresholds(runs),
    'runs',
  );
}

/** The facts in a sweep report's header. */
export function sweepFacts(sweep: SweepResult): [string, string][] {
  const exprs = [...new Set(sweep.runs.flatMap((r) => r.thresholds.map((t) => t.expr)))];
  const offered = sweep.offeredRps;
  return [
    ['worker counts', runsByWorkers(sweep).map((r) => r.workers).join(', ')],
    ['thresholds', exprs.length > 0 ? exprs.join('; ') : 'none set'],
    ['offered rate', offered === null ? 'not recorded' : formatRps(offered)],
    ['time scale', describeTimeScale(sweep.timeScale)],
    ['seed', String(sweep.seed)],
    ['started', sweep.startedAt],
    ['scenario file', sweep.scenario.file ?? 'built in'],
    ...(sweep.runs.length > 0 ? [['load engine', describeEngine(sweep.runs[0]!.engine)] as [string, string]] : []),
  ];
}

/** One "degraded: …" notice per run whose engine did not deliver every record. */
function degradedNotices(sweep: SweepResult): string[] {
  return runsByWorkers(sweep).flatMap((r) => {
    const line = describeDegraded(r.engine);
    return line === null ? [] : [`<p class="notice engine-degraded">${escapeHtml(`${plural(r.workers, 'worker')}: ${line}`)}</p>`];
  });
}

/**
 * The self-contained HTML report of a sweep: the recommendation, latency
 * percentiles and throughput (with offered rate and predictions when
 * present) against workers, mean queue wait and service stacked, errors,
 * and a table of every run with links to its own files (with Locust, the
 * records each of its workers sent); a notice when the pool fell back to
 * the master-held queue, and one per run whose engine degraded. The header
 * names the load engine.
 */
export function renderSweepReport(sweep: SweepResult): string {
  const charts = [buildSweepLatencyChart(sweep), buildSweepThroughputChart(sweep), buildSweepTimeSplitChart(sweep), buildSweepErrorsChart(sweep)];
  const fallback = describeQueueFallback(sweep);
  const body = [
    reportHeader({ kind: 'sweep report', title: sweep.scenario.name, description: sweep.scenario.description, facts: sweepFacts(sweep) }),
    ...(fallback === null ? [] : [`<p class="notice" id="queue-fallback">${escapeHtml(fallback)}</p>`]),
    ...degradedNotices(sweep),
    `<p class="summary" id="recommendation">${escapeHtml(describeRecommendation(sweep))}</p>`,
    ...charts.map(chartSection),
    runsTable(sweep),
  ];
  return renderPage({ title: `${sweep.scenario.name}: caplab sweep report`, body: body.join('\n'), charts, data: sweep });
}
