import { describe, expect, it } from 'vitest';
import { evaluateThreshold, type Stats, type Summary } from '../../../src/results/index.js';
import { parseThreshold } from '../../../src/scenario/index.js';

const stats = (scale: number): Stats => ({ count: 100, mean: 50 * scale, min: 1 * scale, p50: 40 * scale, p90: 90 * scale, p95: 95 * scale, p99: 99 * scale, max: 120 * scale });
const summary: Summary = {
  count: 200,
  ok: 196,
  errors: 4,
  durationMs: 10_000,
  throughputRps: 20,
  latencyMs: stats(10),
  queueMs: stats(1),
  serviceMs: stats(2),
  status: { '200': 196, '503': 4 },
};

describe('thresholds', () => {
  it('parses times to ms, rates to ratios, counts and rates per second', () => {
    expect(parseThreshold('latency.p99 < 2s')).toEqual({ expr: 'latency.p99 < 2s', metric: 'latency', stat: 'p99', op: '<', value: 2000 });
    expect(parseThreshold('queue.p95<=500ms')).toMatchObject({ metric: 'queue', stat: 'p95', op: '<=', value: 500 });
    expect(parseThreshold('errors.rate < 1%').value).toBeCloseTo(0.01, 12);
    expect(parseThreshold('errors.rate < 0.05').value).toBe(0.05);
    expect(parseThreshold('errors.count <= 3')).toMatchObject({ stat: 'count', value: 3 });
    expect(parseThreshold('throughput.rps >= 50/s')).toMatchObject({ metric: 'throughput', op: '>=', value: 50 });
    expect(parseThreshold('service.mean > 100')).toMatchObject({ value: 100 });
  });

  it.each([
    ['latency.p42 < 1s', /unknown statistic "latency.p42"/],
    ['latncy.p99 < 1s', /unknown metric "latncy"/],
    ['latency.p99 = 1s', /must read/],
    ['errors.rate < 150%', /bad limit "150%"/],
    ['errors.count < 2.5', /bad limit "2.5"/],
    ['latency.p99 < fast', /bad limit "fast"/],
  ])('refuses %j', (expr, message) => {
    expect(() => parseThreshold(expr)).toThrow(message);
  });

  it('evaluates each metric against a summary, purely', () => {
    const check = (expr: string): { ok: boolean; actual: number; limit: number } => evaluateThreshold(parseThreshold(expr), summary);
    expect(check('latency.p99 < 2s')).toEqual({ expr: 'latency.p99 < 2s', ok: true, actual: 990, limit: 2000 });
    expect(check('latency.max < 1s').ok).toBe(false);
    expect(check('latency.max <= 1200ms').ok).toBe(true);
    expect(check('queue.p95 < 95ms').ok).toBe(false);
    expect(check('service.mean >= 100').ok).toBe(true);
    expect(check('errors.rate < 1%')).toMatchObject({ ok: false, actual: 0.02, limit: 0.01 });
    expect(check('errors.rate < 5%').ok).toBe(true);
    expect(check('errors.count <= 4').ok).toBe(true);
    expect(check('errors.count < 4').ok).toBe(false);
    expect(check('throughput.rps > 20').ok).toBe(false);
    expect(check('throughput.rps >= 20').ok).toBe(true);
  });

  it('counts an error rate over no requests as 0', () => {
    const empty: Summary = { ...summary, count: 0, ok: 0, errors: 0 };
    expect(evaluateThreshold(parseThreshold('errors.rate < 1%'), empty)).toMatchObject({ ok: true, actual: 0 });
  });
});
