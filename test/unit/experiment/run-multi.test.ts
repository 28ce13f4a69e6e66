import { describe, expect, it, vi } from 'vitest';
import { caplabError } from '../../../src/errors.js';
import type { ExperimentOptions } from '../../../src/experiment/index.js';
import { MultiResultSchema, type RunResult } from '../../../src/results/index.js';
import type { RunPlan } from '../../../src/scenario/index.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';

// The stacks themselves are stood in for: nginx "is missing", everything else runs the seed fixture.
const calls: string[] = [];
const rolesSeen: ExperimentOptions['roles'][] = [];
vi.mock('../../../src/experiment/run-experiment.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  runExperiment: (_plan: RunPlan, options: ExperimentOptions): Promise<RunResult> => {
    const roles = options.roles!;
    rolesSeen.push(roles);
    calls.push(`${roles.proxy}+${roles.pool}`);
    if (roles.proxy === 'nginx') return Promise.reject(caplabError('E_REAL_MISSING', 'the real nginx is not installed (missing: nginx-light)', { hint: 'apt-get install nginx-light' }));
    if (roles.pool === 'uwsgi') return Promise.reject(new Error('a bug'));
    const seed = seedRun();
    return Promise.resolve({ ...seed, stack: { ...seed.stack, proxy: roles.proxy, pool: roles.pool } });
  },
}));

const { runMulti, stackRoles } = await import('../../../src/experiment/index.js');
// The seed run has no trace phase, so the plan it recorded is the plan it ran (only traces are recorded by reference).
const recorded = seedRun().plan;
if (recorded.phases.some((p) => p.kind === 'trace')) throw new Error('the seed run was expected to have no trace phase');
const plan = recorded as RunPlan;

describe('runMulti', () => {
  it('runs each stack in order; one that cannot start is kept with a one-line reason, and the others still run', async () => {
    calls.length = 0;
    const errors: string[] = [];
    const started: string[] = [];
    const multi = await runMulti(
      plan,
      [
        { label: 'nginx+embedded', proxy: 'nginx', pool: 'embedded' },
        { label: 'embedded', proxy: 'embedded', pool: 'embedded' },
      ],
      { onStackError: (s, why) => errors.push(`${s}: ${why}`), onStackStart: (s, i, n) => started.push(`${i}/${n} ${s}`) },
    );
    expect(calls).toEqual(['nginx+embedded', 'embedded+embedded']);
    expect(started).toEqual(['1/2 nginx+embedded', '2/2 embedded']);
    expect(MultiResultSchema.parse(multi)).toEqual(multi);
    expect(multi.stacks).toEqual(['nginx+embedded', 'embedded']);
    expect(multi.runs[0]).toEqual({ stack: 'nginx+embedded', error: 'the real nginx is not installed (missing: nginx-light); apt-get install nginx-light' });
    expect(multi.runs[1]).toMatchObject({ stack: 'embedded', result: { stack: { proxy: 'embedded', pool: 'embedded' } } });
    expect(errors).toEqual(['nginx+embedded: the real nginx is not installed (missing: nginx-light); apt-get install nginx-light']);
    expect(multi.seed).toBe(plan.seed);
    expect(multi.aborted).toBeUndefined();
  });

  it('an error that is not caplab’s is a bug, and is thrown', async () => {
    await expect(runMulti(plan, [{ label: 'embedded+uwsgi', proxy: 'embedded', pool: 'uwsgi' }])).rejects.toThrow('a bug');
  });

  it('an aborted signal stops the series before the next stack, marked interrupted', async () => {
    calls.length = 0;
    const stop = new AbortController();
    stop.abort();
    const multi = await runMulti(plan, [{ label: 'embedded', proxy: 'embedded', pool: 'embedded' }], { signal: stop.signal });
    expect(calls).toEqual([]);
    expect(multi.runs).toEqual([]);
    expect(multi.aborted).toBe('interrupted');
  });

  it('passes --nothreading (threading: false) to the runserver stacks of the list only, and runs the others unchanged', async () => {
    calls.length = 0;
    rolesSeen.length = 0;
    const errors: string[] = [];
    const multi = await runMulti(
      plan,
      [
        { label: 'embedded', proxy: 'embedded', pool: 'embedded' },
        { label: 'embedded+runserver', proxy: 'embedded', pool: 'runserver' },
        { label: 'embedded+gunicorn', proxy: 'embedded', pool: 'gunicorn' },
      ],
      { threading: false, onStackError: (s, why) => errors.push(`${s}: ${why}`) },
    );
    expect(rolesSeen).toEqual([
      { proxy: 'embedded', pool: 'embedded' },
      { proxy: 'embedded', pool: 'runserver', threading: false },
      { proxy: 'embedded', pool: 'gunicorn' },
    ]);
    expect(errors).toEqual([]);
    expect(multi.runs.map((r) => ('result' in r ? r.stack : `${r.stack} failed`))).toEqual(['embedded', 'embedded+runserver', 'embedded+gunicorn']);
  });

  it('stackRoles leaves threading out when it is not given, and for every pool but runserver', () => {
    expect(stackRoles({ label: 'nginx+runserver', proxy: 'nginx', pool: 'runserver' }, undefined)).toEqual({ proxy: 'nginx', pool: 'runserver' });
    expect(stackRoles({ label: 'nginx+runserver', proxy: 'nginx', pool: 'runserver' }, false)).toEqual({ proxy: 'nginx', pool: 'runserver', threading: false });
    expect(stackRoles({ label: 'nginx+uwsgi', proxy: 'nginx', pool: 'uwsgi' }, false)).toEqual({ proxy: 'nginx', pool: 'uwsgi' });
  });
});
