import { describe, expect, it } from 'vitest';
import { describeReloads, reloadDatasets } from '../../../src/report/reload-marks.js';
import type { RunResult } from '../../../src/results/index.js';

const reloads = [
  { name: 'reload#1', atMs: 1000, startMs: 1000.5, endMs: 1620, pidsBefore: [11, 12], pidsAfter: [21, 22], failedRequests: 0, requestsDuring: 28 },
  { name: 'reload#3', atMs: 3000, startMs: 3000, endMs: null, pidsBefore: [], pidsAfter: [], failedRequests: 2, requestsDuring: 9, error: 'the pool master exited during a reload' },
];
const result = { reloads } as unknown as RunResult;

describe('reload marks', () => {
  it('one line per reload: times, pids, failures, or the error', () => {
    const lines = describeReloads(result);
    expect(lines[0]).toMatch(/^reload#1 at 1\.0 s: workers replaced from .* to .* \(pids 11, 12 → 21, 22\); 0 of 28 requests in flight failed$/);
    expect(lines[1]).toMatch(/^reload#3 at 3\.0 s: the reload failed at .*: the pool master exited during a reload; 2 of 9 requests in flight failed$/);
    expect(describeReloads({} as RunResult)).toEqual([]);
  });

  it('a box per reload from its start to its end (or to the end of the chart when it failed), up to the top', () => {
    const [ok, failed] = reloadDatasets(result, 4, 5000);
    expect(ok!.data).toEqual([{ x: 1000.5, y: 0 }, { x: 1000.5, y: 4 }, { x: 1620, y: 4 }, { x: 1620, y: 0 }]);
    expect(failed!.data).toEqual([{ x: 3000, y: 0 }, { x: 3000, y: 4 }, { x: 5000, y: 4 }, { x: 5000, y: 0 }]);
    expect(failed!.label).toMatch(/failed/);
  });
});
