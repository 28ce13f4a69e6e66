import { describe, expect, it } from 'vitest';
import { isMissingChart, type ChartSpec } from '../../../src/report/chart-spec.js';
import { buildPercentileChart, percentileAxisMax, percentilePoints } from '../../../src/report/percentile-chart.js';
import { buildRunLatencyChart } from '../../../src/report/render-run-report.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';

describe('percentilePoints', () => {
  it('places the i-th of n sorted values at x = n / (n - i)', () => {
    expect(percentilePoints([20_000, 10_000, 10_001])).toEqual([
      { x: 1, y: 10_000 },
      { x: 1.5, y: 10_001 },
      { x: 3, y: 20_000 },
    ]);
  });

  it('thins long series on the log axis but keeps the minimum and maximum', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i);
    const points = percentilePoints(values, 200);
    expect(points.length).toBeLessThanOrEqual(200);
    expect(points.length).toBeGreaterThan(100);
    expect(points[0]).toEqual({ x: 1, y: 0 });
    expect(points.at(-1)).toEqual({ x: 10_000, y: 9_999 });
    expect(points.some((p) => p.x > 90 && p.x < 110)).toBe(true);
  });

  it('ignores non-finite values and gives nothing for no values', () => {
    expect(percentilePoints([Number.NaN])).toEqual([]);
  });
});

describe('the run latency chart', () => {
  it('has latency and queue-wait series on a log percentile axis', () => {
    const spec = buildRunLatencyChart(seedRun()) as ChartSpec;
    expect(isMissingChart(spec)).toBe(false);
    expect(spec.config.data.datasets.map((d) => d.label)).toEqual([
      'latency (send to last byte)',
      'queue wait (before a worker took it)',
    ]);
    const scales = spec.config.options['scales'] as Record<string, { type: string; min?: number }>;
    expect(scales['x']!.type).toBe('logarithmic');
    expect(scales['x']!.min).toBe(1);
    expect(spec.formats).toEqual({ x: 'percentile', y: 'ms' });
    const queue = spec.config.data.datasets[1]!.data as { x: number; y: number }[];
    expect(queue.slice(-2)).toEqual([{ x: 3, y: 10_000 }, { x: 10, y: 10_000 }]);
    expect(scales['x']!).toMatchObject({ max: 10 });
  });

  it('ends the axis on the first labelled tick at or past the slowest request', () => {
    expect([1.5, 2, 3, 10, 11, 3000].map(percentileAxisMax)).toEqual([2, 2, 10, 10, 100, 10_000]);
  });

  it('is missing, with a reason, when there are no values', () => {
    const spec = buildPercentileChart('x', [{ label: 'latency', values: [], color: '#000', dash: [] }]);
    expect(isMissingChart(spec) && spec.missing).toMatch(/no latency distribution/i);
  });
});
