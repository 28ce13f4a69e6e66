import type { CapacityRow } from './capacity-types.js';
import type { CapacityConfig } from './check-capacity-input.js';
import { allenCunneen } from './models/allen-cunneen.js';
import { unstable } from './models/unstable.js';
import { overloadReason, unstableRow, withVerdict } from './row-verdict.js';
import { serviceSampler } from '../scenario/index.js';
import { simulatePool } from './sim/simulate-pool.js';

/**
 * One row from the simulator: `cfg.requests` arrivals at `ratePerSec`, the
 * first `warmupShare` of the run's expected duration left out of the
 * figures. The same seed is used for every row and rate, so rows share their
 * arrival and service draws (common random numbers) and differ only by the
 * worker count. An unbounded queue with ρ ≥ 1 is not simulated: it is
 * reported unstable. Beside the simulated mean wait, `approxMeanWaitMs` is
 * Allen–Cunneen's for the same λ, E[S], c, Ca² and Cs² (null when ρ ≥ 1).
 */
export function simulatedRow(cfg: CapacityConfig, workers: number, ratePerSec: number): CapacityRow {
  const rho = ((ratePerSec / 1000) * cfg.serviceMs) / workers;
  if (rho >= 1 && cfg.listen === Infinity) return unstableRow(workers, rho, unstable(rho).reason);
  const expectedMs = (cfg.requests / ratePerSec) * 1000;
  const { summary: s } = simulatePool({
    workers,
    listen: cfg.listen,
    arrivals: { kind: cfg.arrival, ratePerSec, count: cfg.requests },
    service: serviceSampler(cfg.service),
    seed: cfg.seed,
    harakiriMs: cfg.harakiriMs,
    respawnMs: cfg.respawnMs,
    upstreamTimeoutMs: cfg.upstreamTimeoutMs,
    warmupMs: cfg.warmupShare * expectedMs,
  });
  const stable = rho < 1;
  const approx = allenCunneen({ ratePerSec, serviceMs: cfg.serviceMs, workers, ca2: cfg.arrivalScv, cs2: cfg.serviceScv });
  const latency = s.latencyMs;
  const share = (n: number): number => (s.count > 0 ? n / s.count : 0);
  return withVerdict(cfg, {
    workers,
    utilization: rho,
    stable,
    reason: stable ? null : overloadReason(rho),
    pWait: s.pWait,
    meanWaitMs: s.waitMs.mean,
    approxMeanWaitMs: approx.stable ? approx.meanWaitMs : null,
    p99WaitMs: s.waitMs.p99,
    p99LatencyMs: latency.p99,
    sloValueMs: cfg.slo.stat === 'mean' ? latency.mean : latency[cfg.slo.stat],
    refusedShare: share(s.refused),
    errorShare: share(s.refused + s.timeouts + s.harakiri),
  });
}
