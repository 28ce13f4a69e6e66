import { readdirSync, readFileSync } from 'node:fs';
import { readProcStat } from './proc-stat.js';

/**
 * The resident set size (VmRSS, bytes) of each live child of `pid`, read
 * from /proc (Linux), in pid order; a child that ends while it is read, or
 * that has no VmRSS line (a kernel thread, a zombie), is left out. Empty
 * where /proc cannot be read.
 */
export function childrenRssBytes(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const children = entries
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((child) => {
      const stat = readProcStat(child);
      return stat !== undefined && stat.ppid === pid && stat.state !== 'Z';
    })
    .sort((a, b) => a - b);
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
