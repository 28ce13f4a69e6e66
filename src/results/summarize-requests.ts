import { summarizeStats, round3 } from './summarize-stats.js';
import type { RequestRecord, Summary } from './types.js';

/** A request counts as ok when it got a response with status below 400. */
export function isOk(r: RequestRecord): boolean {
  return r.status > 0 && r.status < 400;
}

/**
 * Summarises request records. Throughput is completed requests over the
 * span from the first scheduled send to the last completion (scenario time).
 * Queue and service stats cover only requests that carried timing headers.
 */
export function summarizeRequests(records: readonly RequestRecord[]): Summary {
  let ok = 0;
  let first = Infinity;
  let last = -Infinity;
  const status: Record<string, number> = {};
  for (const r of records) {
    if (isOk(r)) ok += 1;
    status[String(r.status)] = (status[String(r.status)] ?? 0) + 1;
    first = Math.min(first, r.scheduledMs);
    last = Math.max(last, r.scheduledMs + r.latencyMs);
  }
  const durationMs = records.length > 0 ? Math.max(0, last - first) : 0;
  return {
    count: records.length,
    ok,
    errors: records.length - ok,
    durationMs: round3(durationMs),
    throughputRps: durationMs > 0 ? round3((records.length * 1000) / durationMs) : 0,
    latencyMs: summarizeStats(records.map((r) => r.latencyMs)),
    queueMs: summarizeStats(records.flatMap((r) => (r.queueMs === null ? [] : [r.queueMs]))),
    serviceMs: summarizeStats(records.flatMap((r) => (r.serviceMs === null ? [] : [r.serviceMs]))),
    status,
  };
}
