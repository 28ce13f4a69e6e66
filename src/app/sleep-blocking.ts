import { parentGone } from '../process/index.js';

/** Longest single wait, so a blocked worker notices within this long that its parents are gone. */
export const BLOCK_SLICE_MS = 50;

const cell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Blocks the calling thread for `ms` wall-clock ms, like Python's
 * `time.sleep` in a sync worker: no events, timers or IPC run meanwhile. It
 * waits in slices of at most BLOCK_SLICE_MS and calls `onGone` (default:
 * exit the process) as soon as `gone()` says the parent has disappeared, so
 * a sleeping worker never outlives the processes that started it.
 */
export function sleepBlocking(ms: number, gone: () => boolean = parentGone, onGone: () => void = () => process.exit(0)): void {
  const end = performance.now() + ms;
  for (;;) {
    if (gone()) return onGone();
    const left = end - performance.now();
    if (left <= 0) return;
    Atomics.wait(cell, 0, 0, Math.min(BLOCK_SLICE_MS, left));
  }
}
