import type { Threshold } from '../scenario/index.js';
import type { Stats, Summary, ThresholdVerdict } from './types.js';

const STATS_OF = { latency: 'latencyMs', queue: 'queueMs', service: 'serviceMs' } as const;

/** The measured value a threshold tests, in its own unit (ms, ratio, count or rps). */
export function thresholdActual(t: Threshold, summary: Summary): number {
  switch (t.metric) {
    case 'latency':
    case 'queue':
    case 'service':
      return summary[STATS_OF[t.metric]][t.stat as keyof Stats];
    case 'errors':
      if (t.stat === 'count') return summary.errors;
      return summary.count > 0 ? summary.errors / summary.count : 0;
    case 'throughput':
      return summary.throughputRps;
  }
}

/**
 * Checks one threshold against a run's summary. Pure: the same threshold
 * and summary always give the same verdict. An error rate over no requests
 * counts as 0.
 */
export function evaluateThreshold(threshold: Threshold, summary: Summary): ThresholdVerdict {
  const actual = thresholdActual(threshold, summary);
  const limit = threshold.value;
  let ok: boolean;
  switch (threshold.op) {
    case '<': ok = actual < limit; break;
    case '<=': ok = actual <= limit; break;
    case '>': ok = actual > limit; break;
    case '>=': ok = actual >= limit; break;
  }
  return { expr: threshold.expr, ok, actual, limit };
}
