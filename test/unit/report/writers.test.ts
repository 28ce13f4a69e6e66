import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeHtmlReport, writeJsonResult } from '../../../src/report/index.js';
import { seedRun } from '../../fixtures/results/load-fixtures.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-report-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('writeJsonResult', () => {
  it('creates the folder and writes pretty JSON in the given key order', async () => {
    const file = await writeJsonResult(path.join(dir, 'a', 'b', 'results.json'), { z: 1, a: { y: [1, 2], b: null } });
    expect(file).toBe(path.join(dir, 'a', 'b', 'results.json'));
    expect(await readFile(file, 'utf8')).toBe('{\n  "z": 1,\n  "a": {\n    "y": [\n      1,\n      2\n    ],\n    "b": null\n  }\n}\n');
  });

  it('round-trips a RunResult', async () => {
    const file = await writeJsonResult(path.join(dir, 'seed.json'), seedRun());
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(seedRun());
  });
});

describe('writeHtmlReport', () => {
  it('creates the folder, writes the page and returns its absolute path', async () => {
    const rel = path.relative(process.cwd(), path.join(dir, 'x', 'report.html'));
    const file = await writeHtmlReport(rel, '<!doctype html><p>hi</p>');
    expect(path.isAbsolute(file)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('<!doctype html><p>hi</p>');
  });
});

describe('writing where a report cannot go', () => {
  it('refuses a target that is a folder, exit 2, leaving no temporary file', async () => {
    const folder = path.join(dir, 'existing');
    await mkdir(folder);
    await expect(writeHtmlReport(folder, '<p>x</p>')).rejects.toMatchObject({ code: 'E_OUT_UNWRITABLE', exitCode: 2, message: expect.stringMatching(/existing is a folder, not a file/) as unknown });
    expect(await readdir(dir)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses a folder under a file', async () => {
    const file = path.join(dir, 'plain.txt');
    await writeFile(file, 'x');
    await expect(writeJsonResult(path.join(file, 'sub', 'results.json'), {})).rejects.toMatchObject({ code: 'E_OUT_UNWRITABLE', message: expect.stringMatching(/plain\.txt: it is not a folder/) as unknown });
  });

  it('fails at once under /proc instead of retrying mkdir forever', async () => {
    await expect(writeHtmlReport('/proc/caplab-no-such/x.html', '<p>x</p>')).rejects.toMatchObject({
      code: 'E_OUT_UNWRITABLE',
      exitCode: 2,
      message: expect.stringMatching(/cannot create the folder \/proc\/caplab-no-such \(E[A-Z]+\)/) as unknown,
    });
  });
});
