import { describe, expect, it } from 'vitest';
import { buildGanttChart, FAILED_LANE, GANTT_MAX_REQUESTS } from '../../../src/report/gantt-chart.js';
import { generateLargeRun } from '../../fixtures/results/generate-large-run.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';

interface Bar {
  x: [number, number];
  y: string;
}

const bars = (spec: ReturnType<typeof buildGanttChart>, label: RegExp): Bar[] =>
  (spec.config.data.datasets.find((d) => label.test(d.label))?.data ?? []) as Bar[];

describe('buildGanttChart on the seed run', () => {
  const spec = buildGanttChart(seedRun());

  it('draws one lane per worker and no failed lane', () => {
    expect(spec.config.data.labels).toEqual(['worker 1', 'worker 2']);
    expect(spec.config.options).toMatchObject({ indexAxis: 'y' });
  });

  it('draws 3 service bars on the 2 worker lanes', () => {
    const service = bars(spec, /served by the worker/);
    expect(service).toHaveLength(3);
    expect(new Set(service.map((b) => b.y))).toEqual(new Set(['worker 1', 'worker 2']));
  });

  it('shows the third request waiting 10 s from 0 and then served for 10 s on worker 1', () => {
    const queue = bars(spec, /listen queue/);
    const long = queue.filter((b) => b.x[1] - b.x[0] > 1);
    expect(long).toEqual([{ x: [0, 10_000], y: 'worker 1' }]);
    const service = bars(spec, /served by the worker/);
    expect(service).toContainEqual({ x: [10_000, 20_000], y: 'worker 1' });
    const tips = spec.tooltips![0]!;
    expect(tips.some((t) => t.includes('request #3') && t.includes('waited 10.0 s'))).toBe(true);
  });

  it('labels each bar with its request number', () => {
    expect(spec.barLabels![0]!.texts).toEqual(['#2 waiting', '#3 waiting']);
    expect(spec.barLabels![1]!.texts).toEqual(['#1', '#2', '#3']);
  });

  it('has times formatted as ms on the x axis and no sampling note', () => {
    expect(spec.formats.x).toBe('ms');
    expect(spec.notes).toEqual([]);
  });
});

describe('buildGanttChart on a large run', () => {
  const run = generateLargeRun({ requests: 3000 });
  const spec = buildGanttChart(run);
  const drawn = spec.config.data.datasets
    .filter((d) => !/listen queue/.test(d.label))
    .reduce((n, d) => n + d.data.length, 0);

  it('samples uniformly down to the cap and says so in the caption', () => {
    expect(drawn).toBe(GANTT_MAX_REQUESTS);
    expect(spec.notes.join(' ')).toMatch(/Showing 2,000 of 3,000 requests, sampled uniformly/);
  });

  it('puts unserved requests on the failed lane with their status as a label', () => {
    expect(spec.config.data.labels!.at(-1)).toBe(FAILED_LANE);
    const index = spec.config.data.datasets.findIndex((d) => /no worker/.test(d.label));
    const unserved = spec.config.data.datasets[index]!.data as Bar[];
    expect(unserved.length).toBeGreaterThan(0);
    expect(unserved.every((b) => b.y === FAILED_LANE)).toBe(true);
    expect(new Set(spec.barLabels![index]!.texts)).toEqual(new Set(['502', 'no response']));
    expect(spec.barLabels![index]!.outside).toBe(true);
    expect(spec.patterns![index]).toBe('hatch');
  });

  it('keeps served failures (500) on their worker lane, hatched', () => {
    const index = spec.config.data.datasets.findIndex((d) => /served, but failed/.test(d.label));
    const served = spec.config.data.datasets[index]!.data as Bar[];
    expect(served.length).toBeGreaterThan(0);
    expect(served.every((b) => b.y.startsWith('worker '))).toBe(true);
  });

  it('draws every request without a note when under the cap', () => {
    const small = buildGanttChart(run, { maxRequests: 5000 });
    expect(small.notes).toEqual([]);
    const total = small.config.data.datasets.filter((d) => !/listen queue/.test(d.label)).reduce((n, d) => n + d.data.length, 0);
    expect(total).toBe(3000);
  });

  it('mentions when results.json itself was sampled', () => {
    const sampled = buildGanttChart(generateLargeRun({ requests: 3000, keep: 1000 }));
    expect(sampled.notes.join(' ')).toMatch(/keeps a uniform sample of 1,000 of 3,000/);
  });
});
