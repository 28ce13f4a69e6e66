import { describe, expect, it } from 'vitest';
import { predictRun, runTrace, simulatePool } from '../../../src/plan/index.js';
import { reachesPool } from '../../../src/routing/index.js';
import { buildPlan, buildSchedule, parseScenario } from '../../../src/scenario/index.js';

const plan = (yaml: string, seed = 3) => buildPlan(parseScenario(yaml), { timeScale: 1, seed });

describe('runTrace', () => {
  it('replays the run’s own schedule: the same times and service draws the load generator sends', () => {
    const p = plan(`name: t\nstack: { static: . }\nload:\n  - open:\n      rate: 50\n      arrival: poisson\n      duration: 2s\n      requests:\n        - path: /sleep\n          service: { dist: exponential, mean: 20ms }\n        - path: /static/a.txt\n`);
    // The trace holds what reaches the pool, by the one routing rule.
    const sent = buildSchedule(p)[0]!.requests.filter((r) => reachesPool(r.path, p.stack));
    const { arrivals } = runTrace(p);
    expect(arrivals).toHaveLength(1);
    const trace = arrivals[0]!;
    if (trace.kind !== 'trace') throw new Error('expected a trace');
    expect(trace.timesMs).toEqual(sent.map((r) => r.atMs));
    const drawn = sent.map(() => trace.service!({ next: () => 0, nextUint32: () => 0 }));
    expect(drawn).toEqual(sent.map((r) => Number(new URL(r.path, 'http://x').searchParams.get('ms'))));
  });

  it('keeps /static/ requests when the stack has no static directory: the proxy forwards them to the pool', () => {
    const yaml = (stack: string) => `name: t\n${stack}load:\n  - burst: { count: 4, path: /static/a.txt }\n`;
    const count = (p: ReturnType<typeof plan>) => runTrace(p).arrivals.reduce((n, a) => n + (a.kind === 'trace' ? a.timesMs.length : 0), 0);
    expect(count(plan(yaml('')))).toBe(4);
    expect(count(plan(yaml('stack: { static: . }\n')))).toBe(0);
  });

  it('simulates the seed experiment exactly, and keeps closed phases as closed clients', () => {
    const seed = plan(`name: s\nstack: { workers: 2 }\nload:\n  - burst: { count: 3, path: /sleep?ms=10000 }\n`);
    const sim = simulatePool({ workers: 2, arrivals: runTrace(seed).arrivals, records: true });
    expect(sim.records!.map((r) => r.latencyMs).sort((a, b) => a - b)).toEqual([10000, 10000, 20000]);
    const closed = plan(`name: c\nload:\n  - closed: { clients: 4, duration: 1s, thinkTime: 10ms, path: /sleep?ms=50 }\n`);
    expect(runTrace(closed).arrivals.map((a) => a.kind)).toEqual(['closed']);
  });

  it('gives the same prediction for the same seed and a different one for another', () => {
    const yaml = `name: p\nstack: { workers: 2 }\nload:\n  - open: { rate: 15, arrival: poisson, duration: 20s, requests: [ { path: /sleep, service: { dist: exponential, mean: 100ms } } ] }\n`;
    expect(predictRun(plan(yaml, 1)).simulated).toEqual(predictRun(plan(yaml, 1)).simulated);
    expect(predictRun(plan(yaml, 1)).simulated.meanWaitMs).not.toBe(predictRun(plan(yaml, 2)).simulated.meanWaitMs);
  });

  it('says that predicted 503s are SYN-retry delays on a kernel-queue pool, and only there', () => {
    const yaml = (queue: string) => `name: o\nstack: { workers: 1, listen: 2, queue: ${queue} }\nload:\n  - burst: { count: 8, path: /sleep?ms=1000 }\n`;
    const kernel = predictRun(plan(yaml('kernel')));
    expect(kernel.simulated.refusedShare).toBeGreaterThan(0);
    expect(kernel.notes.some((n) => /kernel drops those SYNs/.test(n))).toBe(true);
    expect(predictRun(plan(yaml('master'))).notes.some((n) => /SYN/.test(n))).toBe(false);
    const roomy = `name: r\nstack: { workers: 1, listen: 100 }\nload:\n  - burst: { count: 8, path: /sleep?ms=1000 }\n`;
    expect(predictRun(plan(roomy)).notes.some((n) => /SYN/.test(n))).toBe(false);
  });
});
