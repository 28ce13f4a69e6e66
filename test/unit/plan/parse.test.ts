import { describe, expect, it } from 'vitest';
import { formatSlo, parseDurationMs, parseRate, parseService, parseSlo } from '../../../src/plan/index.js';

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

describe('parseService', () => {
  it('reads the four distributions', () => {
    expect(parseService('exp:120ms')).toEqual({ dist: 'exponential', meanMs: 120 });
    expect(parseService('exponential:0.12s')).toEqual({ dist: 'exponential', meanMs: 120 });
    expect(parseService('const:100ms')).toEqual({ dist: 'constant', valueMs: 100 });
    expect(parseService('100ms')).toEqual({ dist: 'constant', valueMs: 100 });
    expect(parseService('uniform:50ms..150ms')).toEqual({ dist: 'uniform', minMs: 50, maxMs: 150 });
    expect(parseService('lognormal:100ms,0.5')).toEqual({ dist: 'lognormal', meanMs: 100, sigma: 0.5 });
  });

  it('throws E_SERVICE_INVALID saying what was wrong', () => {
    const cases: [string, RegExp][] = [
      ['exp:0ms', /mean must be a duration > 0/],
      ['uniform:150ms..50ms', /min ≤ max/],
      ['uniform:50ms', /'min\.\.max'/],
      ['lognormal:100ms', /'mean,sigma'/],
      ['lognormal:100ms,-1', /sigma must be a number ≥ 0/],
      ['gamma:100ms', /distribution must be exp, const, uniform or lognormal/],
      ['const:soon', /value must be a duration/],
    ];
    for (const [text, why] of cases) {
      expect(() => parseService(text)).toThrow(expect.objectContaining({ code: 'E_SERVICE_INVALID', message: expect.stringMatching(why) }));
    }
  });
});
