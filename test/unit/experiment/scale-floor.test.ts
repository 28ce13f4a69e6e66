import { describe, expect, it } from 'vitest';
import { assertScaleFloor, MIN_WALL_LIMIT_MS, stackCostWarning } from '../../../src/experiment/index.js';
import { buildPlan, parseScenario } from '../../../src/scenario/index.js';

const plan = (timeScale: number, stack = '') =>
  buildPlan(parseScenario(`name: s\n${stack}load:\n  - burst: { count: 3, path: /sleep?ms=10000 }\n`), { timeScale });

describe('assertScaleFloor', () => {
  it('refuses a scale at which the upstream timeout is shorter than the stack\'s own cost, and names a scale that works', () => {
    let caught: { code?: string; message?: string; hint?: string } = {};
    try {
      assertScaleFloor(plan(1e-9));
    } catch (err) {
      caught = err as typeof caught;
    }
    expect(caught.code).toBe('E_SCALE_TOO_SMALL');
    expect(caught.message).toMatch(/upstream timeout of 60 s/);
    expect(caught.hint).toBe('use --time-scale 0.00084 or more');
    // The scale it names is accepted.
    expect(() => assertScaleFloor(plan(0.00084))).not.toThrow();
    expect(60_000 * 0.00084).toBeGreaterThanOrEqual(MIN_WALL_LIMIT_MS);
  });

  it('accepts the scales the lab is used at, and checks harakiri too', () => {
    for (const s of [1, 0.05, 0.01, 0.001]) expect(() => assertScaleFloor(plan(s))).not.toThrow();
    expect(() => assertScaleFloor(plan(0.001, 'stack: { harakiri: 20s }\n'))).toThrow(/harakiri of 20 s/);
  });
});

describe('stackCostWarning', () => {
  it('warns once the stack\'s own 1 ms counts as more than a second of scenario time', () => {
    expect(stackCostWarning(plan(0.001))).toBeNull();
    expect(stackCostWarning(plan(0.0001))).toMatch(/10 s of scenario time/);
  });
});
