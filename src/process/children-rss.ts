import { readdirSync, readFileSync } from 'node:fs';
import { readProcStat } from './proc-stat.js';

/**
 * The children of `pid`: from /proc/PID/task/PID/children where the kernel
 * has it (CONFIG_PROC_CHILDREN; one small read, as a timeline sample
 * should be), else by scanning every /proc/N/stat for the parent pid.
 */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // no such file on this kernel, or the process is gone: scan
  }
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((child) => readProcStat(child)?.ppid === pid);
}

/**
 * The resident set size (VmRSS, bytes) of each live child of `pid`, read
 * from /proc (Linux), in pid order; a child that ends while it is read, or
 * that has no VmRSS line (a zombie), is left out. Empty where /proc cannot
 * be read.
 */
export function childrenRssBytes(pid: number): number[] {
  const children = childPids(pid).sort((a, b) => a - b);
  const sizes: number[] = [];
  for (const child of children) {
    try {
      const m = /^VmRSS:\s*(\d+)\s*kB/m.exec(readFileSync(`/proc/${child}/status`, 'latin1'));
      if (m) sizes.push(Number(m[1]) * 1024);
    } catch {
      // ended while we looked
    }
  }
  return sizes;
}
