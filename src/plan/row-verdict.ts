import type { CapacityRow } from './capacity-types.js';
import type { CapacityConfig } from './check-capacity-input.js';

/**
 * Judges a row against the objective. It meets it (`meetsSlo`) when it is
 * stable (ρ < 1), its objective statistic is at or under the limit, and its
 * error share is at or under `maxErrorShare`. Its `verdict` applies the same
 * test to the ends of its 95 % intervals: 'meets' when the upper ends pass,
 * 'fails' when the lower ends fail (or the row is unstable), 'uncertain'
 * otherwise; a row without intervals (exact) gets 'meets' or 'fails'.
 */
export function withVerdict(cfg: CapacityConfig, row: Omit<CapacityRow, 'meetsSlo' | 'verdict' | 'ci'> & { ci?: CapacityRow['ci'] }): CapacityRow {
  const limit = cfg.slo.limitMs;
  const meets = (slo: number | null, errors: number | null): boolean =>
    row.stable && slo !== null && slo <= limit && errors !== null && errors <= cfg.maxErrorShare;
  const meetsSlo = meets(row.sloValueMs, row.errorShare);
  const ci = row.ci ?? null;
  let verdict: CapacityRow['verdict'] = meetsSlo ? 'meets' : 'fails';
  if (ci !== null && row.stable) {
    if (meets(ci.sloValueMs.high, ci.errorShare.high)) verdict = 'meets';
    else if (!meets(ci.sloValueMs.low, Math.max(0, ci.errorShare.low))) verdict = 'fails';
    else verdict = 'uncertain';
  }
  return Object.freeze({ ...row, meetsSlo, verdict, ci });
}

/** A row for an unstable pool with an unbounded queue: no figures, never meets the objective. */
export function unstableRow(workers: number, utilization: number, reason: string): CapacityRow {
  return Object.freeze({
    workers,
    utilization,
    stable: false,
    reason,
    pWait: null,
    meanWaitMs: null,
    approxMeanWaitMs: null,
    p99WaitMs: null,
    p99LatencyMs: null,
    sloValueMs: null,
    refusedShare: null,
    errorShare: null,
    meetsSlo: false,
    verdict: 'fails',
    ci: null,
  });
}

/** The reason given for a row with ρ ≥ 1 whose bounded queue keeps its figures finite. */
export function overloadReason(rho: number): string {
  return `utilisation ${Math.round(rho * 1000) / 1000} ≥ 1: the pool is overloaded and sheds the excess`;
}
