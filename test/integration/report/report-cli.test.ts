import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../../helpers/cli.js';

const fixture = (name: string): string => new URL(`../../fixtures/results/${name}`, import.meta.url).pathname;
const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-report-cli-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Exit 2, one line naming `message` (plus at most a hint), no stack trace and no "internal error". */
function expectUsageError(r: CliResult, message: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('caplab report and compare on results that are broken inside', () => {
  it.each([
    ['broken-minimal.json', /broken caplab\.run\/1 file: scenario is missing/],
    ['broken-null-summary.json', /broken caplab\.run\/1 file: summary: expected object, received null/],
    ['broken-requests.json', /broken caplab\.run\/1 file: requests\[0\]\.method is missing/],
    ['broken-timeline.json', /broken caplab\.run\/1 file: timeline\[1\]\.tMs: /],
    ['broken-null-plan.json', /broken caplab\.run\/1 file: plan: expected object, received null/],
    ['broken-sweep-empty-run.json', /broken caplab\.sweep\/1 file: runs\[1\]\.workers is missing/],
  ])('report %s: exit 2, naming the bad field', async (name, message) => {
    expectUsageError(await runCli(['report', fixture(name), '--out', path.join(dir, `${name}.html`)]), message);
  });

  it('compare names the broken one of its two files', async () => {
    const r = await runCli(['compare', fixture('seed-results.json'), fixture('broken-null-summary.json'), '--out', path.join(dir, 'c.html')]);
    expectUsageError(r, /broken-null-summary\.json is a broken caplab\.run\/1 file: summary: /);
  });

  it('tells a missing file from one that is not caplab JSON', async () => {
    expectUsageError(await runCli(['report', path.join(dir, 'nothing.json')]), /cannot read .*nothing\.json: no such file/);
    expectUsageError(await runCli(['report', fixture('not-caplab.json'), '--out', path.join(dir, 'n.html')]), /not-caplab\.json is not caplab JSON/);
    expectUsageError(await runCli(['report', fixture('not-json.json'), '--out', path.join(dir, 'n.html')]), /not-json\.json is not caplab JSON \(not valid JSON/);
  });

  it('renders a valid run that measured nothing before it was aborted', async () => {
    const out = path.join(dir, 'empty.html');
    const r = await runCli(['report', fixture('empty-aborted-run.json'), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await readFile(out, 'utf8')).toMatch(/^<!doctype html>/);
  });
});

describe('caplab report --out', () => {
  it('naming an existing folder: exit 2, and nothing written or left behind', async () => {
    const folder = path.join(dir, 'a-folder');
    await mkdir(folder);
    expectUsageError(await runCli(['report', fixture('seed-results.json'), '--out', folder]), /a-folder is a folder, not a file/);
    expect(await readdir(folder)).toEqual([]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('under /proc: exit 2 at once, no hang', async () => {
    const r = await runCli(['report', fixture('seed-results.json'), '--out', '/proc/caplab-sub/x.html'], { timeoutMs: 20_000 });
    expectUsageError(r, /cannot create the folder \/proc\/caplab-sub/);
  });

  it('writes report.html beside the JSON by default', async () => {
    const runDir = path.join(dir, 'run');
    await mkdir(runDir);
    await cp(fixture('seed-results.json'), path.join(runDir, 'results.json'));
    const r = await runCli(['report', path.join(runDir, 'results.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`report: ${path.join(runDir, 'report.html')}`);
    expect((await readdir(runDir)).sort()).toEqual(['report.html', 'results.json']);
  });
});
