import type { PoolStats } from '../pool/index.js';
import type { WorkerRssSample } from './types.js';

/**
 * The largest and total of the workers' resident sets `sizes` (bytes),
 * leaving out zeros (a slot being respawned; a uWSGI worker that has not
 * served a request yet, since `--memory-report` updates its figure after
 * each request); undefined when none is left.
 */
export function workerRss(sizes: readonly number[], source: WorkerRssSample['source']): WorkerRssSample | undefined {
  const known = sizes.filter((b) => Number.isFinite(b) && b > 0);
  if (known.length === 0) return undefined;
  return { maxBytes: Math.max(...known), totalBytes: known.reduce((a, b) => a + b, 0), source };
}

/** The workers' RSS in a stats document (caplab's pool; uWSGI with `--memory-report`). */
export function statsWorkerRss(stats: PoolStats): WorkerRssSample | undefined {
  return workerRss(
    stats.workers.map((w) => w.rss),
    'pool stats',
  );
}
