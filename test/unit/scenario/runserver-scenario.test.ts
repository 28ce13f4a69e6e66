import { describe, expect, it } from 'vitest';
import { buildPlan, loadScenario, resolveScenario } from '../../../src/scenario/index.js';

describe('built-in scenario runserver-threads-vs-prefork', () => {
  it('is found by name and plans three simultaneous CPU-bound requests against two workers', async () => {
    const scenario = await loadScenario(resolveScenario('runserver-threads-vs-prefork'));
    const plan = buildPlan(scenario, { timeScale: 1 });
    expect(plan.stack.workers).toBe(2);
    expect(scenario.load).toHaveLength(1);
    expect(scenario.load[0]).toMatchObject({ kind: 'burst', count: 3, requests: [{ method: 'GET', path: expect.stringMatching(/^\/cpu\?ms=/) }] });
    expect(scenario.description).toMatch(/processor sharing/);
  });
});
