import { axis, baseOptions, lineStyle } from './chart-options.js';
import type { ChartSpec, DatasetJson, MissingChart } from './chart-spec.js';

/** A point on an HdrHistogram-style percentile plot: x = 1 / (1 − q). */
export interface PercentilePoint {
  readonly x: number;
  readonly y: number;
}

/**
 * The percentile curve of `values`: the i-th smallest of n values sits at
 * quantile q = i/n, plotted at x = 1/(1 − q) = n/(n − i), so x runs from 1
 * (the minimum) to n (the maximum). Above `maxPoints` it keeps points
 * evenly spaced on the log axis, always including the minimum and maximum.
 */
export function percentilePoints(values: readonly number[], maxPoints = 400): PercentilePoint[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  const at = (i: number): PercentilePoint => ({ x: n / (n - i), y: sorted[i]! });
  if (n <= maxPoints) return sorted.map((_, i) => at(i));
  const indices = new Set<number>([0, n - 1]);
  for (let k = 1; k < maxPoints - 1; k += 1) {
    const x = Math.pow(n, k / (maxPoints - 1));
    indices.add(Math.min(n - 1, Math.max(0, Math.round(n - n / x))));
  }
  return [...indices].sort((a, b) => a - b).map(at);
}

/**
 * The end of the percentile axis: the first labelled tick (2 = 50%, 10 = 90%,
 * 100 = 99% …) at or beyond the last point, so the slowest request's level
 * shows and the axis ends on a label.
 */
export function percentileAxisMax(lastX: number): number {
  if (lastX <= 2) return 2;
  return Math.pow(10, Math.ceil(Math.log10(lastX) - 1e-9));
}

/** One curve on a percentile chart. */
export interface PercentileSeries {
  readonly label: string;
  readonly values: readonly number[];
  readonly color: string;
  readonly dash: readonly number[];
}

/**
 * A latency-by-percentile chart in the style of HdrHistogram plots: a log
 * axis of 1/(1 − q) labelled 50%, 90%, 99%, 99.9% …, values in ms. Series
 * without values are left out; if none has values the chart is missing.
 */
export function buildPercentileChart(
  id: string,
  series: readonly PercentileSeries[],
  notes: readonly string[] = [],
): ChartSpec | MissingChart {
  const title = 'Latency by percentile (ms / s)';
  const drawn = series.map((s) => ({ s, points: percentilePoints(s.values) })).filter((d) => d.points.length > 0);
  if (drawn.length === 0) return { id, title, missing: 'No request completed, so there is no latency distribution to draw.' };
  const maxX = percentileAxisMax(Math.max(...drawn.map((d) => d.points[d.points.length - 1]!.x)));
  const datasets: DatasetJson[] = drawn.map(({ s, points }) => ({
    label: s.label,
    // The maximum is the value of every percentile above the last point's,
    // so its level runs on to the axis end.
    data: [...points, { x: maxX, y: points[points.length - 1]!.y }],
    ...lineStyle(s.color, s.dash, { stepped: 'before', pointRadius: points.length <= 40 ? [...points.map(() => 3), 0] : 0, pointHitRadius: 6 }),
  }));
  return {
    id,
    title,
    howToRead:
      'Read a point as “this share of requests took at most this long”: at 99% on the horizontal axis, 99 requests in 100 were at least this fast. The axis stretches the slow tail (log scale of 1/(1 − percentile)), where queueing shows up first.',
    notes: [...notes],
    height: 320,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions({
        x: axis('logarithmic', 'percentile of requests (log scale)', { min: 1, max: Math.max(2, maxX) }),
        y: axis('linear', 'time (ms / s)', { beginAtZero: true }),
      }),
    },
    formats: { x: 'percentile', y: 'ms' },
  };
}
