import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import { isMissingChart, type ChartSpec } from '../../../src/report/chart-spec.js';
import { buildQueueTimelineChart, reduceTimeline } from '../../../src/report/queue-timeline-chart.js';
import { buildThroughputChart } from '../../../src/report/throughput-chart.js';
import { chooseBucketMs } from '../../../src/report/time-buckets.js';
import { generateLargeRun } from '../../fixtures/results/generate-large-run.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';

type Point = { x: number; y: number };

describe('buildQueueTimelineChart', () => {
  it('draws queue depth, busy workers and the worker count from the timeline', () => {
    const spec = buildQueueTimelineChart(seedRun()) as ChartSpec;
    const [queue, busy, workers] = spec.config.data.datasets;
    expect((queue!.data as Point[]).find((p) => p.x === 5000)).toEqual({ x: 5000, y: 1 });
    expect((busy!.data as Point[]).find((p) => p.x === 15_000)).toEqual({ x: 15_000, y: 1 });
    expect(workers!.label).toBe('workers in the pool (2)');
    expect(spec.notes[0]).toMatch(/Sampled about every 100 ms/);
  });

  it('says the timeline is empty instead of drawing an empty chart', () => {
    const empty: RunResult = { ...seedRun(), timeline: [] };
    const spec = buildQueueTimelineChart(empty);
    expect(isMissingChart(spec)).toBe(true);
    expect(isMissingChart(spec) && spec.missing).toMatch(/timeline is empty/);
  });

  it('reduces long timelines keeping queue peaks and the mean of busy workers', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ tMs: i, queue: i === 4321 ? 99 : 0, busy: i % 2 }));
    const reduced = reduceTimeline(points, 500);
    expect(reduced).toHaveLength(500);
    expect(Math.max(...reduced.map((p) => p.queue))).toBe(99);
    expect(new Set(reduced.map((p) => p.busy))).toEqual(new Set([0.5]));
    expect(reduced[1]!.tMs).toBe(20);
  });
});

describe('buildThroughputChart', () => {
  it('counts the seed run’s completions: two at 10 s and one at 20 s, all 2xx', () => {
    const spec = buildThroughputChart(seedRun()) as ChartSpec;
    expect(spec.config.data.datasets.map((d) => d.label)).toEqual(['2xx–3xx']);
    const bucketMs = chooseBucketMs(20_014.4);
    const rates = spec.config.data.datasets[0]!.data as number[];
    const completions = rates.map((r) => (r * bucketMs) / 1000);
    expect(completions.reduce((a, b) => a + b, 0)).toBeCloseTo(3);
    expect(completions[Math.floor(10_013.2 / bucketMs)]).toBeCloseTo(2);
    expect(completions[Math.floor(20_014.4 / bucketMs)]).toBeCloseTo(1);
    expect(spec.notes.join(' ')).toMatch(/Every request succeeded/);
  });

  it('stacks status classes that occur: 2xx, 5xx and no response', () => {
    const spec = buildThroughputChart(generateLargeRun()) as ChartSpec;
    expect(spec.config.data.datasets.map((d) => d.label)).toEqual(['2xx–3xx', '5xx', 'no response']);
    expect(spec.config.data.datasets.every((d) => d['stack'] === 'status')).toBe(true);
    expect(Object.values(spec.patterns ?? {})).toEqual(['hatch', 'crosshatch']);
  });

  it('scales counts up when results.json holds a sample, and says so', () => {
    const full = buildThroughputChart(generateLargeRun({ requests: 3000 })) as ChartSpec;
    const sampled = buildThroughputChart(generateLargeRun({ requests: 3000, keep: 1000 })) as ChartSpec;
    const total = (s: ChartSpec): number => s.config.data.datasets.flatMap((d) => d.data as number[]).reduce((a, b) => a + b, 0);
    expect(total(sampled) / total(full)).toBeCloseTo(1, 1);
    expect(sampled.notes.join(' ')).toMatch(/scaled by 3\.00/);
  });
});

describe('chooseBucketMs', () => {
  it('picks a readable width giving at most 40 buckets', () => {
    expect(chooseBucketMs(20_014)).toBe(1000);
    expect(chooseBucketMs(120_000)).toBe(5000);
    expect(chooseBucketMs(0)).toBe(1);
  });
});
