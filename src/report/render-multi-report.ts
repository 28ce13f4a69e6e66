import type { MultiResult, MultiStackRun } from '../results/index.js';
import type { ChartSpec, MissingChart } from './chart-spec.js';
import { describeDegraded, describeEngine, describeWorkerRecords } from './describe-engine.js';
import { describeMultiDifferences } from './describe-multi.js';
import { describeRun } from './describe-run.js';
import { describeTimeScale } from './describe.js';
import { MULTI_COLUMNS, multiRow } from './format-multi-table.js';
import { buildGanttChart } from './gantt-chart.js';
import { chartSection, htmlTable, reportHeader, tableSection } from './html-blocks.js';
import { escapeHtml } from './html-escape.js';
import { renderPage } from './html-page.js';
import { multiThresholdSection } from './multi-threshold-section.js';
import { DASH, OKABE_ITO } from './palette.js';
import { buildPercentileChart } from './percentile-chart.js';

const COLORS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.black];
const DASHES = [DASH.solid, DASH.dashed, DASH.dotted, DASH.dashDot];

/** Latency and queue wait by percentile, one pair of curves per stack that ran (colour per stack; queue wait dotted). */
export function buildMultiLatencyChart(runs: readonly MultiStackRun[]): ChartSpec | MissingChart {
  return buildPercentileChart(
    'chart-multi-latency',
    runs.flatMap((run, i) => {
      const color = COLORS[i % COLORS.length]!;
      return [
        { label: `latency, ${run.stack}`, values: run.result.requests.map((r) => r.latencyMs), color, dash: DASHES[i % DASHES.length]! },
        { label: `queue wait, ${run.stack}`, values: run.result.requests.flatMap((r) => (r.queueMs === null ? [] : [r.queueMs])), color, dash: DASH.dotted },
      ];
    }),
  );
}

/**
 * The self-contained HTML report of a multi-stack run: where the stacks
 * differ and why, a side-by-side table (latency percentiles, queue wait,
 * throughput, errors), each threshold's verdict per stack (omitted when
 * none were set), latency and queue wait by percentile for every stack on
 * one chart, and each stack's per-worker timeline. Stacks that did not run
 * are listed with their reason. The header names the load engine (with
 * Locust: records per worker for each stack), and a notice names each
 * stack whose engine degraded.
 */
export function renderMultiReport(multi: MultiResult): string {
  const runs = multi.runs.filter((r): r is MultiStackRun => 'result' in r);
  const failed = multi.runs.filter((r) => 'error' in r);
  const gantts = runs.map((run, i) => {
    const chart = buildGanttChart(run.result, { id: `chart-gantt-${i + 1}` });
    return { ...chart, title: `${run.stack}: ${chart.title}` };
  });
  const charts: (ChartSpec | MissingChart)[] = [buildMultiLatencyChart(runs), ...gantts];
  const rows = [...runs.map((r) => multiRow(r.stack, r.result.summary)), ...failed.map((r) => [r.stack, 'did not run', ...MULTI_COLUMNS.slice(2).map(() => '—')])];
  const differences = describeMultiDifferences(multi).map((line) => `<li>${escapeHtml(line)}</li>`).join('');
  // every stack ran on the one engine the command chose; each may have degraded on its own
  const engine = runs[0]?.result.engine;
  const degraded = runs.flatMap((r) => {
    const line = describeDegraded(r.result.engine);
    return line === null ? [] : [`<p class="notice engine-degraded">${escapeHtml(`${r.stack}: ${line}`)}</p>`];
  });
  const perWorker = runs.flatMap((r) => {
    const records = describeWorkerRecords(r.result.engine);
    return records === null ? [] : [[`records per worker, ${r.stack}`, records] as [string, string]];
  });
  const sentences = runs.map((r) => `<li><strong>${escapeHtml(r.stack)}:</strong> ${escapeHtml(describeRun(r.result))}</li>`).join('');
  const body = [
    reportHeader({
      kind: 'multi-stack report',
      title: `${multi.scenario.name} on ${multi.stacks.join(', ')}`,
      description: multi.scenario.description,
      facts: [
        ['stacks', multi.stacks.join(', ')],
        ['seed', String(multi.seed)],
        ['time scale', describeTimeScale(multi.timeScale)],
        ['started', multi.startedAt],
        ...(runs.length > 0 ? [['load engine', describeEngine(engine)] as [string, string]] : []),
        ...perWorker,
        ...(multi.aborted ? [['stopped early', multi.aborted] as [string, string]] : []),
      ],
    }),
    ...degraded,
    `<section class="card" id="differences"><h2>Where they differ, and why</h2><ul class="verdicts">${differences}</ul></section>`,
    `<div class="summary" id="summary"><ul class="verdicts">${sentences}</ul></div>`,
    tableSection(
      'Side by side',
      'One row per stack, all from the same schedule. Latency runs from the intended send time to the last byte; queue wait is the time before a worker picked the request up.',
      htmlTable([...MULTI_COLUMNS], rows),
      'side-by-side',
    ),
    multiThresholdSection(runs),
    ...charts.map(chartSection),
  ];
  return renderPage({ title: `${multi.scenario.name} on ${multi.stacks.length} stacks: caplab multi-stack report`, body: body.filter((b) => b !== '').join('\n'), charts, data: multi });
}
