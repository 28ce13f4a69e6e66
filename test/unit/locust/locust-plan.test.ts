import { describe, expect, it } from 'vitest';
import { locustFidelity, locustPlan, renderLocustfile } from '../../../src/locust/index.js';
import { buildPlan, buildSchedule, parseScenario, type RunPlan } from '../../../src/scenario/index.js';

function plan(yaml: string, timeScale = 0.5, seed = 7): RunPlan {
  return buildPlan(parseScenario(yaml, 'test.yaml'), { timeScale, seed });
}

const MIXED = `
name: mixed
stack: { workers: 2, upstreamTimeout: 4s }
load:
  - burst: { count: 3, path: /sleep?ms=100 }
  - open:
      rate: 30
      arrival: poisson
      duration: 2s
      requests:
        - { path: /sleep, weight: 2, service: { dist: exponential, mean: 50ms } }
        - { path: /hello, method: POST, body: "x", headers: { X-A: b } }
  - ramp: { from: 5, to: 20, duration: 1s, arrival: constant, path: /hello }
    parallel: true
  - closed: { clients: 5, amount: 12, thinkTime: 100ms, requests: [{ path: /cpu, service: { dist: uniform, min: 1ms, max: 3ms } }] }
`;

describe('locustPlan', () => {
  it('carries caplab\'s exact schedule for burst, open and ramp phases, in wall seconds', () => {
    const p = plan(MIXED);
    const data = locustPlan(p, 'http://127.0.0.1:9');
    const schedules = buildSchedule(p);
    for (const i of [0, 1, 2]) {
      const phase = data.phases[i];
      if (phase?.kind !== 'scheduled') throw new Error(`phase ${i} is not scheduled`);
      const expected = schedules[i]?.requests ?? [];
      expect(phase.schedule).toHaveLength(expected.length);
      phase.schedule.forEach(([at, mix, path], k) => {
        const r = expected[k];
        expect(at).toBeCloseTo(((r?.atMs ?? NaN) * 0.5) / 1000, 6);
        expect(path).toBe(r?.path);
        expect(phase.mix[mix]).toEqual({ method: r?.method, headers: r?.headers, body: r?.body });
      });
    }
    expect(data.phases[1]?.kind === 'scheduled' && data.phases[1].mix).toHaveLength(2);
  });

  it('keeps closed phases as parameters, groups parallel phases, and sums the groups\' budgets into the hard limit', () => {
    const p = plan(MIXED);
    const data = locustPlan(p, 'http://127.0.0.1:9');
    expect(data.groups).toEqual([[0], [1, 2], [3]]);
    const closed = data.phases[3];
    expect(closed).toMatchObject({ kind: 'closed', clients: 5, amount: 12, thinkS: 0.05 });
    const budgets = data.phases.map((x) => x.budgetS);
    expect(data.hardLimitS).toBeCloseTo((budgets[0] ?? 0) + Math.max(budgets[1] ?? 0, budgets[2] ?? 0) + (budgets[3] ?? 0), 6);
    // drain: (4 s + max(1 s, 1 s)) × 0.5
    expect(data.drainS).toBe(2.5);
  });

  it('refuses a phase kind it does not know with E_LOCUST_UNSUPPORTED, naming the phase', () => {
    const p = plan(MIXED);
    const odd = { ...p, phases: [{ ...p.phases[0], name: 'reload#0', kind: 'reload' } as unknown as RunPlan['phases'][number]] };
    expect(() => locustPlan(odd, 'http://127.0.0.1:9')).toThrow(expect.objectContaining({ code: 'E_LOCUST_UNSUPPORTED', message: 'phase reload#0 (reload) cannot run on Locust' }));
  });

  it('says which phases are exact on Locust and which approximate', () => {
    expect(plan(MIXED).phases.map(locustFidelity)).toEqual(['exact', 'exact', 'exact', 'approximate']);
  });

  it('gives the same schedule for the same seed, and another for another seed', () => {
    const a = locustPlan(plan(MIXED, 0.5, 7), 'http://127.0.0.1:9');
    expect(locustPlan(plan(MIXED, 0.5, 7), 'http://127.0.0.1:9')).toEqual(a);
    expect(locustPlan(plan(MIXED, 0.5, 8), 'http://127.0.0.1:9').phases[1]).not.toEqual(a.phases[1]);
  });
});

describe('renderLocustfile', () => {
  const source = renderLocustfile(locustPlan(plan(MIXED), 'http://127.0.0.1:9'));

  it('sets Locust\'s version at the top when Debian\'s package leaves it empty', () => {
    const lines = source.split('\n');
    const fix = lines.findIndex((l) => l.trim() === 'if not locust.__version__:');
    expect(fix).toBeGreaterThan(0);
    expect(lines.slice(0, fix).filter((l) => l.startsWith('import ') || l.startsWith('from '))).toEqual(['import locust, locust.runners']);
    expect(source).toContain('locust.__version__ = locust.runners.__version__ = "2.12.1"');
  });

  it('embeds the plan as one JSON string literal that reads back to the same data', () => {
    const literal = /^PLAN = json\.loads\((".*")\)$/m.exec(source)?.[1];
    expect(literal).toBeDefined();
    expect(JSON.parse(JSON.parse(literal ?? '""') as string)).toEqual(locustPlan(plan(MIXED), 'http://127.0.0.1:9'));
  });
});
