import { describe, expect, it } from 'vitest';
import { buildPlan, buildSchedule, createRequestSource, drawService, parseScenario, schedulePhase, withServiceMs, type RunPlan } from '../../../src/scenario/index.js';
import { createRng } from '../../../src/random/index.js';

const MIXED = `
name: mixed
load:
  - open:
      rate: 50
      arrival: poisson
      duration: 20s
      requests:
        - { path: /sleep, weight: 3, service: { dist: exponential, mean: 100ms } }
        - { path: /hello?x=1, weight: 1 }
  - parallel: true
    burst: { count: 5, requests: [{ path: /cpu, service: { dist: uniform, min: 10ms, max: 20ms } }] }
  - ramp: { from: 1, to: 9, duration: 10s, arrival: poisson, path: /hello }
`;
const planFor = (seed: number): RunPlan => buildPlan(parseScenario(MIXED), { seed, timeScale: 1 });

describe('buildSchedule', () => {
  it('repeats the same schedule for the same seed and changes with another', () => {
    const a = buildSchedule(planFor(7));
    expect(buildSchedule(planFor(7))).toEqual(a);
    const b = buildSchedule(planFor(8));
    expect(b[0]!.requests.map((r) => r.atMs)).not.toEqual(a[0]!.requests.map((r) => r.atMs));
    expect(b[0]!.requests.map((r) => r.path)).not.toEqual(a[0]!.requests.map((r) => r.path));
  });

  it('matches the plan: names, and the exact counts the plan announced', () => {
    const plan = planFor(3);
    const schedule = buildSchedule(plan);
    expect(schedule.map((s) => s.phase)).toEqual(['open#0', 'burst#1', 'ramp#2']);
    schedule.forEach((s, i) => expect(s.requests.length).toBe(plan.phases[i]!.expectedRequests));
    expect(plan.totalRequests).toBe(schedule.reduce((n, s) => n + s.requests.length, 0));
  });

  it('puts a burst at one instant, and keeps arrivals in time order within the phase', () => {
    const [open, burst] = buildSchedule(planFor(3));
    expect(burst!.requests.every((r) => r.atMs === 0)).toBe(true);
    const t = open!.requests.map((r) => r.atMs);
    expect(t).toEqual([...t].sort((x, y) => x - y));
  });

  it('respects mix weights and appends drawn service times as ms=', () => {
    const [open, burst] = buildSchedule(planFor(11));
    const reqs = open!.requests;
    const sleeps = reqs.filter((r) => r.path.startsWith('/sleep?ms='));
    const hellos = reqs.filter((r) => r.path === '/hello?x=1');
    expect(sleeps.length + hellos.length).toBe(reqs.length);
    const share = sleeps.length / reqs.length;
    const sd = Math.sqrt((0.75 * 0.25) / reqs.length);
    expect(Math.abs(share - 0.75)).toBeLessThan(4 * sd);
    const ms = sleeps.map((r) => Number(new URL(r.path, 'http://x').searchParams.get('ms')));
    const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
    expect(Math.abs(mean - 100)).toBeLessThan((4 * 100) / Math.sqrt(ms.length));
    for (const r of burst!.requests) {
      const v = Number(new URL(r.path, 'http://x').searchParams.get('ms'));
      expect(v >= 10 && v <= 20).toBe(true);
    }
  });

  it('schedulePhase is deterministic for a given generator state and empty for closed phases', () => {
    const plan = planFor(5);
    const phase = plan.phases[0]!;
    expect(schedulePhase(phase, createRng(9))).toEqual(schedulePhase(phase, createRng(9)));
    const closed = buildPlan(parseScenario('name: c\nload:\n  - closed: { clients: 2, duration: 1s, path: /hello }\n'), { timeScale: 1 });
    expect(schedulePhase(closed.phases[0]!, createRng(1))).toEqual([]);
  });
});

describe('service draws', () => {
  const sample = (draw: () => number, n = 20_000): { mean: number; sorted: number[] } => {
    const xs = Array.from({ length: n }, draw).sort((a, b) => a - b);
    return { mean: xs.reduce((a, b) => a + b, 0) / n, sorted: xs };
  };

  it('draws each distribution with the right centre', () => {
    const rng = createRng(2024);
    expect(drawService({ dist: 'constant', value: 42 }, rng)).toBe(42);
    const u = sample(() => drawService({ dist: 'uniform', min: 10, max: 30 }, rng));
    expect(u.sorted[0]!).toBeGreaterThanOrEqual(10);
    expect(u.sorted.at(-1)!).toBeLessThanOrEqual(30);
    expect(Math.abs(u.mean - 20)).toBeLessThan(0.3);
    const e = sample(() => drawService({ dist: 'exponential', mean: 100 }, rng));
    expect(Math.abs(e.mean - 100)).toBeLessThan(3);
    const l = sample(() => drawService({ dist: 'lognormal', median: 50, sigma: 0.5 }, rng));
    expect(Math.abs(l.sorted[10_000]! / 50 - 1)).toBeLessThan(0.04);
    expect(Math.abs(l.mean / (50 * Math.exp(0.125)) - 1)).toBeLessThan(0.03);
    const values = [5, 10, 40];
    const emp = sample(() => drawService({ dist: 'empirical', values }, rng), 3000);
    expect(new Set(emp.sorted)).toEqual(new Set(values));
  });

  it('draws the same requests in the same order from the same seed', () => {
    const plan = planFor(1);
    const mix = plan.phases[0]!.requests;
    const a = createRequestSource(mix, createRng(4));
    const b = createRequestSource(mix, createRng(4));
    for (let i = 0; i < 100; i += 1) expect(a()).toEqual(b());
  });
});

describe('withServiceMs', () => {
  it('appends a plain decimal the sample app accepts, clamped to one hour', () => {
    expect(withServiceMs('/sleep', 103.4567)).toBe('/sleep?ms=103.46');
    expect(withServiceMs('/sleep?x=1', 5)).toBe('/sleep?x=1&ms=5');
    expect(withServiceMs('/sleep', 1e-9)).toBe('/sleep?ms=0');
    expect(withServiceMs('/sleep', 1e12)).toBe('/sleep?ms=3600000');
    for (const ms of [0.004, 0.01, 7, 99.999, 12345.678]) expect(withServiceMs('/cpu', ms)).toMatch(/^\/cpu\?ms=\d+(\.\d+)?$/);
  });
});
