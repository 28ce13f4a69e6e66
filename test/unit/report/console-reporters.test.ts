import { describe, expect, it } from 'vitest';
import { describeRun, formatRunSummary, formatSweepTable } from '../../../src/report/index.js';
import { generateLargeRun } from '../../fixtures/results/generate-large-run.js';
import { poissonSweep, seedRun } from '../../fixtures/results/load-fixtures.js';

describe('describeRun', () => {
  it('sums up the seed run in one plain sentence', () => {
    expect(describeRun(seedRun())).toBe('2 workers served 3 requests in 20.0 s; 1 waited 10.0 s in the listen queue; p99 latency 20.0 s.');
  });

  it('mentions failures and many waiting requests', () => {
    const text = describeRun(generateLargeRun());
    expect(text).toMatch(/^3 workers served 3,000 requests in /);
    expect(text).toMatch(/\d+ waited in the listen queue \(.+ on average, .+ at most\)/);
    expect(text).toMatch(/\d+ failed \(\d+ × (502|500|no response)/);
  });
});

describe('formatRunSummary', () => {
  const text = formatRunSummary(seedRun());
  const lines = text.split('\n');

  it('lists each request of the seed with worker, status, queue wait, service and total', () => {
    const header = lines.findIndex((l) => /^request\s+worker\s+status\s+queue wait\s+service\s+total$/.test(l));
    expect(header).toBeGreaterThan(-1);
    expect(lines[header + 1]).toMatch(/^1\s+1\s+200\s+0 ms\s+10\.0 s\s+10\.0 s$/);
    expect(lines[header + 2]).toMatch(/^2\s+2\s+200\s+0\.3 ms\s+10\.0 s\s+10\.0 s$/);
    expect(lines[header + 3]).toMatch(/^3\s+1\s+200\s+10\.0 s\s+10\.0 s\s+20\.0 s$/);
  });

  it('gives p50/p90/p99/max for latency, queue wait and service', () => {
    expect(text).toMatch(/^\s+p50\s+p90\s+p99\s+max$/m);
    expect(text).toMatch(/^latency\s+10\.0 s\s+20\.0 s\s+20\.0 s\s+20\.0 s$/m);
    expect(text).toMatch(/^queue wait\s+0\.3 ms\s+10\.0 s\s+10\.0 s\s+10\.0 s$/m);
  });

  it('has a per-phase table and threshold verdicts with measured value and limit', () => {
    expect(text).toMatch(/^burst#0\s+burst\s+3\s+0\s+0\.15 req\/s/m);
    expect(text).toContain('✓ latency.max < 25s: measured 20.0 s, limit 25.0 s');
    expect(text).toContain('✗ latency.p50 < 5s: measured 10.0 s, limit 5.00 s');
  });

  it('replaces the request list with a note above 30 requests', () => {
    const large = formatRunSummary(generateLargeRun());
    expect(large).toMatch(/3,000 requests: each request is listed only for runs of 30 or fewer/);
    expect(large).not.toMatch(/^request\s+worker/m);
    expect(large).toContain('✓ errors.rate < 1%: measured');
  });
});

describe('formatSweepTable', () => {
  it('has one row per worker count and the recommendation', () => {
    const text = formatSweepTable(poissonSweep());
    expect(text).toMatch(/^workers\s+throughput\s+p50\s+p99\s+p99 predicted\s+queue mean\s+queue p99\s+errors\s+thresholds$/m);
    expect(text).toMatch(/^1\s+14\.0 req\/s\s+29\.9 s\s+60\.0 s\s+—\s+27\.4 s\s+59\.2 s\s+414\s+✗ 2\/2$/m);
    expect(text).toMatch(/^4\s+20\.8 req\/s\s+74 ms\s+468 ms\s+473 ms\s+5\.1 ms\s+101 ms\s+0\s+✓$/m);
    expect(text).toContain('Recommended: 4 workers, the smallest count that met every threshold.');
  });

  it('leaves out the predicted column when no run carries a prediction', () => {
    const sweep = poissonSweep();
    const bare = { ...sweep, runs: sweep.runs.map(({ predicted: _p, ...r }) => r) };
    expect(formatSweepTable(bare)).toMatch(/^workers\s+throughput\s+p50\s+p99\s+queue mean\s+queue p99\s+errors\s+thresholds$/m);
  });

  it('says when no count met every threshold, or none were set', () => {
    const sweep = poissonSweep();
    expect(formatSweepTable({ ...sweep, recommended: null })).toContain('No worker count met every threshold');
    const unset = { ...sweep, recommended: null, runs: sweep.runs.map((r) => ({ ...r, thresholds: [] })) };
    expect(formatSweepTable(unset)).toContain('No thresholds were set');
  });
});
