import * as hdr from 'hdr-histogram-js';
import type { Stats } from './types.js';

/** Values are recorded at microsecond resolution (3 significant digits). */
const UNITS_PER_MS = 1000;

export const EMPTY_STATS: Stats = Object.freeze({ count: 0, mean: 0, min: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 });

/**
 * Summarises millisecond samples with an HdrHistogram (3 significant
 * digits). The mean, min and max are exact; percentiles carry the
 * histogram's 0.1 % relative error. Non-finite and negative values are
 * ignored; no samples give `EMPTY_STATS`.
 */
export function summarizeStats(valuesMs: Iterable<number>): Stats {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3, autoResize: true });
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of valuesMs) {
    if (!Number.isFinite(v) || v < 0) continue;
    histogram.recordValue(Math.round(v * UNITS_PER_MS));
    count += 1;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return EMPTY_STATS;
  const at = (q: number): number => round3(Math.min(max, histogram.getValueAtPercentile(q) / UNITS_PER_MS));
  const stats: Stats = {
    count,
    mean: round3(sum / count),
    min: round3(min),
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    max: round3(max),
  };
  histogram.destroy();
  return stats;
}

/** Rounds to 3 decimals (microseconds, when the unit is ms). */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
