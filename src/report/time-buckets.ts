import type { RequestRecord } from '../results/index.js';

/** Bucket widths a person can read at a glance, in ms. */
const NICE_BUCKETS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
  600_000, 900_000, 1_800_000, 3_600_000,
];

/**
 * Picks the narrowest "nice" bucket width that splits `spanMs` into at most
 * `target` buckets (1 ms for an empty span; whole hours beyond the table).
 */
export function chooseBucketMs(spanMs: number, target = 40): number {
  if (!(spanMs > 0)) return NICE_BUCKETS_MS[0]!;
  for (const b of NICE_BUCKETS_MS) if (spanMs / b <= target) return b;
  return Math.ceil(spanMs / target / 3_600_000) * 3_600_000;
}

/** When a request completed, in ms from the start of the run. */
export function completedAtMs(r: RequestRecord): number {
  return r.scheduledMs + r.latencyMs;
}

/** The last completion time among `records`, or 0 when there are none. */
export function lastCompletionMs(records: readonly RequestRecord[]): number {
  let last = 0;
  for (const r of records) last = Math.max(last, completedAtMs(r));
  return last;
}

/**
 * Counts records per bucket of completion time; bucket i covers
 * [i·bucketMs, (i+1)·bucketMs). `buckets` fixes the array length.
 */
export function countByCompletion(
  records: readonly RequestRecord[],
  bucketMs: number,
  buckets: number,
  include: (r: RequestRecord) => boolean = () => true,
): number[] {
  const counts = new Array<number>(buckets).fill(0);
  for (const r of records) {
    if (!include(r)) continue;
    const i = Math.min(buckets - 1, Math.max(0, Math.floor(completedAtMs(r) / bucketMs)));
    counts[i] = counts[i]! + 1;
  }
  return counts;
}

/** Number of buckets needed to cover [0, spanMs]. At least one. */
export function bucketCount(spanMs: number, bucketMs: number): number {
  return Math.max(1, Math.floor(spanMs / bucketMs) + 1);
}
