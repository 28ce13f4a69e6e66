import { checkTarget, type TargetHealth } from './check-target.js';
import { finding } from './fuzz-target.js';
import type { Finding } from './fuzz-summary.js';
import { makeCase } from './make-case.js';
import { sendCase } from './send-case.js';
import type { RunningTarget } from './targets.js';

/** Most cases replayed to find one culprit. */
export const MAX_REPLAYED = 3_000;

/**
 * Replays cases `firstId`…`lastId` one at a time against a healthy
 * `target`, checking its health after each, and returns the first case
 * after which a worker respawned or a role died, confirmed by one more
 * replay of that case alone (polling up to `settleMs` for the respawn).
 * Returns null when no single case does it (the crash needed concurrency,
 * or the window was longer than MAX_REPLAYED cases), or on abort.
 */
export async function findCulprit(
  target: RunningTarget,
  seed: number,
  firstId: number,
  lastId: number,
  options: { readonly hangMs: number; readonly settleMs: number; readonly signal?: AbortSignal },
): Promise<Finding | null> {
  const crashed = async (before: TargetHealth, settleMs: number): Promise<boolean> => {
    const end = performance.now() + settleMs;
    for (;;) {
      const now = await checkTarget(target);
      if (now.dead.length > 0 || now.respawns > before.respawns || now.workerPids.some((p, i) => p !== before.workerPids[i])) return true;
      if (performance.now() >= end) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const settled = async (): Promise<TargetHealth> => {
    for (let i = 0; i < 100; i += 1) {
      const h = await checkTarget(target);
      if (h.workerPids.length > 0 && h.workerPids.every((p) => p > 0)) return h;
      await new Promise((r) => setTimeout(r, 20));
    }
    return checkTarget(target);
  };
  for (let id = firstId; id <= Math.min(lastId, firstId + MAX_REPLAYED - 1); id += 1) {
    if (options.signal?.aborted) return null;
    const c = makeCase(seed, target.protocol, id);
    const before = await settled();
    if (before.dead.length > 0) return null;
    const out = await sendCase(target.host, target.port, c, options.hangMs);
    if (!(await crashed(before, 0))) continue;
    const again = await settled();
    await sendCase(target.host, target.port, c, options.hangMs);
    if (await crashed(again, options.settleMs)) return finding(target.spec.name, c, out);
  }
  return null;
}
