import { readFileSync } from 'node:fs';

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

/** The largest peak RSS (MiB) among `pids`; throws when there is none to read. */
export function maxPeakRssMiB(pids: readonly number[]): number {
  if (pids.length === 0) throw new Error('no process to read');
  return Math.max(...pids.map(readPeakRssMiB));
}
