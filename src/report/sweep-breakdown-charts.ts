import type { SweepResult } from '../results/index.js';
import { axis, baseOptions } from './chart-options.js';
import type { ChartSpec, MissingChart } from './chart-spec.js';
import { formatCount, formatMs, formatPercent } from './format-values.js';
import { SERIES_COLOR } from './palette.js';
import { runsByWorkers, workerLabels } from './sweep-latency-chart.js';

const BAR = { borderWidth: 1, categoryPercentage: 0.7, barPercentage: 0.9 };

/**
 * Mean queue wait and mean service time stacked per worker count, so the
 * height of a bar is roughly the mean time in the pool and its orange
 * (hatched) part the share spent waiting for a worker.
 */
export function buildSweepTimeSplitChart(sweep: SweepResult, id = 'chart-sweep-split'): ChartSpec {
  const runs = runsByWorkers(sweep);
  return {
    id,
    title: 'Where the time went: mean queue wait and service by number of workers (ms / s)',
    howToRead:
      'Each bar is the average request: the hatched orange part waited in the listen queue for a free worker, the blue part was being served. Adding workers shrinks the orange part; the blue part is the work itself.',
    notes: [],
    height: 300,
    config: {
      type: 'bar',
      data: {
        labels: workerLabels(sweep),
        datasets: [
          { label: 'mean queue wait', data: runs.map((r) => r.summary.queueMs.mean), backgroundColor: SERIES_COLOR.queue, borderColor: SERIES_COLOR.queue, stack: 'time', ...BAR },
          { label: 'mean service time', data: runs.map((r) => r.summary.serviceMs.mean), backgroundColor: SERIES_COLOR.service, borderColor: SERIES_COLOR.service, stack: 'time', ...BAR },
        ],
      },
      options: baseOptions(
        {
          x: axis('category', 'workers (processes in the pool)', { stacked: true }),
          y: axis('linear', 'mean time per request (ms / s)', { stacked: true, beginAtZero: true }),
        },
        { interaction: { mode: 'index', intersect: false } },
      ),
    },
    formats: { y: 'ms' },
    patterns: { 0: 'hatch' },
    barLabels: {
      1: {
        outside: true,
        texts: runs.map((r) => {
          const total = r.summary.queueMs.mean + r.summary.serviceMs.mean;
          return total > 0 ? `${formatMs(total)}, ${formatPercent(r.summary.queueMs.mean / total)} waiting` : '';
        }),
      },
    },
  };
}

/**
 * Failed requests (status >= 400 or no response) per worker count, with
 * the error rate in each bar's tooltip. When no run had an error it is a
 * `MissingChart` saying so, rather than a chart of empty bars.
 */
export function buildSweepErrorsChart(sweep: SweepResult, id = 'chart-sweep-errors'): ChartSpec | MissingChart {
  const runs = runsByWorkers(sweep);
  const title = 'Failed requests by number of workers (count)';
  if (runs.every((r) => r.summary.errors === 0)) return { id, title, missing: 'No request failed with any worker count.' };
  return {
    id,
    title,
    howToRead:
      'How many requests failed (status 400 or above, or no response) with each worker count. With too few workers, requests time out in the queue and the proxy answers 504 or 502.',
    notes: [],
    height: 260,
    config: {
      type: 'bar',
      data: {
        labels: workerLabels(sweep),
        datasets: [{ label: 'failed requests', data: runs.map((r) => r.summary.errors), backgroundColor: SERIES_COLOR.failed, borderColor: SERIES_COLOR.failed, ...BAR }],
      },
      options: baseOptions({
        x: axis('category', 'workers (processes in the pool)'),
        y: axis('linear', 'failed requests (count)', { beginAtZero: true, ticks: { precision: 0 } }),
      }),
    },
    formats: { y: 'count' },
    tooltips: {
      0: runs.map((r) => {
        const rate = r.summary.count > 0 ? r.summary.errors / r.summary.count : 0;
        return `${formatCount(r.summary.errors)} of ${formatCount(r.summary.count)} requests failed (${formatPercent(rate)})`;
      }),
    },
    patterns: { 0: 'hatch' },
    barLabels: {
      0: {
        outside: true,
        texts: runs.map((r) =>
          r.summary.errors === 0 ? 'none' : `${formatCount(r.summary.errors)} (${formatPercent(r.summary.count ? r.summary.errors / r.summary.count : 0)})`,
        ),
      },
    },
  };
}
