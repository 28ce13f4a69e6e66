import type { RunResult } from '../results/index.js';
import { formatNumber, formatMs, formatRps } from './format-values.js';
import { fieldOf, numberAt } from './read-extra.js';

/**
 * One line checking Little's law on the listen queue: the mean queue length
 * sampled over the run against arrival rate × mean wait. '' when the run
 * has no such check (no timeline, or no request carried a queue time).
 */
export function formatLittlesLaw(result: RunResult): string {
  const ll = fieldOf(result, 'littlesLaw');
  const observed = numberAt(ll, 'meanQueueLength');
  const predicted = numberAt(ll, 'predictedQueueLength');
  const rate = numberAt(ll, 'arrivalRatePerSec');
  const wait = numberAt(ll, 'meanWaitMs');
  if (observed === null || predicted === null || rate === null || wait === null) return '';
  const ratio = numberAt(ll, 'ratio');
  return `Little's law: sampled mean queue length ${formatNumber(observed)}, arrival rate × mean wait = ${formatRps(rate)} × ${formatMs(wait)} = ${formatNumber(predicted)}${
    ratio === null ? '' : ` (ratio ${formatNumber(ratio)})`
  }`;
}
