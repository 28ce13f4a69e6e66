import { describe, expect, it } from 'vitest';
import { overflowBetween, summarizeSynRetries, SYN_RETRY_WALL_MS, type RequestRecord } from '../../../src/results/index.js';

const rec = (id: number, connectMs: number | null | undefined): RequestRecord => ({
  id,
  phase: 'burst#0',
  method: 'GET',
  path: '/sleep?ms=2000',
  scheduledMs: 0,
  sentMs: 0,
  latencyMs: 2000,
  status: 200,
  worker: 1,
  queueMs: 0,
  serviceMs: 2000,
  ...(connectMs === undefined ? {} : { connectMs }),
  error: null,
});

describe('overflowBetween', () => {
  it('gives the rise of both counters and says they are system-wide', () => {
    expect(overflowBetween({ listenOverflows: 10, listenDrops: 12 }, { listenOverflows: 17, listenDrops: 21 })).toEqual({
      listenOverflows: 7,
      listenDrops: 9,
      systemWide: true,
    });
    expect(overflowBetween({ listenOverflows: 3, listenDrops: 3 }, { listenOverflows: 3, listenDrops: 3 })).toEqual({ listenOverflows: 0, listenDrops: 0, systemWide: true });
  });

  it('is null when a reading is missing or a counter went down', () => {
    expect(overflowBetween(null, { listenOverflows: 1, listenDrops: 1 })).toBeNull();
    expect(overflowBetween({ listenOverflows: 1, listenDrops: 1 }, null)).toBeNull();
    expect(overflowBetween({ listenOverflows: 5, listenDrops: 5 }, { listenOverflows: 4, listenDrops: 6 })).toBeNull();
  });
});

describe('summarizeSynRetries', () => {
  it('counts requests whose connect took at least 500 ms of wall time, with their connect times in scenario ms', () => {
    // Time scale 0.01: a 1 s SYN retry reads 100 s of scenario time, a 1 s + 3 s one 400 s.
    const records = [rec(0, 0.05), rec(1, 0.1), rec(2, 100_400), rec(3, 400_300), rec(4, 100_300), rec(5, null)];
    const s = summarizeSynRetries(records, 0.01)!;
    expect(s).toMatchObject({ requests: 3, measured: 5, thresholdWallMs: SYN_RETRY_WALL_MS });
    expect(s.delayMs.count).toBe(3);
    expect(s.delayMs.min).toBe(100_300);
    expect(s.delayMs.max).toBe(400_300);
    expect(Math.abs(s.delayMs.p50 - 100_400) / 100_400).toBeLessThan(0.002);
  });

  it('judges the threshold in wall time, whatever the time scale', () => {
    // 600 scenario ms is 600 wall ms at scale 1 (a retry) but 6 wall ms at 0.01 (no retry).
    expect(summarizeSynRetries([rec(0, 600)], 1)!.requests).toBe(1);
    expect(summarizeSynRetries([rec(0, 600)], 0.01)!.requests).toBe(0);
    expect(summarizeSynRetries([rec(0, 499)], 1)!.requests).toBe(0);
  });

  it('is zero retries when every connect was quick, and null when no request carried a connect time', () => {
    const quick = summarizeSynRetries([rec(0, 0.2), rec(1, 0.3)], 1)!;
    expect(quick).toMatchObject({ requests: 0, measured: 2 });
    expect(quick.delayMs.count).toBe(0);
    expect(summarizeSynRetries([rec(0, null), rec(1, undefined)], 1)).toBeNull();
    expect(summarizeSynRetries([], 1)).toBeNull();
  });
});
