import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleepFor } from 'node:timers/promises';

/** Below this many ms before a target time, the scheduler stops sleeping on a timer and polls the clock. */
export const SPIN_MS = 2;

/** Monotonic wall-clock time in ms (sub-millisecond resolution). */
export function now(): number {
  return performance.now();
}

/**
 * Resolves at `target` (a `now()` time), or as soon as `signal` aborts.
 * Sleeps on a timer until about SPIN_MS before the target (timers fire a
 * millisecond or so late), then yields to the event loop with setImmediate
 * until the clock reaches it, so responses keep being read meanwhile. The
 * polling is bounded by SPIN_MS per target. Never rejects.
 */
export async function sleepUntil(target: number, signal?: AbortSignal): Promise<void> {
  const ahead = target - now();
  if (ahead > SPIN_MS) {
    try {
      await sleepFor(ahead - SPIN_MS, undefined, signal ? { signal } : {});
    } catch {
      return;
    }
  }
  while (now() < target && !signal?.aborted) await nextTurn();
}

/** Resolves after `ms` (or at once when `signal` aborts); never rejects. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  try {
    await sleepFor(ms, undefined, signal ? { signal } : {});
  } catch {
    // aborted
  }
}
