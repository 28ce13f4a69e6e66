import type { ThresholdVerdict } from '../results/index.js';
import { formatCount, formatMs, formatPercent, formatRps } from './format-values.js';

/**
 * Formats a threshold's measured value or limit in the threshold's own
 * unit, judged from its expression: rates and ratios as percentages,
 * throughput in req/s, counts as integers, everything else as time in ms.
 */
export function formatThresholdValue(expr: string, value: number): string {
  const metric = expr.split(/[<>=!]/)[0]!.trim().toLowerCase();
  if (/rate|ratio/.test(metric) && !/throughput|rps/.test(metric)) return formatPercent(value);
  if (/throughput|rps/.test(metric)) return formatRps(value);
  if (/count|errors$|requests$/.test(metric)) return formatCount(value);
  return formatMs(value);
}

/** `✓` for a met threshold, `✗` for a failed one. */
export function verdictMark(t: ThresholdVerdict): '✓' | '✗' {
  return t.ok ? '✓' : '✗';
}

/** `✗ latency.p50 < 5s: measured 10.0 s, limit 5.00 s`. */
export function describeThreshold(t: ThresholdVerdict): string {
  return `${verdictMark(t)} ${t.expr}: measured ${formatThresholdValue(t.expr, t.actual)}, limit ${formatThresholdValue(t.expr, t.limit)}`;
}
