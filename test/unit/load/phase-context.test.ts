import { describe, expect, it } from 'vitest';
import { drainWallMs, groupPhases, phaseBudgetWallMs } from '../../../src/load/index.js';
import { buildPlan, parseScenario } from '../../../src/scenario/index.js';

describe('phases and budgets', () => {
  const plan = buildPlan(
    parseScenario(`
name: p
stack: { upstreamTimeout: 20s }
load:
  - burst: { count: 2, path: /a }
  - parallel: true
    open: { rate: 5, duration: 10s, path: /b }
  - closed: { clients: 2, amount: 10, thinkTime: 1s, path: /c }
  - parallel: true
    ramp: { from: 1, to: 2, duration: 4s, path: /d }
`),
    { timeScale: 0.1 },
  );

  it('groups each phase with the parallel ones after it', () => {
    expect(groupPhases(plan.phases).map((g) => g.map((p) => p.name))).toEqual([['burst#0', 'open#1'], ['closed#2', 'ramp#3']]);
  });

  it('drains for the upstream timeout plus a margin, scaled, and bounds amount-limited closed phases', () => {
    expect(drainWallMs(plan)).toBeCloseTo((20_000 + 5000) * 0.1, 9);
    expect(phaseBudgetWallMs(plan, plan.phases[1]!)).toBeCloseTo(1000 + 2500, 9);
    expect(phaseBudgetWallMs(plan, plan.phases[2]!)).toBeCloseTo(5 * (2500 + 100), 9);
    const tiny = { ...plan, timeScale: 0.0001 };
    expect(drainWallMs(tiny)).toBe(250);
  });
});
