import type { RunResult, Summary } from '../results/index.js';
import { buildCompareLatencyChart, buildCompareQueueChart, buildCompareThroughputChart } from './compare-charts.js';
import { describeRun } from './describe-run.js';
import { describeTimeScale } from './describe.js';
import { formatCount, formatMs, formatNumber, formatRps } from './format-values.js';
import { chartSection, htmlTable, reportHeader, tableSection } from './html-blocks.js';
import { escapeHtml } from './html-escape.js';
import { renderPage } from './html-page.js';

/**
 * Default names for the two runs: `<scenario>, <n> workers`, with ` (A)`
 * and ` (B)` appended when that would name both the same.
 */
export function defaultCompareLabels(a: RunResult, b: RunResult): [string, string] {
  const name = (r: RunResult): string => `${r.scenario.name}, ${r.stack.workers} worker${r.stack.workers === 1 ? '' : 's'}`;
  const [la, lb] = [name(a), name(b)];
  return la === lb ? [`${la} (A)`, `${lb} (B)`] : [la, lb];
}

type Row = [string, (r: RunResult) => string, ((r: RunResult) => number) | null];

const ms = (pick: (s: Summary) => number) => (r: RunResult): number => pick(r.summary);

const ROWS: Row[] = [
  ['scenario', (r) => r.scenario.name, null],
  ['workers', (r) => String(r.stack.workers), (r) => r.stack.workers],
  ['listen queue', (r) => formatCount(r.stack.listen), null],
  ['time scale', (r) => String(r.stack.timeScale), null],
  ['seed', (r) => String(r.seed), null],
  ['requests', (r) => formatCount(r.summary.count), ms((s) => s.count)],
  ['failed', (r) => formatCount(r.summary.errors), ms((s) => s.errors)],
  ['throughput', (r) => formatRps(r.summary.throughputRps), ms((s) => s.throughputRps)],
  ['latency p50', (r) => formatMs(r.summary.latencyMs.p50), ms((s) => s.latencyMs.p50)],
  ['latency p90', (r) => formatMs(r.summary.latencyMs.p90), ms((s) => s.latencyMs.p90)],
  ['latency p99', (r) => formatMs(r.summary.latencyMs.p99), ms((s) => s.latencyMs.p99)],
  ['latency max', (r) => formatMs(r.summary.latencyMs.max), ms((s) => s.latencyMs.max)],
  ['queue wait mean', (r) => formatMs(r.summary.queueMs.mean), ms((s) => s.queueMs.mean)],
  ['queue wait p99', (r) => formatMs(r.summary.queueMs.p99), ms((s) => s.queueMs.p99)],
  ['service p50', (r) => formatMs(r.summary.serviceMs.p50), ms((s) => s.serviceMs.p50)],
  ['thresholds met', (r) => (r.thresholds.length ? `${r.thresholds.filter((t) => t.ok).length} of ${r.thresholds.length}` : 'none set'), null],
];

/** `B / A` as `×1.50`, or `—` when A is zero or the row is not numeric. */
function ratio(a: RunResult, b: RunResult, value: ((r: RunResult) => number) | null): string {
  if (!value) return '';
  const [x, y] = [value(a), value(b)];
  if (x === 0) return y === 0 ? '×1' : '—';
  return `×${formatNumber(y / x)}`;
}

/**
 * The self-contained HTML report comparing two runs: one sentence each,
 * a side-by-side summary table with the B/A ratio, and latency by
 * percentile, queue over time and throughput over time with one series
 * per run (A solid blue, B dashed vermillion).
 */
export function renderCompareReport(a: RunResult, b: RunResult, labels?: [string, string]): string {
  const names = labels ?? defaultCompareLabels(a, b);
  const runs = [a, b] as const;
  const charts = [buildCompareLatencyChart(runs, names), buildCompareQueueChart(runs, names), buildCompareThroughputChart(runs, names)];
  const table = htmlTable(
    ['', names[0], names[1], 'second ÷ first'],
    ROWS.map(([label, show, value]) => [label, show(a), show(b), ratio(a, b, value)]),
  );
  const sentences = runs.map((r, i) => `<li><strong>${escapeHtml(names[i]!)}:</strong> ${escapeHtml(describeRun(r))}</li>`).join('');
  const body = [
    reportHeader({
      kind: 'comparison',
      title: `${names[0]} vs ${names[1]}`,
      description: a.scenario.name === b.scenario.name ? a.scenario.description : '',
      facts: [
        [names[0], `started ${a.startedAt}; time scale ${describeTimeScale(a.stack.timeScale)}`],
        [names[1], `started ${b.startedAt}; time scale ${describeTimeScale(b.stack.timeScale)}`],
      ],
    }),
    `<div class="summary" id="summary"><ul class="verdicts">${sentences}</ul></div>`,
    tableSection(
      'Side by side',
      'The two runs’ summaries. The last column divides the second run’s number by the first’s: ×0.5 means the second run had half as much.',
      table,
      'side-by-side',
    ),
    ...charts.map(chartSection),
  ];
  return renderPage({ title: `${names[0]} vs ${names[1]}: caplab comparison`, body: body.join('\n'), charts, data: { a, b, labels: names } });
}
