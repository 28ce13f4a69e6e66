import { describe, expect, it } from 'vitest';
import { summarizeRequests, type RequestRecord, type RunResult } from '../../../src/results/index.js';
import { describeRun, renderRunReport } from '../../../src/report/index.js';
import { buildGanttChart, FAILED_LANE } from '../../../src/report/gantt-chart.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';

/** The seed run with its requests replaced, summary recomputed. */
function withRequests(requests: RequestRecord[]): RunResult {
  const run = seedRun();
  return { ...run, requests, summary: summarizeRequests(requests), sampling: { total: requests.length, kept: requests.length, sampled: false } };
}

describe('a run with no requests', () => {
  const run = withRequests([]);

  it('says so in the summary and renders without throwing', () => {
    expect(describeRun(run)).toBe('2 workers received no requests.');
    const html = renderRunReport(run);
    expect(html).toContain('No request completed, so there is no latency distribution to draw.');
    expect(html).not.toContain('<canvas id="chart-throughput"');
  });
});

describe('a run whose responses carried no timing headers', () => {
  const run = withRequests(seedRun().requests.map((r) => ({ ...r, queueMs: null, serviceMs: null })));

  it('says queue wait was not measured, and draws service from the latency', () => {
    expect(describeRun(run)).toContain('queue wait was not measured');
    const spec = buildGanttChart(run);
    const served = spec.config.data.datasets[1]!.data as { x: [number, number] }[];
    expect(served[2]!.x).toEqual([0, 20_014.4]);
  });
});

describe('a small run with a request no worker served', () => {
  const timedOut: RequestRecord = {
    ...seedRun().requests[2]!,
    id: 4,
    latencyMs: 60_002,
    status: 504,
    worker: null,
    queueMs: null,
    serviceMs: null,
    error: null,
  };
  const run = withRequests([...seedRun().requests, timedOut]);
  const spec = buildGanttChart(run);

  it('puts it on the failed lane labelled with its number and status', () => {
    expect(spec.config.data.labels).toEqual(['worker 1', 'worker 2', FAILED_LANE]);
    const index = spec.config.data.datasets.findIndex((d) => /no worker/.test(d.label));
    expect(spec.config.data.datasets[index]!.data).toEqual([{ x: [0, 60_002], y: FAILED_LANE }]);
    expect(spec.barLabels![index]!.texts).toEqual(['#4 504']);
  });

  it('mentions the failure in the summary sentence', () => {
    expect(describeRun(run)).toContain('1 failed (1 × 504)');
  });
});

describe('an interrupted run', () => {
  it('says what stopped it and that its numbers cover only the part that ran', () => {
    expect(describeRun({ ...seedRun(), aborted: 'proxy died' })).toMatch(/p99 latency 20\.0 s\. The run stopped early \(proxy died\), so these numbers cover only the part that ran/);
    expect(describeRun(seedRun())).not.toMatch(/stopped early/);
  });
});

describe('predictions', () => {
  const simulated = {
    source: 'simulation', workers: 2, utilization: 0.75, pWait: 0.43, meanWaitMs: 3000, p99WaitMs: 10_000,
    p50LatencyMs: null, p99LatencyMs: 19_000, refusedShare: 0, throughputRps: 0.15,
  } as const;

  it('are labelled in words and matched with measured values', () => {
    const html = renderRunReport({ ...seedRun(), predictions: { analytic: null, simulated, notes: ['a simulator note'] } });
    expect(html).toMatch(/<td>share of requests that wait<\/td><td>43%<\/td><td>33.3%<\/td>/);
    expect(html).toMatch(/<td>utilization<\/td><td>75%<\/td><td>\d+(\.\d+)?%<\/td>/);
    expect(html).toMatch(/<td>workers<\/td><td>2<\/td><td>2<\/td>/);
    expect(html).not.toMatch(/<td>p50 latency<\/td>/);
    expect(html).toContain('a simulator note');
  });

  it('that the models could not make say why', () => {
    const html = renderRunReport({ ...seedRun(), predictions: { error: 'closed clients could never all be queued' } });
    expect(html).toContain('no predictions: closed clients could never all be queued');
    expect(html).not.toMatch(/<th>quantity<\/th>/);
  });
});
