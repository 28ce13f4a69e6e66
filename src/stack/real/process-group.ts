import { readdirSync } from 'node:fs';
import { readProcStat } from '../../process/index.js';

/**
 * Pids of the live (non-zombie) members of process group `pgid`, read from
 * /proc. A zombie can linger when its parent is gone and pid 1 does not reap
 * (some containers), and `kill(-pgid, 0)` would count it as alive forever.
 * Without /proc the answer falls back to `kill(-pgid, 0)`.
 */
export function groupMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return signalGroup(pgid, 0) ? [pgid] : [];
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry)); // undefined: it ended while we looked
    if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') members.push(Number(entry));
  }
  return members;
}

/** Sends `signal` to every process in group `pgid`; false if the group is empty. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until group `pgid` has no live member, polling; true if it emptied within `timeoutMs`. */
export async function waitGroupGone(pgid: number, timeoutMs: number, pollMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (groupMembers(pgid).length > 0) {
    if (Date.now() >= end) return false;
    await sleep(pollMs);
  }
  return true;
}

/**
 * Ends a program and everything it forked: SIGTERM to the leader (nginx and
 * uWSGI's masters stop their own workers on it; uWSGI needs --die-on-term),
 * and to the rest of the group as soon as the leader is gone without them;
 * then SIGKILL to the whole group once `graceMs` has passed. Resolves once
 * no member is left alive (or 2 s after the SIGKILL, whichever is first).
 */
export async function terminateGroup(pgid: number, graceMs: number, pollMs = 50): Promise<void> {
  const end = Date.now() + graceMs;
  let groupSignalled = false;
  try {
    process.kill(pgid, 'SIGTERM');
  } catch {
    groupSignalled = signalGroup(pgid, 'SIGTERM');
  }
  for (let members = groupMembers(pgid); members.length > 0; members = groupMembers(pgid)) {
    if (Date.now() >= end) {
      signalGroup(pgid, 'SIGKILL');
      await waitGroupGone(pgid, 2000, pollMs);
      return;
    }
    if (!groupSignalled && !members.includes(pgid)) groupSignalled = signalGroup(pgid, 'SIGTERM');
    await sleep(pollMs);
  }
}
