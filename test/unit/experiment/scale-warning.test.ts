import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleWarning, tracePeakRate } from '../../../src/experiment/index.js';
import { buildPlan, formatTraceFile, parseScenario, type TraceData } from '../../../src/scenario/index.js';

const plan = (load: string, timeScale: number) => buildPlan(parseScenario(`name: w\nload:\n${load}`), { timeScale });

describe('scaleWarning', () => {
  it('warns when the time scale packs open arrivals past 150/s of wall time, and suggests a scale', () => {
    const w = scaleWarning(plan('  - open: { rate: 21, duration: 10s, path: /hello }\n', 0.1));
    expect(w).toMatch(/210 requests per second of wall time/);
    expect(w).toMatch(/--time-scale 0\.14/);
  });
  it('looks at the peak of a ramp', () => {
    expect(scaleWarning(plan('  - ramp: { from: 5, to: 40, duration: 10s, path: /hello }\n', 0.2))).toMatch(/200 requests per second/);
  });
  it('stays quiet for modest rates and for bursts', () => {
    expect(scaleWarning(plan('  - open: { rate: 21, duration: 10s, path: /hello }\n', 0.5))).toBeNull();
    expect(scaleWarning(plan('  - burst: { count: 3, path: /sleep?ms=10000 }\n', 0.01))).toBeNull();
  });
});

describe('scaleWarning and static files', () => {
  it('leaves out requests the proxy serves itself', () => {
    const p = buildPlan(parseScenario('name: s\nstack: { static: . }\nload:\n  - open: { rate: 50, duration: 10s, path: /static/hello.txt }\n'), { timeScale: 0.1, file: `${process.cwd()}/scenarios/x.yaml` });
    expect(scaleWarning(p)).toBeNull();
  });
  it('counts /static/ requests when the stack has no static directory: the proxy forwards them', () => {
    const p = buildPlan(parseScenario('name: s\nload:\n  - open: { rate: 50, duration: 10s, path: /static/hello.txt }\n'), { timeScale: 0.1 });
    expect(scaleWarning(p)).toMatch(/500 requests per second of wall time/);
  });
});

/** A trace of `atMs` arrivals, all to one endpoint. */
const trace = (atMs: number[]): TraceData => ({ endpoints: [{ method: 'GET', path: '/api/items' }], atMs, endpoint: atMs.map(() => 0), serviceMs: atMs.map(() => 20) });
// 10/s for 20 s, evenly spaced
const STEADY = trace(Array.from({ length: 200 }, (_, i) => i * 100));
// the same, with 30 more requests logged at t = 10 s: a busiest second of 40, a mean of 11.5/s
const BURSTY = trace([...STEADY.atMs.slice(0, 100), ...Array.from({ length: 30 }, () => 10_000), ...STEADY.atMs.slice(100)]);

describe('scaleWarning and trace replays', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'caplab-scale-trace-'));
    await writeFile(path.join(dir, 'steady.trace.tsv'), formatTraceFile(STEADY));
    await writeFile(path.join(dir, 'bursty.trace.tsv'), formatTraceFile(BURSTY));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const tracePlan = (file: string, speed: string, timeScale: number) =>
    buildPlan(parseScenario(`name: t\nload:\n  - trace: { file: ${file}, speed: ${speed} }\n`, path.join(dir, 's.yaml')), { timeScale, file: path.join(dir, 's.yaml') });

  it('counts a trace at its rate times its speed: 10/s logged is 100/s of wall time at scale 0.1, 200/s at 2x', () => {
    expect(scaleWarning(tracePlan('steady.trace.tsv', '1x', 0.1))).toBeNull();
    const w = scaleWarning(tracePlan('steady.trace.tsv', '2x', 0.1));
    expect(w).toMatch(/the peak arrival rate is 200 requests per second of wall time/);
    expect(w).toMatch(/--time-scale 0\.14 or more/);
    expect(scaleWarning(tracePlan('steady.trace.tsv', '2x', 0.14))).toBeNull();
  });

  it('counts the busiest second of a trace, not its mean', () => {
    expect(tracePeakRate({ trace: BURSTY, speed: 1 })).toBe(40);
    expect(tracePeakRate({ trace: STEADY, speed: 1 })).toBe(10);
    expect(tracePeakRate({ trace: STEADY, speed: 4 })).toBe(40);
    expect(tracePeakRate({ trace: trace([]), speed: 1 })).toBe(0);
    expect(scaleWarning(tracePlan('bursty.trace.tsv', '1x', 0.1))).toMatch(/400 requests per second of wall time/);
  });
});
