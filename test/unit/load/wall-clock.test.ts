import { describe, expect, it } from 'vitest';
import { now, sleepUntil } from '../../../src/load/index.js';

describe('sleepUntil', () => {
  it('never resolves before its target', async () => {
    for (const ahead of [0.5, 3, 15]) {
      const target = now() + ahead;
      await sleepUntil(target);
      expect(now()).toBeGreaterThanOrEqual(target);
    }
  });
  it('returns when aborted, long before a far target', async () => {
    const controller = new AbortController();
    const start = now();
    setTimeout(() => controller.abort(), 20);
    await sleepUntil(start + 60_000, controller.signal);
    expect(now() - start).toBeLessThan(30_000);
  });
});
