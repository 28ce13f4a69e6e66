import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaplabError } from '../../../src/errors.js';
import { parseResult, readResultFile } from '../../../src/results/index.js';

const fixture = (name: string): string => new URL(`../../fixtures/results/${name}`, import.meta.url).pathname;
const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-read-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The error `readResultFile` throws for `file`, checked to be a one-line exit-2 E_RESULTS_INVALID. */
async function failure(file: string): Promise<string> {
  const err = await readResultFile(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CaplabError);
  const e = err as CaplabError;
  expect(e.code).toBe('E_RESULTS_INVALID');
  expect(e.exitCode).toBe(2);
  expect(e.message).not.toContain('\n');
  return e.message;
}

describe('readResultFile', () => {
  it('reads and validates good run and sweep files', async () => {
    expect((await readResultFile(fixture('seed-results.json'))).schema).toBe('caplab.run/1');
    expect((await readResultFile(fixture('sweep.json'))).schema).toBe('caplab.sweep/1');
    const empty = await readResultFile(fixture('empty-aborted-run.json'));
    expect(empty.schema === 'caplab.run/1' && empty.aborted).toBe('pool master died');
  });

  // EACCES: see read-result-file-eacces.test.ts (root reads any file, so it is mocked there).
  it('tells a missing file and a folder apart', async () => {
    expect(await failure(path.join(dir, 'nope.json'))).toMatch(/^cannot read .*nope\.json: no such file$/);
    expect(await failure(dir)).toMatch(/: it is a directory$/);
  });

  it('says when a file is not caplab JSON at all', async () => {
    expect(await failure(fixture('not-json.json'))).toMatch(/not-json\.json is not caplab JSON \(not valid JSON: /);
    expect(await failure(fixture('not-caplab.json'))).toMatch(/not-caplab\.json is not caplab JSON \(its "schema" is missing; expected caplab\.run\/1, caplab\.sweep\/1 or caplab\.multi\/1\)/);
  });

  it.each([
    ['broken-minimal.json', /is a broken caplab\.run\/1 file: scenario is missing \(expected object\)$/],
    ['broken-null-summary.json', /is a broken caplab\.run\/1 file: summary: expected object, received null$/],
    ['broken-requests.json', /is a broken caplab\.run\/1 file: requests\[0\]\.method is missing \(expected string\)$/],
    ['broken-timeline.json', /is a broken caplab\.run\/1 file: timeline\[1\]\.tMs: expected number, received string$/],
    ['broken-null-plan.json', /is a broken caplab\.run\/1 file: plan: expected object, received null$/],
    ['broken-sweep-empty-run.json', /is a broken caplab\.sweep\/1 file: runs\[1\]\.workers is missing \(expected number\)$/],
  ])('names the first bad field of %s by its path', async (name, message) => {
    expect(await failure(fixture(name))).toMatch(message);
  });
});

describe('parseResult', () => {
  it('names the file it was given and a schema it does not know', () => {
    expect(() => parseResult({ schema: 'caplab.run/2' }, 'x.json')).toThrow(/^x\.json is not caplab JSON \(its "schema" is "caplab\.run\/2"/);
    expect(() => parseResult([1, 2], 'y.json')).toThrow(/^y\.json is not caplab JSON/);
  });

  it('rejects a wrong kind of plan phase and an aborted flag that is not a reason', async () => {
    const seed = JSON.parse(await readFile(fixture('seed-results.json'), 'utf8')) as { plan: { phases: { kind: string }[] } };
    const badKind = { ...seed, plan: { ...seed.plan, phases: [{ ...seed.plan.phases[0], kind: 'storm' }] } };
    expect(() => parseResult(badKind, 'r.json')).toThrow(/r\.json is a broken caplab\.run\/1 file: plan\.phases\[0\]\.kind: /);
    expect(() => parseResult({ ...seed, aborted: true }, 'r.json')).toThrow(/r\.json is a broken caplab\.run\/1 file: aborted: expected string, received boolean/);
  });

  it('reads a closed phase with no engine, and one written when plans still named one (the name is dropped)', async () => {
    const seed = JSON.parse(await readFile(fixture('seed-results.json'), 'utf8')) as { plan: { phases: { kind: string }[] } };
    const closed = { ...seed.plan.phases[0], kind: 'closed', clients: 2, amount: 20, thinkTimeMs: 0 };
    for (const phase of [closed, { ...closed, engine: 'autocannon' }]) {
      const read = parseResult({ ...seed, plan: { ...seed.plan, phases: [phase] } }, 'r.json');
      const first = read.schema === 'caplab.run/1' ? read.plan.phases[0] : undefined;
      expect(first).toMatchObject({ kind: 'closed', clients: 2, amount: 20, thinkTimeMs: 0 });
      expect(first).not.toHaveProperty('engine');
    }
  });
});
