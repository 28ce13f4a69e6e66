import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIM_FILE, claimOutDir, defaultDirName, dirSafeName, MAX_DIR_NAME } from '../../../src/experiment/index.js';

const tmp = (): Promise<string> => mkdtemp(path.join(os.tmpdir(), 'caplab-claim-'));
const run = { resultFile: 'results.json' } as const;

/** The CaplabError code a promise rejects with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'resolved';
}

describe('claimOutDir', () => {
  it('creates a missing --out folder with its parents, claims it, and releases the claim', async () => {
    const base = await tmp();
    const claimed = await claimOutDir('seed', path.join(base, 'a', 'b', 'c'), run);
    expect(claimed.dir).toBe(path.join(base, 'a', 'b', 'c'));
    expect(existsSync(path.join(claimed.dir, CLAIM_FILE))).toBe(true);
    await claimed.release();
    expect(await readdir(claimed.dir)).toEqual([]);
  });

  it('refuses /proc paths at once instead of looping in mkdir', async () => {
    const started = Date.now();
    expect(await codeOf(claimOutDir('seed', '/proc/caplab-x/y', run))).toBe('E_OUT_UNWRITABLE');
    expect(await codeOf(claimOutDir('seed', '/proc/self', run))).toBe('E_OUT_UNWRITABLE');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a folder under a regular file (a path that cannot be written)', async () => {
    const base = await tmp();
    await writeFile(path.join(base, 'file'), 'x');
    expect(await codeOf(claimOutDir('seed', path.join(base, 'file', 'out'), run))).toBe('E_OUT_UNWRITABLE');
    expect(await codeOf(claimOutDir('seed', path.join(base, 'file'), run))).toBe('E_OUT_UNWRITABLE');
  });

  it('never overwrites an earlier run\'s results, nor writes where a live run writes', async () => {
    const base = await tmp();
    await writeFile(path.join(base, 'results.json'), '{}');
    expect(await codeOf(claimOutDir('seed', base, run))).toBe('E_OUT_IN_USE');
    const shared = await tmp();
    const first = await claimOutDir('seed', shared, run);
    await writeFile(path.join(shared, CLAIM_FILE), JSON.stringify({ pid: process.ppid }));
    expect(await codeOf(claimOutDir('seed', shared, run))).toBe('E_OUT_IN_USE');
    await first.release();
  });

  it('takes over a claim left by a run that is gone', async () => {
    const base = await tmp();
    await writeFile(path.join(base, CLAIM_FILE), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const claimed = await claimOutDir('seed', base, run);
    expect(claimed.dir).toBe(base);
    await claimed.release();
  });

  it('gives concurrent runs with the same name and second their own folders', async () => {
    const reportsDir = path.join(await tmp(), 'reports');
    const now = new Date(2026, 0, 2, 3, 4, 5);
    const claims = await Promise.all([1, 2, 3].map(() => claimOutDir('small', undefined, { ...run, now, reportsDir })));
    const dirs = claims.map((c) => path.basename(c.dir)).sort();
    expect(dirs).toEqual(['small-20260102-030405', 'small-20260102-030405-2', 'small-20260102-030405-3']);
  });

  it('caps a 250-character scenario name so the folder name stays legal', async () => {
    const reportsDir = path.join(await tmp(), 'reports');
    const name = 'n'.repeat(250);
    const claimed = await claimOutDir(name, undefined, { ...run, reportsDir });
    expect(path.basename(claimed.dir).length).toBeLessThanOrEqual(MAX_DIR_NAME + 16);
    expect(existsSync(claimed.dir)).toBe(true);
  });
});

describe('folder names', () => {
  it('keep letters, digits, dot, dash and underscore only', () => {
    expect(dirSafeName('my scenario/../x')).toBe('my-scenario-..-x');
    expect(dirSafeName('../..')).toBe('run');
    expect(defaultDirName('a b', new Date(2026, 10, 30, 17, 5, 9))).toBe('a-b-20261130-170509');
  });

  it('are created under an existing reports folder too', async () => {
    const reportsDir = path.join(await tmp(), 'reports');
    await mkdir(reportsDir);
    expect(path.dirname((await claimOutDir('x', undefined, { ...run, reportsDir })).dir)).toBe(reportsDir);
  });
});

describe('abandoning a claim', () => {
  it('removes the folder a run made if nothing was written, and keeps one that holds files', async () => {
    const base = await tmp();
    const empty = await claimOutDir('seed', path.join(base, 'empty'), run);
    await empty.abandon();
    expect(existsSync(empty.dir)).toBe(false);
    const kept = await claimOutDir('seed', path.join(base, 'kept'), run);
    await writeFile(path.join(kept.dir, 'notes.txt'), 'mine');
    await kept.abandon();
    expect(await readdir(kept.dir)).toEqual(['notes.txt']);
  });
});
