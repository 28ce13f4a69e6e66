import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCaplabError } from '../../../src/errors.js';
import { buildPlan, loadScenario, parseScenario } from '../../../src/scenario/index.js';

const FIXTURES = path.resolve('test/fixtures/scenarios');

async function problem(fixture: string): Promise<{ code: string; exitCode: number; lines: string[] }> {
  try {
    await loadScenario(path.join(FIXTURES, fixture));
  } catch (err) {
    if (!isCaplabError(err)) throw err;
    return { code: err.code, exitCode: err.exitCode, lines: err.message.split('\n') };
  }
  throw new Error(`${fixture} loaded without a problem`);
}

// One fixture per failure mode: each message names the path in the file and the bad value.
const CASES: [fixture: string, expected: string[]][] = [
  ['negative-rate.yaml', ['load[1].open.rate must be > 0, got -5']],
  ['missing-name.yaml', ['name is required']],
  ['bad-name.yaml', ['name must be a slug', 'got "Poisson Three"']],
  ['unknown-key.yaml', ['load[0].open.rat is not a known key (did you mean "rate"?)', 'expcet is not a known key (did you mean "expect"?)']],
  ['bad-duration.yaml', ['load[0].open.duration must be a duration like 250ms', 'got "10 seconds"']],
  ['bad-distribution.yaml', ['load[0].open.requests[0].service.dist must be one of constant, uniform, exponential, lognormal, gamma, empirical, got "weibull"']],
  [
    'distribution-params.yaml',
    [
      'load[0].open.requests[0].service.mean is required for dist exponential',
      'load[0].open.requests[0].service.median is not a parameter of dist exponential (it takes mean), got 100',
      'load[0].open.requests[1].service.max must be >= min (50ms), got 10',
    ],
  ],
  ['bad-threshold.yaml', ['expect[1] has unknown metric "latncy"', 'got "latncy.p99 < 2s"', 'expect[2] has a bad limit "150%"']],
  ['path-and-requests.yaml', ['load[0].open must have either a path or a requests list, got path and requests']],
  ['two-kinds.yaml', ['load[0] must have exactly one of burst, closed, open, ramp, trace, reload, got burst and open']],
  ['empty-load.yaml', ['load must list at least one phase, got []']],
  ['too-many-requests.yaml', ['load[0].open expects 3000000 requests (rate × duration), more than the limit of 1000000']],
  ['closed-bounds.yaml', ['load[0].closed must have either a duration or an amount, got duration and amount', 'load[0].closed.amount must be >= clients (8)', 'got 4']],
  ['missing-static.yaml', ['stack.static must be a directory', 'got "no-such-dir"']],
  [
    'wrong-types.yaml',
    [
      'stack.workers must be a number, got "three"',
      'stack.listen must be a whole number, got 2.5',
      'load[0].parallel must be true or false, got "yes please"',
      'load[0].burst.path must be a path starting with /',
      'got "hello"',
    ],
  ],
  [
    'stack-key-at-top.yaml',
    [
      'workers is not a known key (did you mean "stack.workers"?)',
      'lisen is not a known key (did you mean "stack.listen"?)',
      'load[0].open.clients is not a known key (did you mean "load[n].closed.clients"?)',
    ],
  ],
  ['empty-file.yaml', ['the file is empty']],
  ['bad-queue.yaml', ['stack.queue must be one of kernel, master, got "kernal"']],
  [
    'bad-proxy-processes.yaml',
    ['stack.proxyProcesses must be >= 1, got 0', 'stack.proxyProcess is not a known key (did you mean "proxyProcesses"?)'],
  ],
];

describe('scenario schema errors', () => {
  for (const [fixture, expected] of CASES) {
    it(fixture, async () => {
      const { code, exitCode, lines } = await problem(fixture);
      expect(code).toBe('E_SCENARIO_INVALID');
      expect(exitCode).toBe(2);
      for (const line of lines) expect(line.startsWith(`scenario ${path.relative(process.cwd(), path.join(FIXTURES, fixture))}: `)).toBe(true);
      const text = lines.join('\n');
      for (const part of expected) expect(text).toContain(part);
    });
  }

  it('reports every problem at once, one per line', async () => {
    const { lines } = await problem('several-problems.yaml');
    expect(lines).toHaveLength(6);
    const text = lines.join('\n');
    expect(text).toContain('stack.workers must be >= 1, got 0');
    expect(text).toContain('load[0].burst.count must be >= 1, got 0');
    expect(text).toContain('load[1].open.rate must be > 0, got -5');
    expect(text).toContain('load[1].open.arrival must be one of constant, poisson, got "bursty"');
    expect(text).toContain('load[2].ramp.duration must be a duration');
    expect(text).toContain('expect[0] must read "<metric>.<stat> <op> <limit>"');
  });

  it('reports a YAML syntax error with line:col', async () => {
    const { code, exitCode, lines } = await problem('yaml-syntax.yaml');
    expect(code).toBe('E_SCENARIO_PARSE');
    expect(exitCode).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/yaml-syntax\.yaml:\d+:\d+: YAML syntax error: /);
  });

  it('reports a missing file as E_SCENARIO_NOT_FOUND', async () => {
    await expect(loadScenario(path.join(FIXTURES, 'no-such.yaml'))).rejects.toMatchObject({ code: 'E_SCENARIO_NOT_FOUND', message: expect.stringContaining('no-such.yaml') });
  });

  it('rejects duplicate keys', () => {
    expect(() => parseScenario('name: a\nname: b\nload: [{burst: {count: 1, path: /}}]\n')).toThrow(/YAML syntax error/);
  });

  it('rejects ?ms= in a path that also has a service distribution', () => {
    expect(() => parseScenario('name: a\nload:\n  - burst: { count: 1, requests: [{ path: /sleep?ms=5, service: { dist: constant, value: 1 } }] }\n')).toThrow(
      /load\[0\]\.burst\.requests\[0\]\.path cannot set \?ms= when the request has a service distribution, got "\/sleep\?ms=5"/,
    );
  });
});

describe('valid scenarios', () => {
  it('parses the poisson example as written, into a frozen object with times in ms', async () => {
    const s = await loadScenario(path.join(FIXTURES, 'poisson-three-workers.yaml'));
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.load[0])).toBe(true);
    expect(s.name).toBe('poisson-three-workers');
    expect(s.stack).toEqual({
      workers: 3,
      listen: 100,
      upstreamTimeout: 60_000,
      app: 'sample',
      static: null,
      harakiri: null,
      queue: 'kernel',
      proxyProcesses: 1,
      socket: 'tcp',
      wsgi: null,
      threads: 1,
      maxRequests: 0,
      reloadOnRss: null,
    });
    expect(s.load).toEqual([
      {
        kind: 'open',
        parallel: false,
        rate: 21,
        arrival: 'poisson',
        duration: 120_000,
        requests: [{ method: 'GET', path: '/sleep', headers: {}, body: null, weight: 1, service: { dist: 'exponential', mean: 100 } }],
      },
    ]);
    expect(s.expect).toEqual([]);
  });

  it('parses every kind of phase, mix and distribution', async () => {
    const s = await loadScenario(path.join(FIXTURES, 'every-kind.yaml'));
    expect(s.load.map((p) => p.kind)).toEqual(['burst', 'open', 'closed', 'closed', 'ramp']);
    expect(s.load[1]?.parallel).toBe(true);
    const closed = s.load[2];
    expect(closed?.kind === 'closed' && closed.thinkTime).toBe(250);
    expect(closed?.requests[0]).toEqual({ method: 'POST', path: '/echo', headers: { 'X-Test': '1' }, body: '{"a":1}', weight: 1, service: null });
    const ramp = s.load[4];
    expect(ramp?.requests.map((r) => r.service)).toEqual([
      { dist: 'lognormal', median: 50, sigma: 0.5 },
      { dist: 'empirical', values: [10, 20, 40] },
      { dist: 'constant', value: 5 },
    ]);
    expect(s.stack).toMatchObject({ workers: 4, listen: 16, upstreamTimeout: 30_000, harakiri: 20_000, static: 'static-dir' });
    expect(s.expect.map((t) => [t.metric, t.stat, t.op, t.value])).toEqual([
      ['latency', 'p99', '<', 2000],
      ['errors', 'rate', '<', 0.01],
      ['queue', 'p95', '<=', 500],
      ['service', 'mean', '>', 1],
      ['errors', 'count', '<=', 3],
      ['throughput', 'rps', '>=', 5],
    ]);
  });
});

describe('stack.queue and stack.proxyProcesses', () => {
  const withStack = (stack: string): string => `name: a\nstack: ${stack}\nload: [{burst: {count: 1, path: /}}]\n`;

  it('take the values written', () => {
    expect(parseScenario(withStack('{ queue: master, proxyProcesses: 3 }')).stack).toMatchObject({ queue: 'master', proxyProcesses: 3 });
    expect(parseScenario(withStack('{ queue: kernel }')).stack.queue).toBe('kernel');
  });

  it('refuse a fraction or too many processes, and a queue that is not a word', () => {
    expect(() => parseScenario(withStack('{ proxyProcesses: 1.5 }'))).toThrow(/stack\.proxyProcesses must be a whole number, got 1\.5/);
    expect(() => parseScenario(withStack('{ proxyProcesses: 65 }'))).toThrow(/stack\.proxyProcesses must be <= 64, got 65/);
    expect(() => parseScenario(withStack('{ queue: 2 }'))).toThrow(/stack\.queue must be one of kernel, master, got 2/);
  });
});

describe('service limits', () => {
  it('refuses service times past the sample app limit of one hour', () => {
    expect(() => parseScenario('name: a\nload:\n  - burst: { count: 1, requests: [{ path: /sleep, service: { dist: exponential, mean: 2h } }] }\n')).toThrow(
      /load\[0\]\.burst\.requests\[0\]\.service\.mean must be <= 3600000ms \(one hour\), got "2h"/,
    );
  });
});

describe('stack.wsgi', () => {
  const withStack = (stack: string): string => `name: a\nstack: ${stack}\nload: [{burst: {count: 1, path: /}}]\n`;
  it('takes module:callable with chdir and pythonpath (one or a list), resolved against the scenario file', () => {
    const scenario = parseScenario(withStack('{ wsgi: { app: "mysite.wsgi:application", chdir: ./site, pythonpath: ./lib } }'));
    expect(scenario.stack.wsgi).toEqual({ app: 'mysite.wsgi:application', chdir: './site', pythonpath: ['./lib'] });
    expect(buildPlan(scenario, { file: '/srv/lab/s.yaml' }).stack.wsgi).toEqual({ app: 'mysite.wsgi:application', chdir: '/srv/lab/site', pythonpath: ['/srv/lab/lib'] });
    expect(buildPlan(parseScenario(withStack('{ workers: 2 }'))).stack.wsgi).toBeNull();
  });

  it('refuses an app that is not module:callable, quoting it', () => {
    expect(() => parseScenario(withStack('{ wsgi: { app: "mysite/wsgi.py" } }'))).toThrow(/stack\.wsgi\.app must be module:callable.*got "mysite\/wsgi\.py"/);
  });
});
