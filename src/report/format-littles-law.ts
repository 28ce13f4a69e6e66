import type { RunResult } from '../results/index.js';
import { formatMs, formatNumber, formatRps } from './format-values.js';
import { fieldOf, numberAt } from './read-extra.js';

/**
 * The Little's law check on the listen queue in one sentence, for the
 * console and the HTML report alike: the mean queue length sampled over the
 * run against arrival rate × mean wait. '' when the run has no such check
 * (no timeline, or no request carried a queue time).
 */
export function formatLittlesLaw(result: RunResult): string {
  const ll = fieldOf(result, 'littlesLaw');
  const observed = numberAt(ll, 'meanQueueLength');
  const predicted = numberAt(ll, 'predictedQueueLength');
  if (observed === null || predicted === null) return '';
  const ratio = numberAt(ll, 'ratio');
  const rate = numberAt(ll, 'arrivalRatePerSec');
  const wait = numberAt(ll, 'meanWaitMs');
  return `Mean listen-queue length sampled over the run: ${formatNumber(observed)}. Little’s law (arrival rate × mean wait = ${
    rate === null ? '?' : formatRps(rate)
  } × ${wait === null ? '?' : formatMs(wait)}) gives ${formatNumber(predicted)}${ratio === null ? '' : `, a ratio of ${formatNumber(ratio)}`}.`;
}
