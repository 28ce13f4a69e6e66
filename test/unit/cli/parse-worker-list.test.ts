import { describe, expect, it } from 'vitest';
import { parseWorkerList } from '../../../src/cli/parse-worker-list.js';

describe('parseWorkerList', () => {
  it('reads lists, ranges and mixes, sorted and unique', () => {
    expect(parseWorkerList('1,2,4,8')).toEqual([1, 2, 4, 8]);
    expect(parseWorkerList('1..4')).toEqual([1, 2, 3, 4]);
    expect(parseWorkerList('8, 1..3,2')).toEqual([1, 2, 3, 8]);
  });
  it.each([
    ['two', /got "two"/],
    ['0,1', /between 1 and 512, got 0/],
    ['4..2', /runs backwards/],
    ['1,,2', /got ""/],
    ['1..99999999999', /between 1 and 512, got the range 1\.\.99999999999/],
    ['0..4', /between 1 and 512, got the range 0\.\.4/],
    ['1..100', /at most 64 counts, got 100/],
  ])('refuses %s', (text, message) => {
    expect(() => parseWorkerList(text)).toThrow(message);
  });
});

describe('parseWorkerList bounds', () => {
  it('refuses a huge range before expanding it', () => {
    const started = performance.now();
    expect(() => parseWorkerList('1..99999999999')).toThrow(/between 1 and 512/);
    // Expanding 1e11 counts would take minutes and run out of memory; refusing takes well under a second.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
