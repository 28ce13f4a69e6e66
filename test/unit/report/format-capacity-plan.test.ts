import { describe, expect, it } from 'vitest';
import { analyzeMmc, parseService, parseSlo, planCapacity } from '../../../src/plan/index.js';
import { formatCapacityPlan, formatMs } from '../../../src/report/index.js';

describe('formatCapacityPlan', () => {
  it('shows Allen–Cunneen’s mean wait beside a simulated plan’s, and says it is an approximation', () => {
    const plan = planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1ms'), method: 'simulated', requests: 5_000, minWorkers: 6, maxWorkers: 6 });
    const text = formatCapacityPlan(plan);
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('workers')) ?? '';
    expect(header).toMatch(/mean wait +A–C mean wait +p99 wait/);
    const m = analyzeMmc({ ratePerSec: 40, serviceMs: 120, workers: 6 });
    if (!m.stable) throw new Error('expected a stable M/M/c');
    const row = lines[lines.indexOf(header) + 1] ?? '';
    const cells = row.trim().split(/ {2,}/);
    expect(cells[4]).toBe(formatMs(m.meanWaitMs));
    expect(text).toMatch(/^note: A–C mean wait is the Allen–Cunneen approximation .*exact for M\/M\/c and M\/G\/1/m);
  });

  it('has no such column for an analytic plan, whose mean wait is exact', () => {
    const text = formatCapacityPlan(planCapacity({ ratePerSec: 40, service: parseService('exp:120ms'), slo: parseSlo('p99<1s') }));
    expect(text).not.toMatch(/A–C/);
  });
});
