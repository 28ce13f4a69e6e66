import { describe, expect, it } from 'vitest';
import { clientScript } from '../../../src/report/client-script.js';
import {
  formatCount,
  formatMs,
  formatNumber,
  formatPercent,
  formatPercentileTick,
  formatRps,
} from '../../../src/report/format-values.js';

describe('formatMs', () => {
  it.each([
    [0, '0 ms'],
    [0.25, '0.25 ms'],
    [0.004, '0.004 ms'],
    [4.24, '4.2 ms'],
    [9.96, '10 ms'],
    [850, '850 ms'],
    [999.4, '999 ms'],
    [999.6, '1.00 s'],
    [1250, '1.25 s'],
    [9999, '10.0 s'],
    [10_000, '10.0 s'],
    [20_014.4, '20.0 s'],
    [99_960, '100 s'],
    [125_000, '125 s'],
    [-850, '-850 ms'],
    [Number.NaN, '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('formats %s as %s', (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });
});

describe('the other formatters', () => {
  it('format numbers, rates, percentages and counts', () => {
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(3000.4)).toBe('3,000');
    expect(formatRps(0.15)).toBe('0.15 req/s');
    expect(formatRps(1.5)).toBe('1.50 req/s');
    expect(formatRps(13.973)).toBe('14.0 req/s');
    expect(formatRps(5512.7)).toBe('5,513 req/s');
    expect(formatPercent(0.012)).toBe('1.2%');
    expect(formatCount(3000)).toBe('3,000');
  });

  it('label the percentile axis as HdrHistogram plots do', () => {
    expect([1, 2, 10, 100, 1000, 10_000].map(formatPercentileTick)).toEqual(['0%', '50%', '90%', '99%', '99.9%', '99.99%']);
    expect(formatPercentileTick(1.5)).toBe('33.3%');
    expect(formatPercentileTick(0.5)).toBe('');
  });
});

describe('the page formatters', () => {
  it('are the same functions, embedded by source, and give the same text', () => {
    const script = clientScript();
    const runtimeStart = script.indexOf('(function () {');
    const page = new Function(`${script.slice(0, runtimeStart)}; return { formatMs, formatRps, formatPercentileTick, formatCount };`)() as {
      formatMs: (v: number) => string;
      formatRps: (v: number) => string;
      formatPercentileTick: (v: number) => string;
      formatCount: (v: number) => string;
    };
    for (const v of [0, 0.3, 7.25, 850, 1000, 10_000, 20_014.4, 123_456]) expect(page.formatMs(v)).toBe(formatMs(v));
    expect(page.formatRps(21)).toBe(formatRps(21));
    expect(page.formatPercentileTick(1000)).toBe('99.9%');
    expect(page.formatCount(12_345)).toBe('12,345');
  });
});
