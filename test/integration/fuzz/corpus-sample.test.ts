import { describe, expect, it } from 'vitest';
import { runFuzz, TARGETS } from '../../../src/fuzz/index.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';

/** Cases per target: a few hundred in all, the same ones on every run (seed 1). */
const PER_TARGET = 50;
const targets = TARGETS.filter((t) => t.queue === 'master' || !SKIP_KERNEL);

describe(`a seeded sample of the fuzz corpus${NO_NATIVE}`, () => {
  it(`${PER_TARGET} cases on each of ${targets.length} pool and proxy targets: no crash, no hang, no wrong answer`, { timeout: 180_000 }, async () => {
    const out = await runFuzz({ seed: 1, cases: PER_TARGET * targets.length, seconds: 150, concurrency: 4, hangMs: 8_000, workers: 2, targets });
    expect(out.targets.map((t) => [t.target, t.cases])).toEqual(targets.map((t) => [t.name, PER_TARGET]));
    expect(out.crashes).toEqual([]);
    expect(out.hangs).toEqual([]);
    expect(out.wrong).toEqual([]);
    for (const t of out.targets) {
      expect(t.respawns, t.target).toBe(0);
      // Every origin is in the sample, and most cases get an answer rather than a bare close.
      expect(Object.keys(t.byOrigin).sort(), t.target).toEqual(['mutated', 'random', 'valid']);
      expect(t.outcomes['answered'] ?? 0, t.target).toBeGreaterThan(PER_TARGET / 2);
      // The pool answers every well-formed request, half-closed or not.
      if (t.target.startsWith('pool')) expect(t.unanswered, t.target).toBe(0);
    }
  });
});
