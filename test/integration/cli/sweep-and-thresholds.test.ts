import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult, SweepResult } from '../../../src/results/index.js';
import { runCli } from '../../helpers/cli.js';

const tmp = (prefix: string): Promise<string> => mkdtemp(path.join(os.tmpdir(), prefix));

describe('caplab sweep', () => {
  it('runs once per worker count on a fresh stack and writes the documented sweep.json', async () => {
    const out = await tmp('caplab-sweep-');
    // 8 simultaneous 10 s requests: ceil(8 / w) waves of 10 s (1 s of wall time each
    // at this scale, so eight fresh workers' start-up delays stay small next to it).
    const r = await runCli(['sweep', 'slow-10s-sweep', '--workers', '2,4,8', '--time-scale', '0.1', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0); // 4 and 8 workers meet `latency.max < 25s`
    const sweep = JSON.parse(await readFile(path.join(out, 'sweep.json'), 'utf8')) as SweepResult;
    expect(sweep.schema).toBe('caplab.sweep/1');
    expect(sweep.runs.map((x) => x.workers)).toEqual([2, 4, 8]);
    for (const run of sweep.runs) {
      expect(run.summary.count).toBe(8);
      expect(run.summary.ok).toBe(8);
      const perRun = JSON.parse(await readFile(path.join(out, run.results), 'utf8')) as RunResult;
      expect(perRun.stack.workers).toBe(run.workers);
    }
    const max = sweep.runs.map((x) => x.summary.latencyMs.max);
    // 40 s, 20 s, 10 s: each doubling of workers halves the slowest request.
    expect(max[0]! / max[1]!).toBeGreaterThan(1.6);
    expect(max[0]! / max[1]!).toBeLessThan(2.4);
    expect(max[1]! / max[2]!).toBeGreaterThan(1.6);
    expect(max[1]! / max[2]!).toBeLessThan(2.4);
    expect(sweep.runs.map((x) => x.thresholds.every((t) => t.ok))).toEqual([false, true, true]);
    expect(sweep.recommended).toBe(4);
    // The predictions sit beside each run: the simulator gives the waves exactly.
    expect((sweep.runs[0] as { predicted?: { p99LatencyMs?: number } }).predicted?.p99LatencyMs).toBeCloseTo(40000, -2);
    // The table shows every worker count, and the report was written.
    expect(r.stdout).toMatch(/^2\s/m);
    expect(r.stdout).toMatch(/^8\s/m);
    expect((await stat(path.join(out, 'report.html'))).size).toBeGreaterThan(10_000);
  });

  it('refuses a bad worker list with exit 2', async () => {
    const r = await runCli(['sweep', 'slow-10s-sweep', '--workers', '4..1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workers range 4\.\.1 runs backwards/);
  });
});

describe('thresholds', () => {
  it('a broken threshold still writes the results, names the threshold, and exits 99', async () => {
    const out = await tmp('caplab-thr-');
    const r = await runCli(['run', 'slow-10s-sweep', '--workers', '1', '--time-scale', '0.05', '--out', out, '--quiet']);
    expect(r.code).toBe(99);
    expect(r.stdout).toMatch(/✗ latency\.max < 25s/);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as RunResult;
    expect(result.thresholds).toHaveLength(1);
    expect(result.thresholds[0]!.ok).toBe(false);
    expect(result.thresholds[0]!.actual).toBeGreaterThan(25000);
  });
});

describe('caplab report and compare', () => {
  it('renders a report again from results.json, and compares two runs', async () => {
    const a = await tmp('caplab-ra-');
    const b = await tmp('caplab-rb-');
    expect((await runCli(['run', 'seed-three-slow-requests', '--time-scale', '0.01', '--out', a, '--quiet', '--no-html'])).code).toBe(0);
    expect((await runCli(['run', 'seed-three-slow-requests', '--workers', '3', '--time-scale', '0.01', '--out', b, '--quiet', '--no-html'])).code).toBe(0);
    await expect(stat(path.join(a, 'report.html'))).rejects.toThrow();
    const re = await runCli(['report', path.join(a, 'results.json')]);
    expect(re.code).toBe(0);
    expect((await stat(path.join(a, 'report.html'))).size).toBeGreaterThan(10_000);
    const cmpFile = path.join(a, 'compare.html');
    const cmp = await runCli(['compare', path.join(a, 'results.json'), path.join(b, 'results.json'), '--out', cmpFile]);
    expect(cmp.code).toBe(0);
    const html = await readFile(cmpFile, 'utf8');
    expect(html).toContain(path.basename(a));
    expect(html).toContain(path.basename(b));
  });

  it('refuses a file that is not a caplab result', async () => {
    const r = await runCli(['report', 'package.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^caplab: E_RESULTS_INVALID: package\.json is not caplab JSON \(its "schema" is missing/);
  });
});
