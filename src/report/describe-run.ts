import type { RequestRecord, RunResult } from '../results/index.js';
import { describeFailures, plural } from './describe.js';
import { formatCount, formatMs } from './format-values.js';

/**
 * Wall-clock time a request may spend between the proxy and the app without
 * having queued: the proxy's forward, the master's accept and hand-off to a
 * free worker. Measured at 1.5–5 ms on the 2-core machine the lab runs on.
 */
export const HANDOFF_WALL_MS = 10;

/**
 * The queue wait above which a request counts as having waited: 1 % of the
 * median service time, never less than 1 ms, and never less than the
 * stack's own hand-off (`HANDOFF_WALL_MS` of wall time, in scenario ms), so
 * timer noise and the hand-off do not count as queueing.
 */
export function waitThresholdMs(result: RunResult): number {
  return Math.max(1, 0.01 * result.summary.serviceMs.p50, HANDOFF_WALL_MS / result.stack.timeScale);
}

/** Requests (among those recorded) whose queue wait exceeds `waitThresholdMs`. */
export function waitingRequests(result: RunResult): RequestRecord[] {
  const threshold = waitThresholdMs(result);
  return result.requests.filter((r) => r.queueMs !== null && r.queueMs > threshold);
}

function describeWaits(result: RunResult): string {
  if (result.requests.length > 0 && result.requests.every((r) => r.queueMs === null)) {
    return 'queue wait was not measured (no response carried timing headers)';
  }
  const waiting = waitingRequests(result);
  if (waiting.length === 0) return 'none waited in the listen queue';
  const scale = result.sampling.sampled && result.sampling.kept > 0 ? result.sampling.total / result.sampling.kept : 1;
  const n = scale === 1 ? formatCount(waiting.length) : `about ${formatCount(waiting.length * scale)}`;
  const waits = waiting.map((r) => r.queueMs!);
  const longest = Math.max(...waits);
  if (waiting.length === 1 && scale === 1) return `1 waited ${formatMs(longest)} in the listen queue`;
  const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
  return `${n} waited in the listen queue (${formatMs(mean)} on average, ${formatMs(longest)} at most)`;
}

/**
 * One plain-language sentence summing up a run, computed from its data,
 * e.g. "2 workers served 3 requests in 20.0 s; 1 waited 10.0 s in the
 * listen queue; p99 latency 20.0 s." A run stopped early (`aborted`)
 * says what stopped it.
 */
export function describeRun(result: RunResult): string {
  const s = result.summary;
  if (s.count === 0) return `${plural(result.stack.workers, 'worker')} received no requests.`;
  const parts = [
    `${plural(result.stack.workers, 'worker')} served ${plural(s.count, 'request')} in ${formatMs(s.durationMs)}`,
    describeWaits(result),
  ];
  if (s.errors > 0) parts.push(`${formatCount(s.errors)} failed (${describeFailures(s.status)})`);
  parts.push(`p99 latency ${formatMs(s.latencyMs.p99)}`);
  const interrupted = result.aborted !== undefined ? ` The run stopped early (${result.aborted}), so these numbers cover only the part that ran.` : '';
  return `${parts.join('; ')}.${interrupted}`;
}
