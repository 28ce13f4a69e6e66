import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truthOf, writeLog } from '../../fixtures/logs/generate-logs.mjs';
import { runCli } from '../../helpers/cli.js';
import { parseSlo, planCapacity, type CapacityPlan } from '../../../src/plan/index.js';
import { createRng } from '../../../src/random/index.js';
import { serviceSampler } from '../../../src/scenario/index.js';

type PlanJson = CapacityPlan & { fromLog?: { ratePerSec: number; fittedRatePerSec: number; growth: number; ca2: number; window: { startMs: number; endMs: number; how: string } } };

async function planJson(args: string[]): Promise<PlanJson> {
  const r = await runCli(['plan', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as PlanJson;
}

// 40/s × exp 120 ms against p99 < 1 s needs 6 workers (Erlang C).
const mmc = ['--rate', '40/s', '--service', 'exp:120ms', '--slo', 'p99<1s'];

describe('caplab plan: resource limits', () => {
  it('binds as stated: memory / RSS, cores × CPU share, database connections, and names the binding limit', async () => {
    const fits = await planJson([...mmc, '--memory', '4GiB', '--rss', '600MiB', '--cores', '4', '--cpu-share', '0.5']);
    expect(fits.recommended?.workers).toBe(6);
    expect(fits.limits.binding).toMatchObject({ limit: 'memory', maxWorkers: 6 });
    expect(fits.limits.caps.find((c) => c.limit === 'cores')?.maxWorkers).toBe(8);

    const tight = await planJson([...mmc, '--memory', '4GiB', '--rss', '800MiB', '--db-connections', '10']);
    expect(tight.recommended).toBeNull();
    expect(tight.note).toBe('the SLO needs 6 workers; 4 GiB holds 5 at 800 MiB each');
    expect(tight.limits).toMatchObject({ sloWorkers: 6, binding: { limit: 'memory', maxWorkers: 5 } });

    const r = await runCli(['plan', ...mmc, '--db-connections', '4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^recommended: none \(the SLO needs 6 workers; 4 database connections serve 4 at one each\)$/m);
    expect(r.stdout).toMatch(/^limits: 4 database connections serve 4 at one each; at most 4 workers \(dbConnections\)$/m);
  });

  it('shows gunicorn’s (2 × cores) + 1 beside the recommendation, with what that count gives', async () => {
    const r = await runCli(['plan', ...mmc, '--cores', '4', '--cpu-share', '0.5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^recommended: 6 workers, the smallest count that meets p99<1\.00 s within every limit$/m);
    expect(r.stdout).toMatch(/^rule of thumb: gunicorn's \(2 × 4 cores\) \+ 1 = 9 workers: p99 latency \d+ ms, mean wait [\d.]+ ms, meets p99<1\.00 s: yes; breaks the cores limit$/m);
  });

  it.each([
    [['--memory', 'lots', '--rss', '120MiB'], /--memory must be a size with a unit, like 4GiB, 512MiB or 1\.5G, got "lots"/],
    [['--memory', '4GiB', '--rss', '120'], /--rss must be a size with a unit/],
    [['--rss', '120MiB'], /--rss needs --memory/],
    [['--cores', '0'], /--cores must be >= 1, got "0"/],
    [['--cpu-share', '0.5'], /--cpu-share needs --cores/],
    [['--db-connections', 'many'], /--db-connections must be a whole number/],
    [['--ca2', '-1'], /--ca2 must be a number from 0 to 100/],
    [['--peak', '5m'], /--peak applies only with --from-log/],
  ])('refuses %j with exit 2 and a one-line error', async (args, message) => {
    const r = await runCli(['plan', ...mmc, ...args]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(message);
    // The message, then at most the catalogue's hint line; never a stack trace.
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.slice(1).every((l) => l.startsWith('hint: '))).toBe(true);
  });
});

describe('caplab plan: simulated plans carry their 95 % intervals', () => {
  it('in --json (rows’ ci and verdict, the recommended interval) and in the table', async () => {
    const args = ['--rate', '40/s', '--service', 'gamma:120ms,0.5', '--slo', 'p99<500ms', '--requests', '20000'];
    const plan = await planJson(args);
    expect(plan.method).toBe('simulated');
    const rec = plan.recommended!;
    expect(rec.interval.low).toBeLessThanOrEqual(rec.workers);
    expect(rec.interval.high).toBeGreaterThanOrEqual(rec.workers);
    const row = plan.rows.find((x) => x.workers === rec.workers)!;
    expect(row.ci).toMatchObject({ replications: 10 });
    expect(row.ci!.p99LatencyMs.low).toBeLessThanOrEqual(row.p99LatencyMs!);
    expect(['meets', 'uncertain']).toContain(row.verdict);
    const text = await runCli(['plan', ...args]);
    expect(text.stdout).toMatch(new RegExp(`^recommended: ${rec.workers} workers \\(95 %: ${rec.interval.low}(–${rec.interval.high})?\\)`, 'm'));
    expect(text.stdout).toMatch(/\d+ ms \[\d+ ms–\d+ ms\]/);
  });
});

describe('caplab plan --from-log', () => {
  let dir = '';
  let log = '';
  // 10 minutes of nginx log: 20/s, then 60/s for 5 minutes from minute 3⅓
  // (Poisson, a lognormal/gamma endpoint mix), 20 % static hits on top.
  const spec = { durationS: 600, peakStartS: 200, peakDurationS: 300, seed: 5 };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-plan-log-'));
    log = path.join(dir, 'access.log');
    await writeLog(log, spec);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('plans the busiest window grown by the factor, and recommends what the true parameters give', async () => {
    // 4 workers give a p99 near 180 ms, 3 workers over 1 s: a clear answer either way.
    const slo = 'p99<250ms';
    const plan = await planJson(['--from-log', log, '--peak', '5m', '--growth', '1.5', '--slo', slo, '--requests', '50000']);
    const truth = truthOf(spec);
    const fit = plan.fromLog!;
    // 300 s × 60/s = 18 000 peak arrivals: the rate's relative sd is 0.75 %, so 5 % is > 6 sd.
    expect(fit.growth).toBe(1.5);
    expect(Math.abs(fit.fittedRatePerSec / truth.peakRate - 1)).toBeLessThan(0.05);
    expect(fit.ratePerSec).toBeCloseTo(fit.fittedRatePerSec * 1.5, 9);
    expect(plan.ratePerSec).toBeCloseTo(fit.ratePerSec, 9);
    expect(fit.window.endMs - fit.window.startMs).toBe(300_000);
    // The window found overlaps the true peak by most of its length.
    const overlap = Math.min(fit.window.endMs, truth.peakEndMs) - Math.max(fit.window.startMs, truth.peakStartMs);
    expect(overlap).toBeGreaterThan(0.9 * 300_000);
    expect(plan.method).toBe('simulated');
    expect(plan.arrivals).toMatch(/Ca²/);

    // The same plan from the true parameters: 1.5 × the peak rate, Ca² 1, and
    // the true service mix drawn 100 000 times (its empirical law).
    const rng = createRng(9);
    const [get, post] = truth.endpoints;
    const draw = [serviceSampler({ dist: 'lognormal', median: 20, sigma: 0.5 }), serviceSampler({ dist: 'gamma', mean: post!.mean, cs2: post!.cs2 })];
    const values = Array.from({ length: 100_000 }, () => draw[rng.next() < get!.share ? 0 : 1]!(rng));
    const exact = planCapacity({ ratePerSec: truth.peakRate * 1.5, arrivalScv: truth.ca2, service: { dist: 'empirical', values }, slo: parseSlo(slo), requests: 50_000 });
    expect(plan.recommended?.workers).toBe(exact.recommended?.workers);

    const text = await runCli(['plan', '--from-log', log, '--peak', '5m', '--growth', '1.5', '--slo', slo, '--requests', '20000']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^from log: 1 file \(nginx-combined-timed\), window 2026-11-30T14:0\d:\d\d\.\d+Z – 2026-11-30T14:\d\d:\d\d\.\d+Z \(.*5m.*\)$/m);
    expect(text.stdout).toMatch(/^fitted: [\d.]+ req\/s to the pool, × growth 1\.5 = [\d.]+ req\/s; Ca² [\d.]+; service \w+/m);
    expect(text.stdout).toMatch(/^method: simulated/m);
  });

  it('refuses to mix --from-log with a rate or service, and names a missing log', async () => {
    const mixed = await runCli(['plan', '--from-log', log, '--rate', '5/s', '--slo', 'p99<1s']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--from-log fits the rate, Ca² and service itself/);
    const missing = await runCli(['plan', '--from-log', path.join(dir, 'nope.log'), '--slo', 'p99<1s']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toMatch(/nope\.log/);
  });
});
