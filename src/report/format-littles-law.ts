import type { RunResult } from '../results/index.js';
import { formatMs, formatNumber, formatRps } from './format-values.js';

/**
 * The Little's law check on the listen queue in one sentence, for the
 * console and the HTML report alike: the mean queue length sampled over the
 * run against arrival rate × mean wait. '' when the run has no such check
 * (no timeline, or no request carried a queue time).
 */
export function formatLittlesLaw(result: RunResult): string {
  const ll = result.littlesLaw;
  if (ll === undefined || ll === null) return '';
  return `Mean listen-queue length sampled over the run: ${formatNumber(ll.meanQueueLength)}. Little’s law (arrival rate × mean wait = ${formatRps(
    ll.arrivalRatePerSec,
  )} × ${formatMs(ll.meanWaitMs)}) gives ${formatNumber(ll.predictedQueueLength)}${ll.ratio === null ? '' : `, a ratio of ${formatNumber(ll.ratio)}`}.`;
}
