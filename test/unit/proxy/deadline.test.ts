import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { headerSeconds } from '../../../src/proxy/clock.js';
import { Deadline } from '../../../src/proxy/deadline.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Deadline', () => {
  it('keeps one timer while the deadline only moves later, and expires with the last phase', () => {
    const expired: string[] = [];
    const deadline = new Deadline((doing) => expired.push(doing));
    const created = vi.spyOn(globalThis, 'setTimeout');
    deadline.set(100, 'connecting');
    for (let i = 0; i < 50; i++) deadline.set(100, 'reading');
    expect(created).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60);
    deadline.set(100, 'reading more');
    vi.advanceTimersByTime(99);
    expect(expired, 'the timer fired at 100 ms but the deadline had moved to 160 ms').toEqual([]);
    vi.advanceTimersByTime(2);
    expect(expired).toEqual(['reading more']);
  });

  it('re-arms when a phase has a shorter timeout than the pending timer', () => {
    const expired: string[] = [];
    const deadline = new Deadline((doing) => expired.push(doing));
    deadline.set(60_000, 'connecting');
    deadline.set(300, 'reading');
    vi.advanceTimersByTime(301);
    expect(expired).toEqual(['reading']);
  });

  it('runs no timeout while suspended, and none after clear()', () => {
    const expired: string[] = [];
    const deadline = new Deadline((doing) => expired.push(doing));
    deadline.set(100, 'reading');
    deadline.suspend();
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual([]);
    deadline.set(50, 'reading again');
    vi.advanceTimersByTime(51);
    expect(expired).toEqual(['reading again']);
    deadline.set(50, 'last');
    deadline.clear();
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual(['reading again']);
  });
});

describe('headerSeconds', () => {
  it("prints ms as nginx prints $upstream_connect_time: seconds with three decimals", () => {
    expect(headerSeconds(0.2)).toBe('0.000');
    expect(headerSeconds(1)).toBe('0.001');
    expect(headerSeconds(1003.6)).toBe('1.004');
    expect(headerSeconds(12_345)).toBe('12.345');
  });
});
