import { describe, expect, it } from 'vitest';
import { scaleWarning } from '../../../src/experiment/index.js';
import { buildPlan, parseScenario } from '../../../src/scenario/index.js';

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
