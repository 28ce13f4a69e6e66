import { z } from 'zod';
import type { RequestRecord } from './types.js';

/**
 * One reload of the pool during a run (a scenario's `reload:` entry), in
 * scenario ms from the start of the load: when it was planned, when it
 * began and ended, the worker pids before and after, and the requests that
 * failed (status 0 or 5xx) while it ran.
 */
export const ReloadRecordSchema = z
  .object({
    /** `reload#<index>`, as in the plan. */
    name: z.string(),
    /** The planned `at`. */
    atMs: z.number().nonnegative(),
    startMs: z.number(),
    /** When the last new worker served; null when the reload failed (see `error`). */
    endMs: z.number().nullable(),
    pidsBefore: z.array(z.number().int()).readonly(),
    pidsAfter: z.array(z.number().int()).readonly(),
    /** Requests in flight at some point between startMs and endMs (or the end of the load) that got no response or a 5xx. */
    failedRequests: z.number().int().nonnegative(),
    /** Requests in flight at some point during the reload. */
    requestsDuring: z.number().int().nonnegative(),
    /** Why the reload failed, in one line; absent when it completed. */
    error: z.string().optional(),
  })
  .readonly()
  .meta({ id: 'ReloadRecord' });

export type ReloadRecord = z.infer<typeof ReloadRecordSchema>;

/** A reload as the load generator saw it, before the requests around it are counted. */
export type ReloadTiming = Omit<ReloadRecord, 'failedRequests' | 'requestsDuring'>;

/** Counts, for each reload, the requests in flight while it ran and those of them that failed (status 0 or ≥ 500). */
export function countReloadFailures(reloads: readonly ReloadTiming[], records: readonly RequestRecord[], loadEndMs: number): ReloadRecord[] {
  return reloads.map((r) => {
    const end = r.endMs ?? loadEndMs;
    const during = records.filter((q) => q.sentMs <= end && q.scheduledMs + q.latencyMs >= r.startMs);
    return { ...r, requestsDuring: during.length, failedRequests: during.filter((q) => q.status === 0 || q.status >= 500).length };
  });
}
