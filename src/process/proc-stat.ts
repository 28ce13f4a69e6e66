import { readFileSync } from 'node:fs';

/** The fields of /proc/PID/stat that caplab reads. */
export interface ProcStat {
  /** 'R' running, 'S' sleeping, 'Z' zombie, 'X' dead, … */
  readonly state: string;
  readonly ppid: number;
  /** Process group id. */
  readonly pgrp: number;
}

/**
 * Reads /proc/PID/stat (Linux); undefined when there is no such process or
 * no /proc. The command name may hold spaces and parentheses, so fields are
 * counted from the last ')'.
 */
export function readProcStat(pid: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const [state = '', ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid), pgrp: Number(pgrp) };
}

/**
 * True while `pid` is a live process. A zombie (exited, not yet reaped —
 * which can last forever when its parent is gone and pid 1 does not reap,
 * as in some containers) counts as dead, though `kill(pid, 0)` still
 * succeeds on it. Without /proc the answer falls back to `kill(pid, 0)`.
 */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists, owned by someone else
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProcStat(pid);
  if (stat) return stat.state !== 'Z' && stat.state !== 'X';
  return procMissing();
}

let noProc: boolean | undefined;
/** True when /proc is not mounted (the kill(pid, 0) answer stands alone). */
function procMissing(): boolean {
  noProc ??= readProcStat(process.pid) === undefined;
  return noProc;
}
