import type { CapacityRow } from './capacity-types.js';
import type { CapacityConfig } from './check-capacity-input.js';

/**
 * Judges a row against the objective: it meets it when it is stable
 * (ρ < 1), its objective statistic is at or under the limit, and its error
 * share is at or under `maxErrorShare`.
 */
export function withVerdict(cfg: CapacityConfig, row: Omit<CapacityRow, 'meetsSlo'>): CapacityRow {
  const meetsSlo =
    row.stable &&
    row.sloValueMs !== null &&
    row.sloValueMs <= cfg.slo.limitMs &&
    row.errorShare !== null &&
    row.errorShare <= cfg.maxErrorShare;
  return Object.freeze({ ...row, meetsSlo });
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
  });
}

/** The reason given for a row with ρ ≥ 1 whose bounded queue keeps its figures finite. */
export function overloadReason(rho: number): string {
  return `utilisation ${Math.round(rho * 1000) / 1000} ≥ 1: the pool is overloaded and sheds the excess`;
}
