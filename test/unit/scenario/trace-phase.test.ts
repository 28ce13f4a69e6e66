import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrace, scenarioWorkload } from '../../../src/plan/index.js';
import { buildPlan, buildSchedule, formatPlan, formatTraceFile, parseScenario, parseTraceFile, type TraceData } from '../../../src/scenario/index.js';

/** A small trace: bursts and gaps, two endpoints. */
const TRACE: TraceData = {
  endpoints: [
    { method: 'GET', path: '/api/orders/12' },
    { method: 'POST', path: '/api/orders' },
  ],
  atMs: [0, 0, 5, 40, 41, 300, 1000, 1000, 2500],
  endpoint: [0, 1, 0, 0, 1, 0, 0, 0, 1],
  serviceMs: [10, 50, 12.5, 8, 60, 9, 11, 11, 40],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'caplab-trace-'));
  await writeFile(path.join(dir, 't.trace.tsv'), formatTraceFile(TRACE, ['a test trace']));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const scenario = (trace: string, file = 's.yaml') => parseScenario(`name: t\nload:\n  - trace: { ${trace} }\n`, path.join(dir, file));

describe('the trace file', () => {
  it('round-trips through formatTraceFile and parseTraceFile', () => {
    expect(parseTraceFile(formatTraceFile(TRACE))).toEqual({ trace: TRACE });
  });

  it('names the line of each problem', () => {
    const text = '# caplab trace v1\nE\tGET\t/a\n0\t0\t1\n5\t0\t1\n2\t0\t1\n7\t3\t1\nx\n';
    expect(parseTraceFile(text)).toEqual({
      problems: [
        "line 5: at_ms 2 is before the previous request's 5; requests must be in time order",
        'line 6: the endpoint 3 is not defined (1 endpoints)',
        'line 7: a request must be at_ms<TAB>endpoint<TAB>service_ms (numbers), got "x"',
      ],
    });
    expect(parseTraceFile('name: x\n')).toEqual({ problems: [expect.stringContaining('line 1: must be "# caplab trace v1"') as unknown] });
  });
});

describe('a trace phase', () => {
  it('reads its file relative to the scenario, with the endpoints as its weighted mix', () => {
    const s = scenario('file: t.trace.tsv, speed: 2x');
    const phase = s.load[0]!;
    if (phase.kind !== 'trace') throw new Error('expected a trace phase');
    expect(phase.speed).toBe(2);
    expect(phase.trace.atMs).toEqual(TRACE.atMs);
    expect(phase.requests.map((r) => [r.method, r.path, r.weight])).toEqual([
      ['GET', '/api/orders/12', 6],
      ['POST', '/api/orders', 3],
    ]);
  });

  it('is refused with the file named when the trace is missing or broken, or the speed is not one', () => {
    expect(() => scenario('file: nope.tsv')).toThrow(/load\[0\]\.trace\.file "nope\.tsv" no such file/);
    expect(() => scenario('file: t.trace.tsv, speed: fast')).toThrow(/load\[0\]\.trace\.speed must be a speed like 1x, 2x or 10x/);
    expect(() => scenario('file: t.trace.tsv, speed: 0x')).toThrow(/speed must be a speed/);
  });

  it('at speed 10x keeps the order and the relative spacing of arrivals (the schedule)', () => {
    const plan = buildPlan(scenario('file: t.trace.tsv, speed: 10x'), { timeScale: 1, seed: 1 });
    const [phase] = buildSchedule(plan);
    const sent = phase!.requests;
    expect(sent.map((r) => r.atMs)).toEqual(TRACE.atMs.map((t) => t / 10));
    // Order: the n-th request sent is the n-th logged, with its method, path and service time.
    expect(sent.map((r) => r.method)).toEqual(TRACE.endpoint.map((e) => TRACE.endpoints[e]!.method));
    expect(sent.map((r) => Number(new URL(r.path, 'http://x').searchParams.get('ms')))).toEqual(TRACE.serviceMs);
    expect(sent.map((r) => new URL(r.path, 'http://x').searchParams.get('from'))).toEqual(TRACE.endpoint.map((e) => TRACE.endpoints[e]!.path));
    expect(plan.phases[0]).toMatchObject({ kind: 'trace', durationMs: 250, expectedRequests: 9, send: 'sample' });
    expect(formatPlan(plan)).toMatch(/trace#0 .* at 10x over 250ms.*; 9 requests/);
  });

  it('sends the sample app /sleep for the logged service, and the logged paths to any other app', () => {
    const sample = buildPlan(scenario('file: t.trace.tsv'), { timeScale: 1, seed: 1 });
    expect(buildSchedule(sample)[0]!.requests[0]!.path).toBe('/sleep?from=%2Fapi%2Forders%2F12&ms=10');
    const own = buildPlan(scenario('file: t.trace.tsv'), { timeScale: 1, seed: 1, wsgi: { app: 'mysite.wsgi:application', chdir: null, pythonpath: [] } });
    expect(own.phases[0]).toMatchObject({ send: 'logged' });
    expect(runTrace(own).notes.join('\n')).toMatch(/trace#0 sends the logged paths \(send: logged\)/);
    expect(buildSchedule(own)[0]!.requests.map((r) => `${r.method} ${r.path}`).slice(0, 2)).toEqual(['GET /api/orders/12?ms=10', 'POST /api/orders?ms=50']);
    const forced = buildPlan(scenario('file: t.trace.tsv, send: logged'), { timeScale: 1, seed: 1 });
    expect(forced.phases[0]).toMatchObject({ send: 'logged' });
  });

  it("gives predictions the trace itself: runTrace replays each request at its time with its logged service", () => {
    const plan = buildPlan(scenario('file: t.trace.tsv, speed: 2x'), { timeScale: 1, seed: 5 });
    const [trace] = runTrace(plan).arrivals;
    if (trace?.kind !== 'trace') throw new Error('expected a trace');
    expect(trace.timesMs).toEqual(TRACE.atMs.map((t) => t / 2));
    const rng = { next: () => 0, nextUint32: () => 0 };
    expect(TRACE.serviceMs.map(() => trace.service!(rng))).toEqual(TRACE.serviceMs);
  });

  it('gives a whole-scenario plan the same trace for every simulation (one per worker count)', () => {
    const plan = buildPlan(scenario('file: t.trace.tsv'), { timeScale: 1, seed: 5 });
    const [trace] = scenarioWorkload(plan).arrivals;
    if (trace?.kind !== 'trace') throw new Error('expected a trace');
    expect(trace.timesMs).toEqual(TRACE.atMs);
    const rng = { next: () => 0, nextUint32: () => 0 };
    const pass = () => TRACE.serviceMs.map(() => trace.service!(rng));
    expect(pass()).toEqual(TRACE.serviceMs);
    expect(pass()).toEqual(TRACE.serviceMs);
  });
});
