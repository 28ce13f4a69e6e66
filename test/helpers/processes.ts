/** Process checks shared by the integration tests (Linux: reads /proc). */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isRunning } from '../../src/process/index.js';

/**
 * True while `pid` is a live process; a zombie (exited, not yet reaped)
 * counts as dead. The library's own check, so tests and code agree.
 */
export const alive = isRunning;

/** The command line of `pid`, arguments joined by spaces ('' once it has ended). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** CPU time `pid` has used (user + system), in clock ticks (usually 1/100 s); 0 once it has ended. */
export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // after "(comm) ": state(3) ... utime(14) stime(15)
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Live descendants of `pid` whose command line contains `needle` (e.g. 'worker-main.js'). */
export async function descendantsRunning(pid: number, needle: string): Promise<number[]> {
  return (await descendants(pid)).filter((p) => alive(p) && commandLine(p).includes(needle));
}

/** Pids of every descendant of `pid`, read from /proc (Linux). */
export async function descendants(pid: number): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const walk = (p: number): void => {
    for (const [child, parent] of parents) {
      if (parent === p) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** Waits until `check()` is true, polling every 50 ms, up to `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/**
 * The first line `child` (a fixture started with piped stdout) writes to
 * stdout. Rejects if it exits first, quoting what it wrote to stderr when
 * that is piped.
 */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`fixture exited (${code})${err ? `: ${err}` : ''}`)));
  });
}
