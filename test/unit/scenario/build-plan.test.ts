import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  formatPlan,
  listScenarios,
  loadScenario,
  parseScenario,
  resolveScenario,
  BUILTIN_SCENARIO_DIR,
} from '../../../src/scenario/index.js';

const FIXTURE = path.resolve('test/fixtures/scenarios/every-kind.yaml');

describe('buildPlan', () => {
  it('names phases, places them in sequence (parallel with the previous) and counts their requests', async () => {
    const plan = buildPlan(await loadScenario(FIXTURE), { file: FIXTURE, timeScale: 0.5, seed: 9 });
    expect(plan.phases.map((p) => [p.name, p.kind, p.parallel, p.startMs, p.durationMs, p.expectedRequests])).toEqual([
      ['burst#0', 'burst', false, 0, 0, 3],
      ['open#1', 'open', true, 0, 2000, 20],
      ['closed#2', 'closed', false, 2000, 1500, null],
      ['closed#3', 'closed', false, 3500, 0, 20],
      ['ramp#4', 'ramp', false, 3500, 60_000, plan.phases[4]!.expectedRequests],
    ]);
    const ramp = plan.phases[4]!;
    expect(Math.abs(ramp.expectedRequests! - 600)).toBeLessThan(4 * Math.sqrt(600));
    expect(plan.totalDurationMs).toBe(63_500);
    expect(plan.totalRequests).toBe(3 + 20 + 20 + ramp.expectedRequests!);
    expect(plan.phases[2]).toMatchObject({ clients: 4, amount: null, thinkTimeMs: 250 });
    expect(plan.phases[3]).toMatchObject({ clients: 2, amount: 20, thinkTimeMs: 0 });
    // Every closed phase runs on caplab's own loop: the plan names no engine.
    for (const p of plan.phases) expect(p).not.toHaveProperty('engine');
    expect(plan.phases[1]).toMatchObject({ rate: 10, arrival: 'constant' });
    expect(plan.phases[4]).toMatchObject({ from: 5, to: 15, arrival: 'poisson' });
    expect(plan.expect).toHaveLength(6);
  });

  it('resolves the stack against the scenario file and applies overrides', async () => {
    const scenario = await loadScenario(FIXTURE);
    const plan = buildPlan(scenario, { file: FIXTURE, timeScale: 0.1, seed: 3, workers: 8, listen: 7, upstreamTimeoutMs: 5000 });
    expect(plan.stack).toEqual({
      workers: 8,
      listen: 7,
      upstreamTimeoutMs: 5000,
      app: 'sample',
      staticDir: path.join(path.dirname(FIXTURE), 'static-dir'),
      harakiriMs: 20_000,
      queue: 'master',
      proxyProcesses: 2,
      socket: 'tcp',
      wsgi: null,
      threads: 1,
      maxRequests: 0,
      reloadOnRssMb: null,
    });
    expect(plan.scenario).toEqual({ name: 'every-kind', description: scenario.description, file: FIXTURE });
    expect(plan.timeScale).toBe(0.1);
    expect(plan.seed).toBe(3);
    expect(buildPlan(scenario, { file: FIXTURE }).stack.workers).toBe(4);
  });

  it('takes queue and proxy processes from the scenario (kernel and 1 by default), and overrides them', async () => {
    const scenario = await loadScenario(FIXTURE);
    expect(buildPlan(scenario, { file: FIXTURE }).stack).toMatchObject({ queue: 'master', proxyProcesses: 2 });
    expect(buildPlan(scenario, { file: FIXTURE, queue: 'kernel', proxyProcesses: 4 }).stack).toMatchObject({ queue: 'kernel', proxyProcesses: 4 });
    const bare = parseScenario('name: a\nload: [{burst: {count: 1, path: /}}]\n');
    expect(buildPlan(bare).stack).toMatchObject({ queue: 'kernel', proxyProcesses: 1, socket: 'tcp' });
    expect(buildPlan(bare, { socket: 'unix' }).stack.socket).toBe('unix');
    expect(buildPlan(bare, { queue: 'master' }).stack.queue).toBe('master');
  });

  it('is plain JSON', async () => {
    const plan = buildPlan(await loadScenario(FIXTURE), { file: FIXTURE, timeScale: 1, seed: 1 });
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('refuses bad overrides with E_USAGE', () => {
    const s = parseScenario('name: a\nload: [{burst: {count: 1, path: /}}]\n');
    expect(() => buildPlan(s, { timeScale: 0 })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    expect(() => buildPlan(s, { workers: 1.5 })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    expect(() => buildPlan(s, { seed: 0.5 })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    expect(() => buildPlan(s, { queue: 'fifo' as never })).toThrow(expect.objectContaining({ code: 'E_USAGE', message: 'the queue must be kernel or master, got "fifo"' }));
    expect(() => buildPlan(s, { proxyProcesses: 0 })).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('got 0') }));
  });

  it('formats a readable plan for --dry-run', async () => {
    const text = formatPlan(buildPlan(await loadScenario(FIXTURE), { file: FIXTURE, timeScale: 0.5, seed: 9 }));
    expect(text).toMatch(/^scenario {3}every-kind/);
    expect(text).toContain('4 workers, listen 16, upstream timeout 30s, harakiri 20s');
    expect(text).toContain('time scale 0.5, seed 9');
    expect(text).toMatch(/burst#0 +at 0ms: 3 requests at once, one connection each; 3 requests/);
    expect(text).toMatch(/open#1 +with previous, at 0ms: constant arrivals at 10\/s for 2s; 20 requests/);
    expect(text).toMatch(/closed#2 +at 2s: 4 closed-loop clients for 1.5s, think time 250ms;/);
    expect(text).toMatch(/closed#3 +at 3.5s: 2 closed-loop clients until 20 requests;/);
    expect(text).not.toMatch(/autocannon/);
    expect(text).toContain('POST /echo  25%');
    expect(text).toContain('GET /sleep  75%  service uniform 10ms–30ms');
    expect(text).toContain('expect     latency.p99 < 2s; errors.rate < 1%');
    expect(text).toMatch(/^ {11}queue master \(beyond listen 16, requests get 503 at once\), 2 proxy processes$/m);
  });

  it('says what a full kernel queue does, for --dry-run', async () => {
    const text = formatPlan(buildPlan(await loadScenario(FIXTURE), { file: FIXTURE, queue: 'kernel', proxyProcesses: 1 }));
    expect(text).toMatch(/^ {11}queue kernel \(beyond listen 16, connections wait on the kernel's SYN retries: ~1s, then 3s of wall time\), 1 proxy process$/m);
  });
});

describe('built-in scenarios', () => {
  it('resolves a built-in name and an existing path to absolute files', () => {
    expect(resolveScenario('poisson-mmc')).toBe(path.join(BUILTIN_SCENARIO_DIR, 'poisson-mmc.yaml'));
    expect(resolveScenario('test/fixtures/scenarios/every-kind.yaml')).toBe(FIXTURE);
  });

  it('reports an unknown name or a missing path as E_SCENARIO_NOT_FOUND naming it', () => {
    expect(() => resolveScenario('no/such/file.yaml')).toThrow(expect.objectContaining({ code: 'E_SCENARIO_NOT_FOUND', message: expect.stringContaining('no/such/file.yaml') }));
    expect(() => resolveScenario('no-such-scenario')).toThrow(expect.objectContaining({ code: 'E_SCENARIO_NOT_FOUND', message: expect.stringContaining('"no-such-scenario"') }));
  });

  it('lists them with names and descriptions, and every one loads and plans', async () => {
    const list = listScenarios();
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((s) => s.name)).toEqual([...list.map((s) => s.name)].sort((a, b) => a.localeCompare(b)));
    for (const entry of list) {
      const scenario = await loadScenario(entry.file);
      expect(scenario.name).toBe(entry.name);
      expect(entry.description).not.toBe('');
      const plan = buildPlan(scenario, { file: entry.file, timeScale: 0.01, seed: 1 });
      expect(plan.phases.length).toBeGreaterThan(0);
    }
  });
});
