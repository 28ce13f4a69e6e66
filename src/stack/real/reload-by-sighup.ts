import { wallClockMs } from '../../config/index.js';
import { caplabError } from '../../errors.js';
import { childrenOf } from '../../process/index.js';
import type { StackReload } from '../types.js';

/** How long a reload of a real pool may take. */
const RELOAD_TIMEOUT_MS = 60_000;
const POLL_MS = 50;

/**
 * Reloads a pool whose master takes SIGHUP as a graceful reload (gunicorn:
 * it starts `workers` new workers, then asks the old ones to finish their
 * requests and exit, within graceful_timeout): sends SIGHUP to `masterPid`
 * and waits until it has `workers` children again, none of them from before.
 * Rejects with E_STACK_START after RELOAD_TIMEOUT_MS.
 */
export async function reloadBySighup(masterPid: number, workers: number): Promise<StackReload> {
  const pidsBefore = childrenOf(masterPid);
  const startedAtMs = wallClockMs();
  process.kill(masterPid, 'SIGHUP');
  for (;;) {
    const now = childrenOf(masterPid);
    if (now.length === workers && now.every((pid) => !pidsBefore.includes(pid))) return { startedAtMs, endedAtMs: wallClockMs(), pidsBefore, pidsAfter: now };
    if (wallClockMs() - startedAtMs > RELOAD_TIMEOUT_MS) throw caplabError('E_STACK_START', `the pool (pid ${masterPid}) did not finish its reload within ${RELOAD_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
