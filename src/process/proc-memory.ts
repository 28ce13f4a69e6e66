import { readdirSync, readFileSync } from 'node:fs';
import { readProcStat } from './proc-stat.js';

/**
 * Resident set size and virtual size of process `pid`, in bytes, read from
 * /proc/<pid>/status (VmRSS, VmSize). Zeros when they cannot be read (the
 * process is gone, is a zombie or a kernel thread, or the system has no /proc).
 */
export function readProcessMemory(pid: number): { rss: number; vsz: number } {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return { rss: 0, vsz: 0 };
  }
  return { rss: kilobytes(status, 'VmRSS') * 1024, vsz: kilobytes(status, 'VmSize') * 1024 };
}

function kilobytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s*(\\d+)\\s*kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** The live (not zombie) children of `pid`, in pid order, from /proc; empty where /proc cannot be read. */
export function childrenOf(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((child) => {
      const stat = readProcStat(child);
      return stat !== undefined && stat.ppid === pid && stat.state !== 'Z';
    })
    .sort((a, b) => a - b);
}

/**
 * The resident set size (VmRSS, bytes) of each live child of `pid`, in pid
 * order; a child that ends while it is read, or that has no VmRSS line (a
 * kernel thread, a zombie), is left out. Empty where /proc cannot be read.
 */
export function childrenRssBytes(pid: number): number[] {
  return childrenOf(pid)
    .map((child) => readProcessMemory(child).rss)
    .filter((rss) => rss > 0);
}
