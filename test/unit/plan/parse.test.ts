import { describe, expect, it } from 'vitest';
import { formatSlo, isPlanInputError, parseDurationMs, parseRate, parseService, parseSlo, type PlanInputError } from '../../../src/plan/index.js';
import { parseScenario, serviceMean } from '../../../src/scenario/index.js';

describe('parseDurationMs', () => {
  it('reads ms, s, m, h, us and plain numbers as ms', () => {
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('1s')).toBe(1_000);
    expect(parseDurationMs('1.5s')).toBe(1_500);
    expect(parseDurationMs('2m')).toBe(120_000);
    expect(parseDurationMs('2min')).toBe(120_000);
    expect(parseDurationMs('1h')).toBe(3_600_000);
    expect(parseDurationMs('500us')).toBe(0.5);
    expect(parseDurationMs('120')).toBe(120);
    expect(parseDurationMs(' 7 s ')).toBe(7_000);
  });

  it('returns null for anything else', () => {
    for (const bad of ['', 'ms', '1x', '-5ms', '1s2', 'fast', '1,5s']) expect(parseDurationMs(bad)).toBeNull();
  });
});

describe('parseSlo', () => {
  it('reads a stat, < and a duration', () => {
    expect(parseSlo('p99<1s')).toEqual({ stat: 'p99', limitMs: 1_000 });
    expect(parseSlo('p95 < 250ms')).toEqual({ stat: 'p95', limitMs: 250 });
    expect(parseSlo('mean<200')).toEqual({ stat: 'mean', limitMs: 200 });
    expect(parseSlo('p999<1.5s')).toEqual({ stat: 'p999', limitMs: 1_500 });
    expect(parseSlo('p99.9<2s')).toEqual({ stat: 'p999', limitMs: 2_000 });
    expect(parseSlo('latency.p50 <= 80ms')).toEqual({ stat: 'p50', limitMs: 80 });
    expect(parseSlo('P90<1s')).toEqual({ stat: 'p90', limitMs: 1_000 });
    expect(parseSlo('avg<1s')).toEqual({ stat: 'mean', limitMs: 1_000 });
  });

  it('round-trips through formatSlo', () => {
    expect(parseSlo(formatSlo({ stat: 'p95', limitMs: 250 }))).toEqual({ stat: 'p95', limitMs: 250 });
  });

  it('throws E_SLO_INVALID with the text quoted', () => {
    for (const bad of ['p98<1s', 'p99>1s', 'p99<', 'p99<0ms', 'p99<soon', 'latency<1s', '']) {
      expect(() => parseSlo(bad)).toThrow(expect.objectContaining({ code: 'E_SLO_INVALID', exitCode: 2, message: expect.stringContaining(JSON.stringify(bad)) }));
    }
  });
});

describe('parseRate', () => {
  it('reads per second, per minute, per hour and plain numbers', () => {
    expect(parseRate('40/s')).toBe(40);
    expect(parseRate('40/sec')).toBe(40);
    expect(parseRate('2400/min')).toBe(40);
    expect(parseRate('90/min')).toBe(1.5);
    expect(parseRate('7200/h')).toBe(2);
    expect(parseRate('12.5')).toBe(12.5);
  });

  it('throws E_RATE_INVALID otherwise', () => {
    for (const bad of ['0/s', '-4/s', '40/fortnight', 'fast', '40/', '']) {
      expect(() => parseRate(bad)).toThrow(expect.objectContaining({ code: 'E_RATE_INVALID', message: expect.stringContaining(JSON.stringify(bad)) }));
    }
  });
});

describe('parseService: the scenario files\' service model, written as text', () => {
  it('reads every distribution into the one ServiceDist', () => {
    expect(parseService('exp:120ms')).toEqual({ dist: 'exponential', mean: 120 });
    expect(parseService('exponential:0.12s')).toEqual({ dist: 'exponential', mean: 120 });
    expect(parseService('const:100ms')).toEqual({ dist: 'constant', value: 100 });
    expect(parseService('100ms')).toEqual({ dist: 'constant', value: 100 });
    expect(parseService('uniform:50ms..150ms')).toEqual({ dist: 'uniform', min: 50, max: 150 });
    expect(parseService('empirical:10ms,20ms,90ms')).toEqual({ dist: 'empirical', values: [10, 20, 90] });
  });

  it('reads a lognormal by its median, as scenario files do, and by its mean only when told', () => {
    expect(parseService('lognormal:100ms,0.5')).toEqual({ dist: 'lognormal', median: 100, sigma: 0.5 });
    expect(parseService('lognormal:median=100ms,sigma=0.5')).toEqual({ dist: 'lognormal', median: 100, sigma: 0.5 });
    const byMean = parseService('lognormal:mean=100ms,0.5');
    expect(byMean.dist).toBe('lognormal');
    expect(serviceMean(byMean)).toBeCloseTo(100, 9);
    expect(parseService('lognormal:mean:100ms,0.5')).toEqual(byMean);
    // The same text means the same law in a scenario file.
    const file = parseScenario('name: a\nload:\n  - burst: { count: 1, requests: [{ path: /sleep, service: { dist: lognormal, mean: 100ms, sigma: 0.5 } }] }\n');
    expect(file.load[0]!.requests[0]!.service).toEqual(byMean);
  });

  it('throws E_SERVICE_INVALID naming the field, not a flag, and every problem', () => {
    const cases: [string, RegExp][] = [
      ['exp:0ms', /mean must be > 0ms, got "0ms"/],
      ['uniform:150ms..50ms', /max must be >= min \(150ms\), got 50/],
      ['uniform:50ms', /max is required for dist uniform/],
      ['lognormal:100ms', /sigma is required for dist lognormal/],
      ['lognormal:100ms,-1', /sigma must be >= 0, got -1/],
      ['lognormal:100ms,0.5,3', /lognormal takes two parts/],
      ['weibull:100ms', /dist must be one of constant, uniform, exponential, lognormal, gamma, empirical, got "weibull"/],
      ['const:soon', /value must be a duration like 250ms/],
    ];
    for (const [text, why] of cases) {
      let err: unknown;
      try {
        parseService(text);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'E_SERVICE_INVALID', exitCode: 2, message: expect.stringMatching(why) });
      expect((err as Error).message).toMatch(/^service "/);
      expect((err as Error).message).not.toMatch(/--/);
    }
  });

  it('caps sigma and the mean as scenario files do (defect: lognormal:100ms,1e9 was accepted)', () => {
    expect(() => parseService('lognormal:100ms,1e9')).toThrow(expect.objectContaining({ code: 'E_SERVICE_INVALID', message: 'service "lognormal:100ms,1e9": sigma must be <= 10, got 1000000000' }));
    expect(() => parseService('lognormal:1s,5')).toThrow(/has a mean of .*more than the limit of 3600000ms/);
    expect(() => parseService('exp:2h')).toThrow(/mean must be <= 3600000ms \(one hour\), got "2h"/);
  });

  it('names flags only when a front end renames the fields', () => {
    let err: unknown;
    try {
      parseService('exp:0ms');
    } catch (e) {
      err = e;
    }
    expect(isPlanInputError(err)).toBe(true);
    const renamed = (err as PlanInputError).renamed((field) => `--${field}`);
    expect(renamed).toMatchObject({ code: 'E_SERVICE_INVALID', exitCode: 2, message: expect.stringMatching(/^--service "exp:0ms": mean must be > 0ms/) });
  });
});
