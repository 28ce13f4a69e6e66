import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunOutputs } from '../../../src/experiment/index.js';
import type { RunResult } from '../../../src/results/index.js';
import { ROOT } from '../../helpers/cli.js';

const tmp = (): Promise<string> => mkdtemp(path.join(os.tmpdir(), 'caplab-write-'));
const seed = async (): Promise<RunResult> => JSON.parse(await readFile(path.join(ROOT, 'test/fixtures/results/seed-results.json'), 'utf8')) as RunResult;

describe('writeRunOutputs', () => {
  it('writes results.json and report.html and reports no problem', async () => {
    const dir = await tmp();
    const written = await writeRunOutputs(await seed(), dir);
    expect(written).toEqual({ json: path.join(dir, 'results.json'), html: path.join(dir, 'report.html'), problem: null });
  });

  it('keeps results.json when report.html cannot be written, says where it is, and leaves no temp file', async () => {
    const dir = await tmp();
    await mkdir(path.join(dir, 'report.html')); // renaming a file onto a folder fails (EISDIR)
    const written = await writeRunOutputs(await seed(), dir);
    expect(written.json).toBe(path.join(dir, 'results.json'));
    expect(written.html).toBeNull();
    expect(written.problem).toMatch(new RegExp(`report\\.html could not be written .*results\\.json is kept at ${path.join(dir, 'results.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('saves results.json to the temp folder when the run folder refuses it', async () => {
    const dir = await tmp();
    const tmpDir = await tmp();
    await mkdir(path.join(dir, 'results.json'));
    const result = await seed();
    const written = await writeRunOutputs(result, dir, { tmpDir });
    expect(written.json?.startsWith(tmpDir)).toBe(true);
    expect(written.problem).toMatch(/results\.json could not be written to .* it was saved to .* instead/);
    expect(JSON.parse(await readFile(written.json!, 'utf8'))).toEqual(result);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('says so when the results could be written nowhere, without throwing', async () => {
    const dir = await tmp();
    await mkdir(path.join(dir, 'results.json'));
    const written = await writeRunOutputs(await seed(), dir, { tmpDir: path.join(dir, 'results.json', 'no', 'such') });
    expect(written.json).toBeNull();
    expect(written.problem).toMatch(/nor to the temp folder/);
    expect(existsSync(path.join(dir, 'report.html'))).toBe(false);
  });
});
