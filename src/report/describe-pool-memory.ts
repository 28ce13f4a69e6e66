import { formatBytes } from '../plan/index.js';
import type { RunResult } from '../results/index.js';
import { plural } from './describe.js';

const SOURCE: Readonly<Record<NonNullable<RunResult['poolMemory']>['source'], string>> = {
  'pool stats': "the pool's stats",
  '/proc': '/proc',
};

/**
 * The workers' memory over the load, e.g. "peak RSS 52.3 MiB for one
 * worker, 201 MiB for all workers (from the pool's stats, 12 samples)";
 * null when the result carries none.
 */
export function describePoolMemory(result: Pick<RunResult, 'poolMemory'>): string | null {
  const m = result.poolMemory;
  if (m === undefined) return null;
  return `peak RSS ${formatBytes(m.peakWorkerRssBytes)} for one worker, ${formatBytes(m.peakTotalWorkersRssBytes)} for all workers (from ${SOURCE[m.source]}, ${plural(m.samples, 'sample')})`;
}
