import { lstat, mkdir, readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { caplabError } from '../errors.js';

/** Longest scenario name used in a default folder name (file names stop at 255 bytes). */
export const MAX_DIR_NAME = 80;
/** The claim file a run keeps in its folder while it runs. */
export const CLAIM_FILE = '.caplab-run';

/** A folder a run has claimed: it exists, is writable, and no other run writes there. */
export interface ClaimedDir {
  readonly dir: string;
  /** Removes the claim; safe to call more than once. */
  release(): Promise<void>;
  /** Removes the claim, and the folder too if it is left empty (a run that measured nothing). */
  abandon(): Promise<void>;
}

export interface ClaimOptions {
  /** The result file the folder must not already hold (`results.json` or `sweep.json`). */
  readonly resultFile: string;
  readonly now?: Date;
  /** Folder for default names (default `reports` under the current directory). */
  readonly reportsDir?: string;
}

/**
 * A scenario name made safe for a folder name: characters other than
 * letters, digits, `.`, `_` and `-` become `-`, and it is cut to
 * `MAX_DIR_NAME` characters.
 */
export function dirSafeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, MAX_DIR_NAME).replace(/-+$/, '');
  return safe === '' ? 'run' : safe;
}

/** `<name>-<YYYYMMDD-HHMMSS>` in local time. */
export function defaultDirName(name: string, now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `${dirSafeName(name)}-${stamp}`;
}

/**
 * Resolves and claims a run's folder before anything starts, so a run never
 * measures for nothing. With `out`, that folder (created if missing); else a
 * new `reports/<name>-<stamp>` folder, made unique with `-2`, `-3`, … when
 * another run took the name first (mkdir is atomic, so concurrent runs never
 * share one). Throws E_OUT_UNWRITABLE when the folder cannot be created or
 * written (checked by writing the claim file), and E_OUT_IN_USE when it
 * already holds `resultFile` or another live run's claim.
 *
 * Folders are created one level at a time from the nearest existing
 * ancestor: under /proc, mkdir of a new child answers ENOENT while the
 * parent exists, and Node's recursive mkdir (which reads ENOENT as "parent
 * missing") then retries forever at full CPU (seen with Node 20 here).
 */
export async function claimOutDir(name: string, out: string | undefined, options: ClaimOptions): Promise<ClaimedDir> {
  const flag = out !== undefined ? `--out ${out}` : 'the report folder';
  let dir: string;
  if (out !== undefined) {
    dir = path.resolve(out);
    await makeDirs(dir, flag);
  } else {
    const parent = path.resolve(options.reportsDir ?? 'reports');
    await makeDirs(parent, flag);
    dir = await makeUniqueDir(parent, defaultDirName(name, options.now ?? new Date()), flag);
  }
  if (await exists(path.join(dir, options.resultFile))) {
    throw caplabError('E_OUT_IN_USE', `${flag}: ${dir} already holds the ${options.resultFile} of an earlier run; caplab does not overwrite results`);
  }
  const claim = path.join(dir, CLAIM_FILE);
  await writeClaim(claim, flag, dir);
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    await unlink(claim).catch(() => undefined);
  };
  return {
    dir,
    release,
    async abandon() {
      await release();
      await rmdir(dir).catch(() => undefined); // fails, as wanted, when the folder holds anything
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Creates `dir` and its missing parents, one mkdir each; E_OUT_UNWRITABLE on any failure. */
async function makeDirs(dir: string, flag: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    try {
      const s = await stat(at);
      if (!s.isDirectory()) throw caplabError('E_OUT_UNWRITABLE', `${flag}: ${at} is not a folder`);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw unwritable(flag, at, err);
      missing.unshift(at);
      const up = path.dirname(at);
      if (up === at) break;
      at = up;
    }
  }
  for (const d of missing) {
    try {
      await mkdir(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(flag, d, err);
    }
  }
}

/** Creates `parent/base`, or `parent/base-2`, `-3`, … if taken; returns the folder made. */
async function makeUniqueDir(parent: string, base: string, flag: string): Promise<string> {
  for (let n = 1; n < 1000; n += 1) {
    const dir = path.join(parent, n === 1 ? base : `${base}-${n}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(flag, dir, err);
    }
  }
  throw caplabError('E_OUT_UNWRITABLE', `${flag}: no free folder name for ${path.join(parent, base)} after 999 tries`);
}

/** Writes the claim file exclusively; a claim left by a run that is gone is taken over. */
async function writeClaim(claim: string, flag: string, dir: string): Promise<void> {
  const body = `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })}\n`;
  try {
    await writeFile(claim, body, { flag: 'wx' });
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(flag, dir, err);
  }
  const owner = await readFile(claim, 'utf8').then((t) => Number((JSON.parse(t) as { pid?: unknown }).pid), () => NaN);
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && pidAlive(owner)) {
    throw caplabError('E_OUT_IN_USE', `${flag}: another caplab run (pid ${owner}) is writing to ${dir}`);
  }
  try {
    await writeFile(claim, body);
  } catch (err) {
    throw unwritable(flag, dir, err);
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unwritable(flag: string, at: string, err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  return caplabError('E_OUT_UNWRITABLE', `${flag}: cannot write to ${at} (${e.code ?? e.message})`, { cause: err });
}
