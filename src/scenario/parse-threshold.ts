import { CaplabError } from '../errors.js';
import { durationToMs } from './parse-duration.js';

/** Metrics a threshold can test; the first three are times in ms. */
export const THRESHOLD_METRICS = {
  latency: ['mean', 'min', 'max', 'p50', 'p90', 'p95', 'p99'],
  queue: ['mean', 'min', 'max', 'p50', 'p90', 'p95', 'p99'],
  service: ['mean', 'min', 'max', 'p50', 'p90', 'p95', 'p99'],
  errors: ['rate', 'count'],
  throughput: ['rps'],
} as const;

/** A metric name: `latency`, `queue`, `service`, `errors` or `throughput`. */
export type ThresholdMetric = keyof typeof THRESHOLD_METRICS;
/** A threshold's comparison: the measured value must satisfy `actual <op> limit`. */
export type ThresholdOp = '<' | '<=' | '>' | '>=';

/** A parsed `expect` entry, e.g. `latency.p99 < 2s` → `{metric: 'latency', stat: 'p99', op: '<', value: 2000}`. */
export interface Threshold {
  /** As written. */
  readonly expr: string;
  readonly metric: ThresholdMetric;
  readonly stat: string;
  readonly op: ThresholdOp;
  /** ms for times, a ratio 0–1 for `errors.rate`, a count, or requests per second. */
  readonly value: number;
}

const SHAPE = /^([A-Za-z]+)\.([A-Za-z0-9]+)\s*(<=|>=|<|>)\s*(\S+)$/;

function readValue(metric: ThresholdMetric, stat: string, text: string): number | string {
  if (metric === 'latency' || metric === 'queue' || metric === 'service') {
    return durationToMs(text) ?? `has a bad limit "${text}": ${metric} takes a duration like 500ms or 2s`;
  }
  if (stat === 'rate') {
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(text);
    const ratio = pct ? Number(pct[1]) / 100 : Number(text);
    return Number.isFinite(ratio) && ratio >= 0 && ratio <= 1 ? ratio : `has a bad limit "${text}": errors.rate takes a percentage like 1% or a ratio 0–1`;
  }
  if (stat === 'count') {
    const n = Number(text);
    return Number.isInteger(n) && n >= 0 ? n : `has a bad limit "${text}": errors.count takes a whole number`;
  }
  const rps = Number(text.replace(/\/s$/, ''));
  return Number.isFinite(rps) && rps >= 0 ? rps : `has a bad limit "${text}": throughput.rps takes requests per second, like 50 or 50/s`;
}

/**
 * Parses a threshold, returning it or a sentence saying what is wrong.
 * Used by the scenario schema, which reports the problem with its path.
 */
export function readThreshold(expr: string): Threshold | { problem: string } {
  const match = SHAPE.exec(expr.trim());
  if (!match) return { problem: 'must read "<metric>.<stat> <op> <limit>", e.g. "latency.p99 < 2s"' };
  const [, metricText = '', stat = '', op = '<', text = ''] = match;
  if (!Object.hasOwn(THRESHOLD_METRICS, metricText)) {
    return { problem: `has unknown metric "${metricText}" (metrics: ${Object.keys(THRESHOLD_METRICS).join(', ')})` };
  }
  const metric = metricText as ThresholdMetric;
  const stats: readonly string[] = THRESHOLD_METRICS[metric];
  if (!stats.includes(stat)) return { problem: `has unknown statistic "${metric}.${stat}" (${metric} has ${stats.join(', ')})` };
  const value = readValue(metric, stat, text);
  if (typeof value === 'string') return { problem: value };
  return { expr: expr.trim(), metric, stat, op: op as ThresholdOp, value };
}

/** Parses a threshold or throws a CaplabError (E_USAGE) saying what is wrong with it. */
export function parseThreshold(expr: string): Threshold {
  const result = readThreshold(expr);
  if ('problem' in result) throw new CaplabError('E_USAGE', `threshold "${expr}" ${result.problem}`);
  return result;
}
