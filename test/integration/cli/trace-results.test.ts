import { createHash } from 'node:crypto';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, SweepResult } from '../../../src/results/index.js';
import { formatTraceFile, type TraceData } from '../../../src/scenario/index.js';
import { runCli } from '../../helpers/cli.js';

/** `n` requests `gapMs` apart over two endpoints, 10–19 ms of service each. */
function makeTrace(n: number, gapMs: number): TraceData {
  return {
    endpoints: [
      { method: 'GET', path: '/api/items/7' },
      { method: 'POST', path: '/api/items' },
    ],
    atMs: Array.from({ length: n }, (_, i) => i * gapMs),
    endpoint: Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0)),
    serviceMs: Array.from({ length: n }, (_, i) => 10 + (i % 10)),
  };
}

const SMALL = makeTrace(20, 50);
const LARGE = makeTrace(300, 50);
const sha256 = (trace: TraceData): string => createHash('sha256').update(JSON.stringify(trace)).digest('hex');

/** The length of the longest array anywhere in `value`. */
function longestArray(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(longestArray));
  if (value !== null && typeof value === 'object') return Math.max(0, ...Object.values(value).map(longestArray));
  return 0;
}

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-trace-results-'));
  for (const [name, trace] of [['small', SMALL], ['large', LARGE]] as const) {
    await writeFile(path.join(dir, `${name}.trace.tsv`), formatTraceFile(trace, [`a ${name} test trace`]));
    await writeFile(path.join(dir, `${name}.yaml`), `name: trace-${name}\nload:\n  - trace: { file: ${name}.trace.tsv }\n`);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('result files record a trace replay by reference', () => {
  it('results.json and sweep.json hold the count, span and digest, the same size for 20 and 300 requests, and re-render', async () => {
    const small = path.join(dir, 'small-run');
    const run = await runCli(['run', path.join(dir, 'small.yaml'), '--workers', '2', '--time-scale', '0.2', '--out', small, '--quiet', '--no-html']);
    expect(run.stderr).not.toMatch(/E_/);
    expect(run.code).toBe(0);
    const sweepDir = path.join(dir, 'large-sweep');
    const sweep = await runCli(['sweep', path.join(dir, 'large.yaml'), '--workers', '2,4', '--time-scale', '0.2', '--out', sweepDir, '--quiet'], { timeoutMs: 90_000 });
    expect(sweep.stderr).not.toMatch(/E_/);
    expect(sweep.code).toBe(0);

    const a = await readJson<RunResult>(path.join(small, 'results.json'));
    expect(a.requests).toHaveLength(20);
    expect(a.plan.phases[0]).toMatchObject({ kind: 'trace', file: path.join(dir, 'small.trace.tsv'), speed: 1, send: 'sample', expectedRequests: 20 });
    expect(a.plan.phases[0]).toMatchObject({ trace: { requests: 20, spanMs: 950, sha256: sha256(SMALL) } });

    const s = await readJson<SweepResult>(path.join(sweepDir, 'sweep.json'));
    const ref = { requests: 300, spanMs: 14_950, sha256: sha256(LARGE) };
    expect(s.plan.phases[0]).toMatchObject({ kind: 'trace', trace: ref });
    for (const workers of [2, 4]) {
      const b = await readJson<RunResult>(path.join(sweepDir, `workers-${workers}`, 'results.json'));
      expect(b.requests).toHaveLength(300);
      expect(b.plan.phases[0]).toMatchObject({ kind: 'trace', trace: ref });
      // No per-request array in the plan: only the two-entry mix; and 15 times the trace costs no more than a few digits.
      expect(longestArray(b.plan)).toBe(2);
      expect(Math.abs(JSON.stringify(b.plan).length - JSON.stringify(a.plan).length)).toBeLessThan(40);
    }
    expect(longestArray(s.plan)).toBe(2);

    // `caplab report` re-renders a trace run and the sweep from their JSON.
    const again = await runCli(['report', path.join(sweepDir, 'workers-4', 'results.json'), '--out', path.join(dir, 'again.html')]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(await readFile(path.join(dir, 'again.html'), 'utf8')).toContain('trace#0');
    const sweepAgain = await runCli(['report', path.join(sweepDir, 'sweep.json'), '--out', path.join(dir, 'sweep-again.html')]);
    expect(sweepAgain.code).toBe(0);
    await access(path.join(dir, 'sweep-again.html'));

    // An older results.json with the trace inline still reads, beside a new one.
    const inline = new URL('../../fixtures/results/inline-trace-results.json', import.meta.url).pathname;
    const cmp = await runCli(['compare', inline, path.join(small, 'results.json'), '--out', path.join(dir, 'compare.html')]);
    expect(cmp.stderr).toBe('');
    expect(cmp.code).toBe(0);
    const old = await runCli(['report', inline, '--out', path.join(dir, 'old.html')]);
    expect(old.code).toBe(0);
    const planned = await runCli(['plan', '--from', inline, '--rate', '40/s', '--slo', 'p99<500ms']);
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
  }, 120_000);
});
