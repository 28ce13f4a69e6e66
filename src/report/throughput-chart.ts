import { isOk, type RequestRecord, type RunResult } from '../results/index.js';
import { axis, baseOptions } from './chart-options.js';
import type { ChartSpec, DatasetJson, MissingChart, PatternName } from './chart-spec.js';
import { STATUS_CLASSES, statusClass, type StatusClass } from './describe.js';
import { formatCount, formatMs, formatRps } from './format-values.js';
import { SERIES_COLOR } from './palette.js';
import { bucketCount, chooseBucketMs, countByCompletion, lastCompletionMs } from './time-buckets.js';

const CLASS_STYLE: Record<StatusClass, { color: string; pattern: PatternName | null }> = {
  '2xx–3xx': { color: SERIES_COLOR.ok, pattern: null },
  '4xx': { color: SERIES_COLOR.clientError, pattern: 'dots' },
  '5xx': { color: SERIES_COLOR.serverError, pattern: 'hatch' },
  'no response': { color: SERIES_COLOR.noResponse, pattern: 'crosshatch' },
};

/** Bucket start labels for a time axis of categories: `0 ms`, `500 ms`, `1.00 s`. */
export function bucketLabels(buckets: number, bucketMs: number): string[] {
  return Array.from({ length: buckets }, (_, i) => formatMs(i * bucketMs));
}

/**
 * Completed requests per second over time, stacked by status class
 * (2xx–3xx, 4xx, 5xx, no response); only classes that occur are drawn, and
 * always 2xx–3xx. When results.json holds a sample, counts are scaled by
 * total/kept and a note says so.
 */
export function buildThroughputChart(result: RunResult, id = 'chart-throughput'): ChartSpec | MissingChart {
  const title = 'Completed requests per second over time, by status (req/s)';
  const records: readonly RequestRecord[] = result.requests;
  if (records.length === 0) return { id, title, missing: 'No request completed, so there is no throughput to draw.' };
  const span = lastCompletionMs(records);
  const bucketMs = chooseBucketMs(span);
  const buckets = bucketCount(span, bucketMs);
  const scale = result.sampling.sampled && result.sampling.kept > 0 ? result.sampling.total / result.sampling.kept : 1;
  const perSecond = 1000 / bucketMs;
  const datasets: DatasetJson[] = [];
  const tooltips: Record<number, string[]> = {};
  const patterns: Record<number, PatternName> = {};
  for (const cls of STATUS_CLASSES) {
    const counts = countByCompletion(records, bucketMs, buckets, (r) => statusClass(r.status) === cls);
    if (cls !== '2xx–3xx' && counts.every((c) => c === 0)) continue;
    const style = CLASS_STYLE[cls];
    const index = datasets.length;
    datasets.push({
      label: cls,
      data: counts.map((c) => Math.round(c * scale * perSecond * 1000) / 1000),
      backgroundColor: style.color,
      borderColor: style.color,
      borderWidth: 0,
      stack: 'status',
      categoryPercentage: 1,
      barPercentage: 0.9,
    });
    tooltips[index] = counts.map((c) => `${cls}: ${formatRps(c * scale * perSecond)} (${formatCount(c * scale)} requests in ${formatMs(bucketMs)})`);
    if (style.pattern) patterns[index] = style.pattern;
  }
  const failed = records.filter((r) => !isOk(r)).length;
  const notes = [`Each bar covers ${formatMs(bucketMs)} of the run and counts requests by the moment their response ended.`];
  if (scale !== 1) notes.push(`Counts are scaled by ${scale.toFixed(2)} because results.json keeps a uniform sample of the requests.`);
  if (failed === 0) notes.push('Every request succeeded (status below 400).');
  if (span % bucketMs !== 0) notes.push('The last bar covers only part of its slice (the run ended inside it), so it reads low.');
  return {
    id,
    title,
    howToRead:
      'Each bar is the rate at which responses came back during that slice of time, split by status: green bars succeeded; orange (dotted) are 4xx client errors, red (hatched) 5xx server errors such as 502/504 from the proxy, purple (cross-hatched) got no response at all.',
    notes,
    height: 300,
    config: {
      type: 'bar',
      data: { labels: bucketLabels(buckets, bucketMs), datasets },
      options: baseOptions(
        {
          x: axis('category', `time since the run started (${formatMs(bucketMs)} buckets)`, {
            stacked: true,
            ticks: { maxRotation: 0, autoSkipPadding: 14 },
          }),
          y: axis('linear', 'completed requests per second', { stacked: true, beginAtZero: true }),
        },
        { interaction: { mode: 'index', intersect: false } },
      ),
    },
    formats: { y: 'rps' },
    tooltips,
    patterns,
  };
}
