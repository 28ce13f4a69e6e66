import type { RunResult } from '../results/index.js';
import { plural } from './describe.js';
import { formatCount, formatMs } from './format-values.js';

/**
 * Sentences about the listen queue's mode and its overflow, shared by the
 * console summary and the HTML report so both say the same thing. Each is
 * null when there is nothing to say (older results, nothing counted).
 */

/** What a full queue does in each mode, in a few words. */
export function describeQueueMode(queue: 'kernel' | 'master'): string {
  return queue === 'kernel'
    ? 'kernel: workers accept from the kernel’s accept queue; when it is full the kernel drops SYNs and connections wait on retries (~1 s, then 3 s of wall time)'
    : 'master: the master holds the queue; when it is full, requests get 503 at once';
}

/**
 * One line when the pool fell back to the master-held queue because the
 * native addon could not load, from a run's `stack` or a sweep.
 */
export function describeQueueFallback(from: { readonly queueFallback?: string | undefined }): string | null {
  const reason = from.queueFallback;
  if (reason === undefined || reason === '') return null;
  return `note: the pool ran with queue master, not kernel (${reason}); a full listen queue answered 503 at once instead of delaying connections`;
}

/** The kernel's listen counters over the run, when either rose; they are system-wide. */
export function describeListenOverflow(result: RunResult): string | null {
  const o = result.overflow;
  if (o === undefined || (o.listenOverflows === 0 && o.listenDrops === 0)) return null;
  return (
    `listen overflows: the kernel counted ${plural(o.listenOverflows, 'accept-queue overflow')} and ${plural(o.listenDrops, 'dropped SYN')} during the run ` +
    '(system-wide counters: any program on this machine adds to them, not only this stack)'
  );
}

/** The requests that waited on a SYN retry, with their connect times in wall and scenario time. */
export function describeSynRetries(result: RunResult): string | null {
  const r = result.synRetries;
  if (r === undefined || r.requests === 0) return null;
  const scale = result.stack.timeScale;
  const wall = `connect p50 ${formatMs(r.delayMs.p50 * scale)}, max ${formatMs(r.delayMs.max * scale)} of wall time`;
  const scenario = scale === 1 ? '' : ` (${formatMs(r.delayMs.p50)} and ${formatMs(r.delayMs.max)} in scenario time)`;
  const of = r.measured === result.summary.count ? formatCount(result.summary.count) : `${formatCount(r.measured)} measured`;
  return (
    `${formatCount(r.requests)} of ${of} requests waited on a SYN retry (connect ≥ ${formatCount(r.thresholdWallMs)} ms of wall time): ${wall}${scenario}; ` +
    'the kernel dropped their SYN while the accept queue was full, and the connection was retried about 1 s and 3 s after the first try'
  );
}
