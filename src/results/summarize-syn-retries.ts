import { summarizeStats } from './summarize-stats.js';
import type { RequestRecord, SynRetrySummary } from './types.js';

/**
 * Wall-time connect above which a request counts as having waited on a SYN
 * retry. A loopback connect takes well under a millisecond; Linux retries a
 * dropped SYN after about 1 s (then 3 s), so half a second separates the two
 * with room on both sides.
 */
export const SYN_RETRY_WALL_MS = 500;

/**
 * Summarises the requests' upstream connect times (`connectMs`, scenario ms)
 * into how many waited on a SYN retry and how long. Null when no record
 * carries a connect time (a proxy that does not send the header, or results
 * older than it).
 */
export function summarizeSynRetries(records: readonly RequestRecord[], timeScale: number): SynRetrySummary | null {
  const connects = records.flatMap((r) => (r.connectMs === undefined || r.connectMs === null ? [] : [r.connectMs]));
  if (connects.length === 0) return null;
  const retried = connects.filter((ms) => ms * timeScale >= SYN_RETRY_WALL_MS);
  return { requests: retried.length, measured: connects.length, thresholdWallMs: SYN_RETRY_WALL_MS, delayMs: summarizeStats(retried) };
}
