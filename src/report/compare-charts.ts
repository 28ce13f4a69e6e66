import { isOk, type RunResult } from '../results/index.js';
import { axis, baseOptions, lineStyle } from './chart-options.js';
import type { ChartSpec, DatasetJson, MissingChart } from './chart-spec.js';
import { formatMs } from './format-values.js';
import { DASH, SERIES_COLOR } from './palette.js';
import { buildPercentileChart } from './percentile-chart.js';
import { queueDataset, reduceTimeline } from './queue-timeline-chart.js';
import { bucketCount, chooseBucketMs, countByCompletion, lastCompletionMs } from './time-buckets.js';

/** Labels, colours and dashes of the two runs: A solid blue, B dashed vermillion. */
export function compareStyles(labels: readonly [string, string]): { label: string; color: string; dash: number[] }[] {
  return [
    { label: labels[0], color: SERIES_COLOR.runA, dash: DASH.solid },
    { label: labels[1], color: SERIES_COLOR.runB, dash: DASH.dashed },
  ];
}

/** Latency by percentile for both runs on one HdrHistogram-style chart. */
export function buildCompareLatencyChart(runs: readonly [RunResult, RunResult], labels: readonly [string, string]): ChartSpec | MissingChart {
  const styles = compareStyles(labels);
  return buildPercentileChart(
    'chart-compare-latency',
    runs.map((r, i) => ({ ...styles[i]!, label: `latency, ${styles[i]!.label}`, values: r.requests.map((q) => q.latencyMs) })),
  );
}

/**
 * Listen-queue depth over time for both runs; a run with an empty timeline
 * is left out with a note, and if both are empty the chart is missing.
 */
export function buildCompareQueueChart(runs: readonly [RunResult, RunResult], labels: readonly [string, string]): ChartSpec | MissingChart {
  const id = 'chart-compare-queue';
  const title = 'Listen queue over time (count)';
  const styles = compareStyles(labels);
  const datasets: DatasetJson[] = [];
  const notes: string[] = [];
  runs.forEach((r, i) => {
    if (r.timeline.length === 0) notes.push(`${styles[i]!.label} has no pool samples (empty timeline), so it is not drawn.`);
    else datasets.push(queueDataset(`queue, ${styles[i]!.label}`, reduceTimeline(r.timeline), styles[i]!.color, styles[i]!.dash));
  });
  if (datasets.length === 0) return { id, title, missing: 'Neither run sampled the pool (both timelines are empty).' };
  return {
    id,
    title,
    howToRead: 'Requests waiting for a free worker at each moment of each run, from the start of that run. The run whose line stays lower kept up better.',
    notes,
    height: 300,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions({
        x: axis('linear', 'time since the run started'),
        y: axis('linear', 'requests waiting (count)', { beginAtZero: true, ticks: { precision: 0 } }),
      }),
    },
    formats: { x: 'ms', y: 'count' },
  };
}

/**
 * Successful completions per second over time for both runs, in buckets of
 * the same width, scaled up when a run's results.json holds a sample.
 */
export function buildCompareThroughputChart(runs: readonly [RunResult, RunResult], labels: readonly [string, string]): ChartSpec | MissingChart {
  const id = 'chart-compare-throughput';
  const title = 'Successful responses per second over time (req/s)';
  const span = Math.max(...runs.map((r) => lastCompletionMs(r.requests)));
  if (runs.every((r) => r.requests.length === 0)) return { id, title, missing: 'Neither run completed a request.' };
  const bucketMs = chooseBucketMs(span);
  const buckets = bucketCount(span, bucketMs);
  const styles = compareStyles(labels);
  const datasets: DatasetJson[] = runs.map((r, i) => {
    const scale = r.sampling.sampled && r.sampling.kept > 0 ? r.sampling.total / r.sampling.kept : 1;
    const counts = countByCompletion(r.requests, bucketMs, buckets, isOk);
    const rates = counts.map((c) => Math.round(((c * scale * 1000) / bucketMs) * 1000) / 1000);
    // A closing point at the end of the last bucket gives the last step its width.
    const points = [...rates.map((y, k) => ({ x: k * bucketMs, y })), { x: buckets * bucketMs, y: rates[rates.length - 1]! }];
    return {
      label: `ok responses, ${styles[i]!.label}`,
      data: points,
      ...lineStyle(styles[i]!.color, styles[i]!.dash, { stepped: 'after', pointRadius: 0, pointHitRadius: 4 }),
    };
  });
  return {
    id,
    title,
    howToRead: `How many requests per second each run answered successfully, in ${formatMs(bucketMs)} slices from the start of the run.`,
    notes: [`Each step covers ${formatMs(bucketMs)}; requests are counted when their response ended, so each run’s last step, cut short by the end of the run, reads low.`],
    height: 300,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions({
        x: axis('linear', 'time since the run started', { min: 0 }),
        y: axis('linear', 'successful responses per second', { beginAtZero: true }),
      }),
    },
    formats: { x: 'ms', y: 'rps' },
  };
}
