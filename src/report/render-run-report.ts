import type { RunResult } from '../results/index.js';
import type { ChartSpec, MissingChart } from './chart-spec.js';
import { describeObserved } from './describe-observed.js';
import { describeDegraded, engineFacts } from './describe-engine.js';
import { describePoolMemory } from './describe-pool-memory.js';
import { describeListenOverflow, describeQueueFallback, describeQueueMode, describeSynRetries } from './describe-overflow.js';
import { describeRun } from './describe-run.js';
import { describeTimeScale, plural } from './describe.js';
import { formatCount, formatMs } from './format-values.js';
import { summaryCells } from './summary-cells.js';
import { buildGanttChart } from './gantt-chart.js';
import { chartSection, htmlTable, reportHeader, tableSection, thresholdList } from './html-blocks.js';
import { escapeHtml } from './html-escape.js';
import { renderPage } from './html-page.js';
import { describeReloads } from './reload-marks.js';
import { renderLittlesLaw, renderPredictions } from './model-checks.js';
import { DASH, SERIES_COLOR } from './palette.js';
import { buildPercentileChart } from './percentile-chart.js';
import { buildQueueTimelineChart } from './queue-timeline-chart.js';
import { buildThroughputChart } from './throughput-chart.js';

/** The latency-by-percentile chart of one run: latency and queue wait. */
export function buildRunLatencyChart(result: RunResult): ChartSpec | MissingChart {
  const notes: string[] = [];
  if (result.sampling.sampled) {
    notes.push(`Computed from the ${formatCount(result.sampling.kept)} requests results.json keeps, a uniform sample of ${formatCount(result.sampling.total)}.`);
  }
  if (result.summary.errors > 0) notes.push('Failed requests are included, with the time until they failed.');
  return buildPercentileChart(
    'chart-latency',
    [
      { label: 'latency (send to last byte)', values: result.requests.map((r) => r.latencyMs), color: SERIES_COLOR.latency, dash: DASH.solid },
      {
        label: 'queue wait (before a worker took it)',
        values: result.requests.flatMap((r) => (r.queueMs === null ? [] : [r.queueMs])),
        color: SERIES_COLOR.queue,
        dash: DASH.dashed,
      },
    ],
    notes,
  );
}

/** The header's workers line: processes, and their threads when there were several. */
function workersFact(result: RunResult): string {
  const { workers } = result.stack;
  const { threads } = result.plan.stack;
  const processes = plural(workers, 'process', 'processes');
  if (threads <= 1) return `${processes}, each serving one request at a time`;
  return `${processes}, each with ${threads} threads serving one request at a time (${formatCount(workers * threads)} at once in all)`;
}

/** The facts in a run report's header. */
export function runFacts(result: RunResult): [string, string][] {
  const st = result.stack;
  const memory = describePoolMemory(result);
  const recorded = result.sampling.sampled
    ? `${formatCount(result.sampling.kept)} recorded of ${formatCount(result.sampling.total)} sent (uniform sample)`
    : `${formatCount(result.summary.count)}, all recorded`;
  return [
    ['stack', `proxy ${st.proxy} → prefork pool ${st.pool} → app ${st.app}`],
    ['workers', workersFact(result)],
    ['listen queue', `${formatCount(st.listen)} connections`],
    ...(st.queue !== undefined ? [['queue mode', describeQueueMode(st.queue)] as [string, string]] : []),
    ...(st.proxyProcesses !== undefined ? [['proxy processes', formatCount(st.proxyProcesses)] as [string, string]] : []),
    ['proxy → pool', st.socket === 'unix' ? 'a unix socket (a full backlog: 502 at once)' : 'TCP on loopback (a full backlog: SYN retries)'],
    ['upstream timeout', formatMs(st.upstreamTimeoutMs)],
    ['time scale', describeTimeScale(st.timeScale)],
    ['seed', String(result.seed)],
    ['started', result.startedAt],
    ['scenario file', result.scenario.file ?? 'built in'],
    ['requests', recorded],
    ...engineFacts(result.engine),
    ...(memory !== null ? [['worker memory', memory] as [string, string]] : []),
  ];
}

function phaseTable(result: RunResult): string {
  const row = (name: string, kind: string, s: RunResult['summary']): string[] => [name, kind, ...summaryCells(s, 'p50')];
  const rows = [...result.phases.map((p) => row(p.name, p.kind, p.summary)), row('whole run', '', result.summary)];
  return tableSection(
    'Percentiles per load phase',
    'One row per phase of the scenario’s load, then the whole run. Latency is from the intended send time to the last byte; queue wait is the time before a worker picked the request up; service is the time the worker spent on it.',
    htmlTable(
      ['phase', 'kind', 'requests', 'errors', 'throughput', 'latency p50', 'p90', 'p99', 'max', 'queue p50', 'queue p99', 'service p50'],
      rows,
    ),
    'phases',
  );
}

/** The kernel's overflow counters and the requests that waited on a SYN retry; '' when there were none. */
function overflowSection(result: RunResult): string {
  const lines = [describeListenOverflow(result), describeSynRetries(result)].filter((l) => l !== null);
  if (lines.length === 0) return '';
  return tableSection(
    'Listen-queue overflow',
    'When the pool’s accept queue is full, the kernel drops new connections’ SYNs; the proxy’s kernel retries them about 1 s, then 3 s later (wall time), so those requests are delayed, not refused. The counters come from /proc/net/netstat and cover the whole machine.',
    lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n'),
    'overflow',
  );
}

/** The reloads of the pool during the run, one line each; '' when there were none. */
function reloadSection(result: RunResult): string {
  const lines = describeReloads(result);
  if (lines.length === 0) return '';
  return tableSection(
    'Reloads',
    'At each reload the pool replaced its workers gracefully, one slot at a time (caplab’s pool starts the new worker beside the old one, which then stops taking connections, finishes the requests it serves and exits; uWSGI’s chain reload stops the old one first; gunicorn starts all new workers, then ends the old ones). The shaded boxes on the queue chart show when. A request counts as failed if it got no response or a 5xx.',
    lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n'),
    'reloads',
  );
}

/**
 * The self-contained HTML report of one run: header (scenario, stack, time
 * scale, seed, threshold verdicts), a plain-language summary, the
 * per-request timeline, latency percentiles, queue and busy workers over
 * time (with the pool's reloads shaded), throughput by status, the reloads, the listen-queue overflow (when the kernel
 * counted any or a request waited on a SYN retry), a per-phase table, and
 * predictions and Little's law when the result carries them. A pool that
 * fell back to the master-held queue is named in a notice above the summary,
 * and so is a queue or busy-worker count that was not seen exactly, and a
 * degraded engine ("degraded: …"). The header names the load engine (with
 * Locust: version, workers, records per worker) and the workers' peak RSS.
 */
export function renderRunReport(result: RunResult): string {
  const charts = [buildGanttChart(result), buildRunLatencyChart(result), buildQueueTimelineChart(result), buildThroughputChart(result)];
  const fallback = describeQueueFallback(result.stack);
  const observed = describeObserved(result.stack);
  const degraded = describeDegraded(result.engine);
  const body = [
    reportHeader({ kind: 'run report', title: result.scenario.name, description: result.scenario.description, facts: runFacts(result) }),
    ...(fallback === null ? [] : [`<p class="notice" id="queue-fallback">${escapeHtml(fallback)}</p>`]),
    ...(observed === null ? [] : [`<p class="notice" id="observed">${escapeHtml(observed)}</p>`]),
    ...(degraded === null ? [] : [`<p class="notice" id="engine-degraded">${escapeHtml(degraded)}</p>`]),
    `<p class="summary" id="summary">${escapeHtml(describeRun(result))}</p>`,
    `<section class="card" id="thresholds"><h2>Thresholds</h2>${thresholdList(result.thresholds)}</section>`,
    ...charts.map(chartSection),
    reloadSection(result),
    overflowSection(result),
    phaseTable(result),
    renderPredictions(result),
    renderLittlesLaw(result),
  ].filter((s) => s !== '');
  return renderPage({ title: `${result.scenario.name}: caplab run report`, body: body.join('\n'), charts, data: result });
}
