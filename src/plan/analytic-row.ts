import type { CapacityRow } from './capacity-types.js';
import type { CapacityConfig } from './check-capacity-input.js';
import { analyzeMmc, mmcResponseQuantileMs, mmcWaitQuantileMs } from './models/analyze-mmc.js';
import { analyzeMmck } from './models/analyze-mmck.js';
import { mmckResponseQuantileMs, mmckWaitQuantileMs } from './models/mmck-quantiles.js';
import { SLO_QUANTILE } from './parse-slo.js';
import { overloadReason, unstableRow, withVerdict } from './row-verdict.js';

/**
 * One row from the closed forms: M/M/c (Erlang C) when the listen queue is
 * unbounded, M/M/c/K with K = workers + listen otherwise. Latency is the
 * response time of admitted requests (wait + service); the objective's
 * percentile comes from the exact response-time distribution.
 */
export function analyticRow(cfg: CapacityConfig, workers: number, ratePerSec: number): CapacityRow {
  const { slo, serviceMs } = cfg;
  const q = slo.stat === 'mean' ? null : SLO_QUANTILE[slo.stat];
  if (cfg.listen === Infinity) {
    const m = analyzeMmc({ ratePerSec, serviceMs, workers });
    if (!m.stable) return unstableRow(workers, m.utilization, m.reason);
    const p99LatencyMs = mmcResponseQuantileMs(m, 0.99);
    return withVerdict(cfg, {
      workers,
      utilization: m.utilization,
      stable: true,
      reason: null,
      pWait: m.pWait,
      meanWaitMs: m.meanWaitMs,
      approxMeanWaitMs: null,
      p99WaitMs: mmcWaitQuantileMs(m, 0.99),
      p99LatencyMs,
      sloValueMs: q === null ? m.meanResponseMs : q === 0.99 ? p99LatencyMs : mmcResponseQuantileMs(m, q),
      refusedShare: 0,
      errorShare: 0,
    });
  }
  const m = analyzeMmck({ ratePerSec, serviceMs, workers, capacity: workers + cfg.listen });
  const p99LatencyMs = mmckResponseQuantileMs(m, 0.99);
  const stable = m.offeredUtilization < 1;
  return withVerdict(cfg, {
    workers,
    utilization: m.offeredUtilization,
    stable,
    reason: stable ? null : overloadReason(m.offeredUtilization),
    pWait: m.pWait,
    meanWaitMs: m.meanWaitMs,
    approxMeanWaitMs: null,
    p99WaitMs: mmckWaitQuantileMs(m, 0.99),
    p99LatencyMs,
    sloValueMs: q === null ? m.meanResponseMs : q === 0.99 ? p99LatencyMs : mmckResponseQuantileMs(m, q),
    refusedShare: m.pBlock,
    errorShare: m.pBlock,
  });
}

