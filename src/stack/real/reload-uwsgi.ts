import { writeFile } from 'node:fs/promises';
import { wallClockMs } from '../../config/index.js';
import { caplabError } from '../../errors.js';
import { readStats, type PoolReload, type PoolStats } from '../../pool/index.js';

/** How long a chain reload of real uWSGI may take (each worker reloads Django's wrapper). */
const RELOAD_TIMEOUT_MS = 60_000;
/** How often the stats are read while waiting. */
const POLL_MS = 50;

/**
 * A chain reload of real uWSGI (`c` written to its master FIFO): the master
 * replaces its workers one after another, each after its predecessor is
 * ready again, as the embedded pool's reload does. uWSGI says nothing when
 * it is done, so its stats are read until every worker has a new pid and
 * accepts again. Rejects with E_STACK_START after RELOAD_TIMEOUT_MS.
 */
export async function chainReloadUwsgi(fifo: string, host: string, statsPort: number): Promise<PoolReload> {
  const before = await readStats(host, statsPort);
  const pidsBefore = before.workers.map((w) => w.pid);
  const startedAtMs = wallClockMs();
  await writeFile(fifo, 'c');
  const deadline = startedAtMs + RELOAD_TIMEOUT_MS;
  for (;;) {
    const now = await readStats(host, statsPort).catch((): PoolStats | null => null);
    if (now && replacedAll(pidsBefore, now)) return { startedAtMs, endedAtMs: wallClockMs(), pidsBefore, pidsAfter: now.workers.map((w) => w.pid) };
    if (wallClockMs() > deadline) throw caplabError('E_STACK_START', `uWSGI did not finish its chain reload within ${RELOAD_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function replacedAll(pidsBefore: readonly number[], stats: PoolStats): boolean {
  return stats.workers.every((w) => w.pid > 0 && !pidsBefore.includes(w.pid) && w.accepting === 1);
}
