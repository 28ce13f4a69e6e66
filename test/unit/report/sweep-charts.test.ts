import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../../../src/results/index.js';
import { isMissingChart, type ChartSpec } from '../../../src/report/chart-spec.js';
import { buildSweepErrorsChart, buildSweepTimeSplitChart } from '../../../src/report/sweep-breakdown-charts.js';
import { buildSweepLatencyChart } from '../../../src/report/sweep-latency-chart.js';
import { buildSweepThroughputChart } from '../../../src/report/sweep-throughput-chart.js';
import { poissonSweep } from '../../fixtures/results/load-fixtures.js';

/** The sweep without the optional fields later features add. */
function bareSweep(): SweepResult {
  const sweep = poissonSweep();
  return { ...sweep, offeredRps: null, runs: sweep.runs.map(({ predicted: _p, ...run }) => run) };
}

describe('buildSweepLatencyChart', () => {
  it('plots p50, p90 and p99 against the worker counts', () => {
    const spec = buildSweepLatencyChart(poissonSweep());
    expect(spec.config.data.labels).toEqual(['1', '2', '4']);
    const p99 = spec.config.data.datasets.find((d) => d.label === 'p99, measured')!;
    expect(p99.data).toEqual([60_000.8, 6901.6, 468.2]);
  });

  it('adds a dashed predicted curve with gaps where the model has no answer', () => {
    const spec = buildSweepLatencyChart(poissonSweep());
    const predicted = spec.config.data.datasets.find((d) => d.label === 'p99, predicted')!;
    expect(predicted.data).toEqual([null, null, 472.5]);
    expect((predicted['borderDash'] as number[]).length).toBeGreaterThan(0);
    expect(buildSweepLatencyChart(bareSweep()).config.data.datasets.some((d) => /predicted/.test(d.label))).toBe(false);
  });
});

describe('buildSweepThroughputChart', () => {
  it('draws the offered rate as a line when the sweep records it', () => {
    const spec = buildSweepThroughputChart(poissonSweep());
    const offered = spec.config.data.datasets.find((d) => /offered rate/.test(d.label))!;
    expect(offered.data).toEqual([21, 21, 21]);
    expect(spec.notes).toEqual([]);
    expect(spec.config.data.datasets.find((d) => /predicted/.test(d.label))!.data).toEqual([10, 20, 21]);
  });

  it('omits the line and says so without offeredRps', () => {
    const spec = buildSweepThroughputChart(bareSweep());
    expect(spec.config.data.datasets.map((d) => d.label)).toEqual(['throughput, measured']);
    expect(spec.notes.join(' ')).toMatch(/did not record an offered rate/);
  });
});

describe('the sweep breakdown charts', () => {
  it('stacks mean queue wait and mean service per worker count', () => {
    const spec = buildSweepTimeSplitChart(poissonSweep());
    expect(spec.config.data.datasets.map((d) => d.data)).toEqual([
      [27_412.9, 2510.4, 5.1],
      [100.4, 99.8, 100.1],
    ]);
    expect(spec.config.data.datasets.every((d) => d['stack'] === 'time')).toBe(true);
  });

  it('counts errors per worker count, with the rate in the tooltip', () => {
    const spec = buildSweepErrorsChart(poissonSweep()) as ChartSpec;
    expect(spec.config.data.datasets[0]!.data).toEqual([414, 0, 0]);
    expect(spec.tooltips![0]![0]).toBe('414 of 2,507 requests failed (16.5%)');
  });

  it('says no request failed instead of drawing empty bars', () => {
    const sweep = poissonSweep();
    const clean = { ...sweep, runs: sweep.runs.map((r) => ({ ...r, summary: { ...r.summary, errors: 0 } })) };
    const spec = buildSweepErrorsChart(clean);
    expect(isMissingChart(spec) && spec.missing).toMatch(/No request failed/);
  });
});
