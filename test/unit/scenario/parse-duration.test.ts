import { describe, expect, it } from 'vitest';
import { durationToMs, formatDuration, parseDuration } from '../../../src/scenario/index.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1.5s', 1500],
    ['1h', 3_600_000],
    [' 30 s ', 30_000],
    ['250', 250],
    [250, 250],
    [0, 0],
    ['.5s', 500],
  ] as const)('%j is %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['10 seconds', '-5s', '', 'abc', '5d', '1e3ms', '1.2.3s'])('refuses %j with E_USAGE naming it', (input) => {
    expect(() => parseDuration(input)).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining(JSON.stringify(input)) }));
  });

  it('refuses negative and non-finite numbers', () => {
    expect(durationToMs(-1)).toBeUndefined();
    expect(durationToMs(Number.NaN)).toBeUndefined();
    expect(durationToMs(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(durationToMs(null)).toBeUndefined();
  });

  it('formats durations back', () => {
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(120_000)).toBe('2m');
    expect(formatDuration(90_000)).toBe('1m 30s');
  });
});
