import type { RequestRecord } from './types.js';

/**
 * Keeps at most `cap` records. Beyond the cap it takes an evenly spaced
 * (systematic) sample in send order, which is deterministic and keeps the
 * whole run's time span represented.
 */
export function sampleRecords(records: readonly RequestRecord[], cap: number): {
  kept: readonly RequestRecord[];
  sampling: { total: number; kept: number; sampled: boolean };
} {
  if (records.length <= cap) {
    return { kept: records, sampling: { total: records.length, kept: records.length, sampled: false } };
  }
  const kept: RequestRecord[] = [];
  for (let i = 0; i < cap; i += 1) kept.push(records[Math.floor((i * records.length) / cap)]!);
  return { kept, sampling: { total: records.length, kept: kept.length, sampled: true } };
}
