import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import { isMissingChart, type ChartSpec } from '../../../src/report/chart-spec.js';
import {
  buildCompareLatencyChart,
  buildCompareQueueChart,
  buildCompareThroughputChart,
} from '../../../src/report/compare-charts.js';
import { defaultCompareLabels } from '../../../src/report/render-compare-report.js';
import { generateLargeRun } from '../../fixtures/results/generate-large-run.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';

const a = generateLargeRun({ requests: 1500, workers: 3 });
const b = generateLargeRun({ requests: 1500, workers: 4 });
const labels: [string, string] = ['3 workers', '4 workers'];

describe('the compare charts', () => {
  it('draw one latency series per run, the second dashed', () => {
    const spec = buildCompareLatencyChart([a, b], labels) as ChartSpec;
    expect(spec.config.data.datasets.map((d) => d.label)).toEqual(['latency, 3 workers', 'latency, 4 workers']);
    expect(spec.config.data.datasets[0]!['borderDash']).toEqual([]);
    expect((spec.config.data.datasets[1]!['borderDash'] as number[]).length).toBeGreaterThan(0);
  });

  it('draw both queues over time, leaving out a run without a timeline with a note', () => {
    const both = buildCompareQueueChart([a, b], labels) as ChartSpec;
    expect(both.config.data.datasets).toHaveLength(2);
    const noTimeline: RunResult = { ...b, timeline: [] };
    const one = buildCompareQueueChart([a, noTimeline], labels) as ChartSpec;
    expect(one.config.data.datasets.map((d) => d.label)).toEqual(['queue, 3 workers']);
    expect(one.notes.join(' ')).toMatch(/4 workers has no pool samples/);
    expect(isMissingChart(buildCompareQueueChart([{ ...a, timeline: [] }, noTimeline], labels))).toBe(true);
  });

  it('bucket both runs’ throughput with the same width', () => {
    const spec = buildCompareThroughputChart([seedRun(), a], labels) as ChartSpec;
    const [first, second] = spec.config.data.datasets.map((d) => d.data as { x: number; y: number }[]);
    expect(first!.length).toBe(second!.length);
    expect(first![1]!.x).toBe(second![1]!.x);
    const seedOk = first!.reduce((n, p) => n + (p.y * first![1]!.x) / 1000, 0);
    expect(seedOk).toBeCloseTo(3);
  });
});

describe('defaultCompareLabels', () => {
  it('names runs by scenario and workers, marking A and B when the names collide', () => {
    expect(defaultCompareLabels(a, b)).toEqual(['poisson-mmc, 3 workers', 'poisson-mmc, 4 workers']);
    expect(defaultCompareLabels(a, a)).toEqual(['poisson-mmc, 3 workers (A)', 'poisson-mmc, 3 workers (B)']);
  });
});
