/**
 * Issue 11, deliverable 4: `caplab plan --rss-from results.json` takes the
 * peak worker RSS a run measured (results.json's poolMemory) as the RSS of
 * the memory limit, and says so in the limits line.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunResultSchema, type RunResult } from '../../../src/results/index.js';
import { runCli } from '../../helpers/cli.js';

const MiB = 1024 * 1024;
// 40/s × exp 120 ms against p99 < 1 s needs 6 workers (Erlang C).
const mmc = ['--rate', '40/s', '--service', 'exp:120ms', '--slo', 'p99<1s'];

/** 2 workers, 15/s of 50 ms requests for 10 s, run at time scale 0.2. */
const SCENARIO = path.resolve('test/fixtures/scenarios/rss-probe.yaml');

describe('caplab run records the workers\' peak RSS, and plan --rss-from uses it', () => {
  let dir = '';
  let results = '';
  let run: RunResult;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-rss-from-'));
    const r = await runCli(['run', SCENARIO, '--time-scale', '0.2', '--quiet', '--out', path.join(dir, 'run')], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    results = path.join(dir, 'run', 'results.json');
    run = RunResultSchema.parse(JSON.parse(await readFile(results, 'utf8')));
  }, 90_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a short embedded run records a plausible peak RSS from the pool\'s stats, and prints it', async () => {
    const m = run.poolMemory!;
    expect(m).toBeDefined();
    expect(m.source).toBe('pool stats');
    // a Node worker with the sample app: tens of MiB, never under 10 MiB nor over 2 GiB
    expect(m.peakWorkerRssBytes).toBeGreaterThan(10 * MiB);
    expect(m.peakWorkerRssBytes).toBeLessThan(2048 * MiB);
    // two workers: their sum is at least the larger one and at most twice it
    expect(m.peakTotalWorkersRssBytes).toBeGreaterThanOrEqual(m.peakWorkerRssBytes);
    expect(m.peakTotalWorkersRssBytes).toBeLessThanOrEqual(2 * m.peakWorkerRssBytes);
    // one sample per timeline point (every sample of the embedded pool carries RSS)
    expect(m.samples).toBe(run.timeline.length);
    expect(m.samples).toBeGreaterThan(5);
  });

  it('binds the memory limit at ⌊memory / measured peak RSS⌋ and names the source in the limits line', async () => {
    const peak = run.poolMemory!.peakWorkerRssBytes;
    // room for 3½ workers, in whole KiB: the cap is 3, below the 6 the SLO needs
    const memoryKiB = Math.floor((3.5 * peak) / 1024);
    const json = await runCli(['plan', ...mmc, '--memory', `${memoryKiB}KiB`, '--rss-from', results, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const plan = JSON.parse(json.stdout) as { recommended: unknown; limits: { binding: { limit: string; maxWorkers: number; detail: string }; sloWorkers: number } };
    expect(plan.recommended).toBeNull();
    expect(plan.limits.sloWorkers).toBe(6);
    expect(plan.limits.binding).toMatchObject({ limit: 'memory', maxWorkers: Math.floor((memoryKiB * 1024) / peak) });
    expect(plan.limits.binding.maxWorkers).toBe(3);
    expect(plan.limits.binding.detail).toContain(`(peak worker RSS measured in ${results})`);

    const text = await runCli(['plan', ...mmc, '--memory', `${memoryKiB}KiB`, '--rss-from', results]);
    expect(text.code).toBe(0);
    const limits = text.stdout.split('\n').filter((l) => l.startsWith('limits: '));
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatch(/^limits: [\d.]+ MiB holds 3 at [\d.]+ MiB each \(peak worker RSS measured in .+results\.json\); at most 3 workers \(memory\)$/);

    // with room for 7 the SLO's 6 fit
    const roomy = await runCli(['plan', ...mmc, '--memory', `${Math.ceil((7 * peak) / 1024)}KiB`, '--rss-from', results, '--json']);
    expect((JSON.parse(roomy.stdout) as { recommended: { workers: number } }).recommended.workers).toBe(6);
  });

  it('needs --memory, as --rss does, and says so naming --rss-from', async () => {
    const r = await runCli(['plan', ...mmc, '--rss-from', results]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/^caplab: E_PLAN_INVALID: .*--rss-from needs --memory/);
  });
});

describe('caplab plan --rss-from: bad input exits 2 with one line', () => {
  const fixtures = path.resolve('test/fixtures/results');
  it.each([
    [['--memory', '1GiB', '--rss-from', path.join(fixtures, 'seed-results.json')], /^caplab: E_RESULTS_INVALID: .*seed-results\.json has no measured worker RSS \(poolMemory\.peakWorkerRssBytes\)/],
    [['--memory', '1GiB', '--rss-from', path.join(fixtures, 'sweep.json')], /^caplab: E_RESULTS_INVALID: --rss-from takes a results\.json; .*sweep\.json is a caplab\.sweep\/1$/],
    [['--memory', '1GiB', '--rss-from', path.join(fixtures, 'no-such.json')], /^caplab: E_RESULTS_INVALID: cannot read .*no-such\.json/],
    [['--memory', '1GiB', '--rss', '100MiB', '--rss-from', path.join(fixtures, 'seed-results.json')], /^caplab: E_USAGE: --rss and --rss-from both give the worker RSS; use one$/],
  ])('refuses %j', async (args, message) => {
    const r = await runCli(['plan', ...mmc, ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.slice(1).every((l) => l.startsWith('hint: '))).toBe(true);
  });
});
