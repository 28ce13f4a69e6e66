import { PlanInputError } from './plan-input-error.js';
import { parseDurationMs } from './parse-duration.js';

/** The latency statistics an objective can bound. */
export type SloStat = 'p50' | 'p90' | 'p95' | 'p99' | 'p999' | 'mean';

/** A latency objective: `stat` of the response time must stay below `limitMs`. */
export interface Slo {
  readonly stat: SloStat;
  readonly limitMs: number;
}

/** The quantile each percentile stat names (`mean` has none). */
export const SLO_QUANTILE: Readonly<Record<Exclude<SloStat, 'mean'>, number>> = Object.freeze({
  p50: 0.5,
  p90: 0.9,
  p95: 0.95,
  p99: 0.99,
  p999: 0.999,
});

const SLO = /^\s*(?:latency\.)?(p50|p90|p95|p99|p999|p99\.9|mean|avg)\s*(<=?)\s*(\S.*?)\s*$/i;

/**
 * Parses an objective such as `p99<1s`, `p95 < 250ms`, `mean<200`,
 * `p99.9<2s` or `latency.p99 < 1s`. Durations as in parse-duration.ts
 * (plain numbers are ms); `avg` means `mean` and `p99.9` means `p999`; `<=`
 * is read as `<`. Throws E_SLO_INVALID naming the field `{slo}` and
 * quoting the text otherwise.
 */
export function parseSlo(text: string): Slo {
  const match = SLO.exec(text);
  if (match === null) {
    throw new PlanInputError('E_SLO_INVALID', `{slo} must look like 'p99<1s' (a stat among p50, p90, p95, p99, p999, mean, then '<' and a duration), got ${JSON.stringify(text)}`);
  }
  const raw = (match[1] as string).toLowerCase();
  const stat: SloStat = raw === 'p99.9' ? 'p999' : raw === 'avg' ? 'mean' : (raw as SloStat);
  const limitMs = parseDurationMs(match[3] as string);
  if (limitMs === null || !(limitMs > 0)) {
    throw new PlanInputError('E_SLO_INVALID', `{slo} limit must be a duration > 0 such as 250ms, 1s or 1.5s, got ${JSON.stringify(match[3])} in ${JSON.stringify(text)}`);
  }
  return Object.freeze({ stat, limitMs });
}

/** Writes an objective back in the form `parseSlo` reads, e.g. `p99<1000ms`. */
export function formatSlo(slo: Slo): string {
  return `${slo.stat}<${slo.limitMs}ms`;
}
