import { readdirSync, readFileSync } from 'node:fs';

/**
 * Peak resident set size of a live process in MiB: VmHWM from
 * /proc/PID/status (the kernel's high-water mark, so one read after the
 * load has run gives the peak during it). Throws where /proc cannot say.
 */
export function readPeakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no VmHWM line`);
  return Number(match[1]) / 1024;
}

/** Pids of the live children of `pid`, from the ppid field of /proc/<pid>/stat. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // fields after "(comm) ": state ppid ...
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') children.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return children;
}

/** The largest peak RSS (MiB) among `pids`; throws when there is none to read. */
export function maxPeakRssMiB(pids: readonly number[]): number {
  if (pids.length === 0) throw new Error('no process to read');
  return Math.max(...pids.map(readPeakRssMiB));
}
