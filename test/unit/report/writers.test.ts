import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReporters, sweepReporters, writeHtmlReport, writeJsonResult } from '../../../src/report/index.js';
import { poissonSweep, seedRun } from '../../fixtures/results/load-fixtures.js';

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

describe('the reporters', () => {
  it('share one interface for console, JSON and HTML', () => {
    for (const reporters of [runReporters, sweepReporters]) {
      expect(Object.values(reporters).map((r) => [r.name, r.extension])).toEqual([
        ['console', '.txt'],
        ['json', '.json'],
        ['html', '.html'],
      ]);
    }
    expect(runReporters.console.render(seedRun())).toContain('2 workers served 3 requests');
    expect(JSON.parse(runReporters.json.render(seedRun()))).toEqual(seedRun());
    expect(sweepReporters.html.render(poissonSweep())).toMatch(/^<!doctype html>/);
  });
});
