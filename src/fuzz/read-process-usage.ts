import { readFileSync, readdirSync } from 'node:fs';

/** One process's memory and descriptors, read from /proc (Linux). */
export interface ProcessUsage {
  /** Resident set size, KiB (VmRSS in /proc/PID/status). */
  readonly rssKiB: number;
  /** Open file descriptors (entries of /proc/PID/fd). */
  readonly fds: number;
}

/** Reads VmRSS and the fd count of `pid`; undefined when the process is gone (or is a zombie, which has no VmRSS). */
export function readProcessUsage(pid: number): ProcessUsage | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    if (!rss) return undefined;
    return { rssKiB: Number(rss[1]), fds: readdirSync(`/proc/${pid}/fd`).length };
  } catch {
    return undefined;
  }
}

