import { describe, expect, it } from 'vitest';
import { stackConfig } from '../../../src/experiment/index.js';
import { buildPlan, parseScenario } from '../../../src/scenario/index.js';

const scenario = (stack: string) => parseScenario(`name: s\nstack: ${stack}\nload:\n  - burst: { count: 1, path: /hello }\n`);

describe('stackConfig', () => {
  it('passes the planned queue mode and proxy process count to startStack', () => {
    expect(stackConfig(buildPlan(scenario('{}')))).toMatchObject({ queue: 'kernel', proxyProcesses: 1 });
    expect(stackConfig(buildPlan(scenario('{ queue: master, proxyProcesses: 3 }')))).toMatchObject({ queue: 'master', proxyProcesses: 3 });
    expect(stackConfig(buildPlan(scenario('{ queue: master }'), { queue: 'kernel', proxyProcesses: 2 }))).toMatchObject({ queue: 'kernel', proxyProcesses: 2 });
  });

  it('turns scenario times into wall time and adds the port and roles', () => {
    const plan = buildPlan(scenario('{ workers: 3, listen: 7, upstreamTimeout: 10s, harakiri: 4s }'), { timeScale: 0.5 });
    expect(stackConfig(plan, { port: 8123, roles: { proxy: 'nginx', pool: 'embedded' } })).toEqual({
      workers: 3,
      listen: 7,
      upstreamTimeoutMs: 5000,
      harakiriMs: 2000,
      timeScale: 0.5,
      app: 'sample',
      staticDir: undefined,
      queue: 'kernel',
      proxyProcesses: 1,
      socket: 'tcp',
      threads: 1,
      maxRequests: 0,
      reloadOnRssMb: undefined,
      wsgi: undefined,
      port: 8123,
      proxy: 'nginx',
      pool: 'embedded',
    });
  });
});
