import { readFileSync } from 'node:fs';

/** How often a master reads each worker's RSS for reload-on-rss, wall ms (uWSGI checks once per master cycle, about a second). */
export const RSS_CHECK_MS = 200;

/**
 * Resident set size and virtual size of process `pid`, in bytes, read from
 * /proc/<pid>/status (VmRSS, VmSize). Zeros when they cannot be read (the
 * process is gone, or the system has no /proc).
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
