import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import { runCli } from '../../helpers/cli.js';

const tmp = (): Promise<string> => mkdtemp(path.join(os.tmpdir(), 'caplab-out-'));
const seed = ['run', 'seed-three-slow-requests', '--time-scale', '0.01', '--quiet'];

/** Exit 2, one line with the code (plus a hint), no stack trace. */
function expectUsage(r: { code: number | null; stderr: string }, line: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines[0]).toMatch(line);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('--out is checked before the stack starts', () => {
  it('/proc/x is refused at once instead of spinning in mkdir', async () => {
    const r = await runCli([...seed, '--out', '/proc/caplab-x'], { timeoutMs: 15_000 });
    expectUsage(r, /^caplab: E_OUT_UNWRITABLE: --out \/proc\/caplab-x: cannot write/);
  });

  it('a folder under a regular file is refused (ENOTDIR), and nothing is measured', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'file'), 'x');
    const r = await runCli([...seed, '--out', path.join(dir, 'file', 'sub')]);
    expectUsage(r, /^caplab: E_OUT_UNWRITABLE: /);
    expect(r.stdout).toBe('');
  });

  it('a folder holding an earlier run\'s results.json is refused, and the file is untouched', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'results.json'), '{"mine":true}\n');
    const r = await runCli([...seed, '--out', dir]);
    expectUsage(r, /^caplab: E_OUT_IN_USE: .*already holds the results\.json of an earlier run/);
    expect(await readFile(path.join(dir, 'results.json'), 'utf8')).toBe('{"mine":true}\n');
  });
});

describe('a write that fails after the run', () => {
  it('prints the summary, keeps results.json, says where it is, leaves no temp file, exits 1', async () => {
    const dir = await tmp();
    await mkdir(path.join(dir, 'report.html')); // report.html cannot be written over a folder
    const r = await runCli([...seed, '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/p99/);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/^caplab: E_WRITE_FAILED: report\.html could not be written .*results\.json is kept at /);
    expect(r.stderr).toContain(path.join(dir, 'results.json'));
    const result = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as RunResult;
    expect(result.requests).toHaveLength(3);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp') || f === '.caplab-run')).toEqual([]);
  });
});

describe('concurrent runs', () => {
  it('started together without --out, each writes its own folder', async () => {
    const cwd = await tmp();
    const runs = await Promise.all([1, 2].map(() => runCli(seed, { cwd })));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const folders = await readdir(path.join(cwd, 'reports'));
    expect(folders).toHaveLength(2);
    for (const f of folders) expect(existsSync(path.join(cwd, 'reports', f, 'results.json'))).toBe(true);
    const printed = runs.map((r) => /results: (.*)/.exec(r.stdout)?.[1]);
    expect(new Set(printed).size).toBe(2);
  });
});
