/**
 * A run on Debian's uWSGI or gunicorn records its workers' peak RSS:
 * uWSGI's from its stats server (`--memory-report`), gunicorn's from /proc
 * (its master's children); runserver reports none.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunResultSchema } from '../../../src/results/index.js';
import { checkRealPrograms } from '../../../src/stack/real/index.js';
import { runCli } from '../../helpers/cli.js';

const found = checkRealPrograms();
const MiB = 1024 * 1024;

/** 2 workers, 15/s of 50 ms requests for 10 s, run at time scale 0.2. */
const SCENARIO = path.resolve('test/fixtures/scenarios/rss-probe.yaml');

const cases = [
  { pool: 'uwsgi', source: 'pool stats', skip: !(found.uwsgi && found.django) },
  { pool: 'gunicorn', source: '/proc', skip: !(found.gunicorn && found.django) },
] as const;

describe('the workers\' peak RSS on real pools', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-pool-memory-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each(cases)('$pool: recorded from $source, a Django worker\'s tens of MiB', async ({ pool, source, skip }) => {
    if (skip && process.env.CI !== 'true') {
      console.warn(`SKIPPED: ${pool} or Django is missing; apt-get install ${found.missing.join(' ')}`);
      return;
    }
    const out = path.join(dir, pool);
    const r = await runCli(['run', SCENARIO, '--time-scale', '0.2', '--quiet', '--pool', pool, '--out', out], { timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(0);
    const run = RunResultSchema.parse(JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')));
    const m = run.poolMemory!;
    expect(m, 'results.json has poolMemory').toBeDefined();
    expect(m.source).toBe(source);
    expect(m.peakWorkerRssBytes).toBeGreaterThan(10 * MiB);
    expect(m.peakWorkerRssBytes).toBeLessThan(2048 * MiB);
    expect(m.peakTotalWorkersRssBytes).toBeGreaterThanOrEqual(m.peakWorkerRssBytes);
    expect(m.peakTotalWorkersRssBytes).toBeLessThanOrEqual(2 * m.peakWorkerRssBytes);
    // uWSGI's workers report RSS only after their first request, so some early samples may carry none
    expect(m.samples).toBeGreaterThan(0);
    expect(m.samples).toBeLessThanOrEqual(run.timeline.length);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('worker memory: peak RSS '))).toHaveLength(1);
  }, 120_000);

  it('runserver reports none, and results.json leaves poolMemory out', async () => {
    if (!found.django && process.env.CI !== 'true') {
      console.warn('SKIPPED: Django is missing');
      return;
    }
    const out = path.join(dir, 'runserver');
    const r = await runCli(['run', SCENARIO, '--time-scale', '0.2', '--quiet', '--pool', 'runserver', '--out', out], { timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(0);
    const run = RunResultSchema.parse(JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')));
    expect(run.poolMemory).toBeUndefined();
    expect(r.stdout).not.toContain('worker memory');
  }, 120_000);
});
