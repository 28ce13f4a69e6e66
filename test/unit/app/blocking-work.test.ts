import { describe, expect, it } from 'vitest';
import { BLOCK_SLICE_MS, burnCpu, sleepBlocking } from '../../../src/app/index.js';

/** A parentGone stand-in that turns true after `calls` checks. */
function goneAfter(calls: number): () => boolean {
  let n = 0;
  return () => ++n > calls;
}

describe('blocking work notices a vanished parent', () => {
  it('sleepBlocking waits in slices and stops at the first check after the parent is gone', () => {
    let gone = 0;
    const started = performance.now();
    sleepBlocking(10_000, goneAfter(2), () => void (gone += 1));
    const took = performance.now() - started;
    expect(gone).toBe(1);
    expect(took).toBeGreaterThanOrEqual(2 * BLOCK_SLICE_MS - 5);
    expect(took).toBeLessThan(10_000 / 4);
  });

  it('sleepBlocking sleeps the whole time while the parent is there', () => {
    const started = performance.now();
    sleepBlocking(120, () => false, () => {
      throw new Error('not gone');
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(119);
  });

  it('burnCpu stops once the parent is gone', () => {
    let gone = 0;
    const started = performance.now();
    burnCpu(10_000, goneAfter(3), () => void (gone += 1));
    expect(gone).toBe(1);
    expect(performance.now() - started).toBeLessThan(10_000 / 4);
  });
});
