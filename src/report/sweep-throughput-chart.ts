import type { SweepResult } from '../results/index.js';
import { axis, baseOptions, lineStyle } from './chart-options.js';
import type { ChartSpec, DatasetJson } from './chart-spec.js';
import { formatRps } from './format-values.js';
import { DASH, SERIES_COLOR } from './palette.js';
import { numberAt } from './read-extra.js';
import { predictedAt, runsByWorkers, workerLabels } from './sweep-latency-chart.js';

/**
 * Throughput against the number of workers, with the offered rate
 * (`sweep.offeredRps`) as a dotted horizontal line when the sweep records
 * one (otherwise a note says it is omitted), and a dashed predicted curve
 * when runs carry `predicted.throughputRps`.
 */
export function buildSweepThroughputChart(sweep: SweepResult, id = 'chart-sweep-throughput'): ChartSpec {
  const runs = runsByWorkers(sweep);
  const datasets: DatasetJson[] = [
    {
      label: 'throughput, measured',
      data: runs.map((r) => r.summary.throughputRps),
      ...lineStyle(SERIES_COLOR.throughput, DASH.solid, { pointStyle: 'circle', pointRadius: 5 }),
    },
  ];
  const offered = numberAt(sweep, 'offeredRps');
  const notes: string[] = [];
  if (offered !== null) {
    datasets.push({
      label: `offered rate (${formatRps(offered)})`,
      data: runs.map(() => offered),
      ...lineStyle(SERIES_COLOR.offered, DASH.dotted, { pointRadius: 0 }),
    });
  } else {
    notes.push('The sweep did not record an offered rate (offeredRps), so no offered-rate line is drawn.');
  }
  const predicted = runs.map((r) => predictedAt(r, 'throughputRps'));
  if (predicted.some((v) => v !== null)) {
    datasets.push({
      label: 'throughput, predicted',
      data: predicted,
      ...lineStyle(SERIES_COLOR.throughput, DASH.dashed, { pointStyle: 'circle', pointRadius: 3, borderWidth: 1.5 }),
    });
  }
  return {
    id,
    title: 'Throughput by number of workers (req/s)',
    howToRead:
      'How many requests per second completed with each worker count. While throughput is below the offered rate (the dotted line) the pool is the bottleneck and requests pile up in the queue; once it meets the line, more workers add no throughput.',
    notes,
    height: 300,
    config: {
      type: 'line',
      data: { labels: workerLabels(sweep), datasets },
      options: baseOptions(
        {
          x: axis('category', 'workers (processes in the pool)'),
          y: axis('linear', 'completed requests per second', { beginAtZero: true }),
        },
        { interaction: { mode: 'index', intersect: false } },
      ),
    },
    formats: { y: 'rps' },
  };
}
