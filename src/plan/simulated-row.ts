import type { CapacityRow, RowIntervals } from './capacity-types.js';
import type { CapacityConfig } from './check-capacity-input.js';
import { allenCunneen } from './models/allen-cunneen.js';
import { unstable } from './models/unstable.js';
import { overloadReason, unstableRow, withVerdict } from './row-verdict.js';
import { serviceSampler } from '../scenario/index.js';
import { QuantileSketch } from './sim/quantile-sketch.js';
import { simulateWithSketches } from './sim/simulate-pool.js';
import type { SteadyArrivals } from './sim/arrival-spec.js';
import type { SimSummary } from './sim/simulation-types.js';
import { meanInterval, sectionInterval } from './student-t.js';
import { SLO_QUANTILE } from './parse-slo.js';

/** The seed of replication `r`: the plan's seed for the first, then a Weyl step (createRng's splitmix makes nearby seeds unrelated). */
export function replicationSeed(seed: number, r: number): number {
  return (Math.round(seed) + Math.imul(r, 0x9e3779b9)) >>> 0;
}

/** The arrival spec of one replication. */
function arrivals(cfg: CapacityConfig, ratePerSec: number, count: number): SteadyArrivals {
  return cfg.arrival === 'renewal'
    ? { kind: 'renewal', ratePerSec, scv: cfg.arrivalScv, count }
    : { kind: cfg.arrival, ratePerSec, count };
}

/**
 * One row from the simulator, by independent replications: `cfg.requests`
 * arrivals at `ratePerSec` split over `cfg.replications` runs, each from an
 * empty pool with its own seed, the first `warmupShare` of each run's
 * expected duration left out. A mean (wait, latency, shares) is the mean
 * of the runs' means; a percentile is taken over all the runs' requests
 * pooled (sectioning: Asmussen & Glynn, Stochastic Simulation, 2007,
 * §III.5a), which keeps the small-sample bias of a per-run percentile out
 * of the figure. `ci` gives the 95 % Student t interval from the spread of
 * the runs' own estimates, t₀.₉₇₅(R−1)·s/√R either side of the figure (the
 * runs are independent and identically distributed, so this holds up to
 * the normality of the run estimates and the warm-up's bias).
 * Replication r has the same seed in every row and at every rate, so rows
 * share their arrival and service draws (common random numbers) and differ
 * only by the worker count. An unbounded queue with ρ ≥ 1 is not
 * simulated: it is reported unstable. Beside the simulated mean wait,
 * `approxMeanWaitMs` is Allen–Cunneen's for the same λ, E[S], c, Ca² and Cs²
 * (null when ρ ≥ 1).
 */
export function simulatedRow(cfg: CapacityConfig, workers: number, ratePerSec: number): CapacityRow {
  const rho = ((ratePerSec / 1000) * cfg.serviceMs) / workers;
  if (rho >= 1 && cfg.listen === Infinity) return unstableRow(workers, rho, unstable(rho).reason);
  const R = cfg.replications;
  const count = Math.ceil(cfg.requests / R);
  const expectedMs = (count / ratePerSec) * 1000;
  const runs: SimSummary[] = [];
  const waits = new QuantileSketch();
  const latencies = new QuantileSketch();
  for (let r = 0; r < R; r++) {
    const run = simulateWithSketches({
      workers,
      listen: cfg.listen,
      arrivals: arrivals(cfg, ratePerSec, count),
      service: serviceSampler(cfg.service),
      seed: replicationSeed(cfg.seed, r),
      harakiriMs: cfg.harakiriMs,
      respawnMs: cfg.respawnMs,
      upstreamTimeoutMs: cfg.upstreamTimeoutMs,
      warmupMs: cfg.warmupShare * expectedMs,
    });
    runs.push(run.summary);
    waits.merge(run.waits);
    latencies.merge(run.latencies);
  }
  const share = (s: SimSummary, n: number): number => (s.count > 0 ? n / s.count : 0);
  const of = (f: (s: SimSummary) => number): ReturnType<typeof meanInterval> => meanInterval(runs.map(f));
  const meanWait = of((s) => s.waitMs.mean);
  const p99Latency = sectionInterval(latencies.quantile(0.99), runs.map((s) => s.latencyMs.p99));
  const slo = cfg.slo.stat === 'mean' ? of((s) => s.latencyMs.mean) : sectionInterval(latencies.quantile(SLO_QUANTILE[cfg.slo.stat]), runs.map((s) => s.latencyMs[cfg.slo.stat as Exclude<typeof cfg.slo.stat, 'mean'>]));
  const errors = of((s) => share(s, s.refused + s.timeouts + s.harakiri));
  const ci: RowIntervals = Object.freeze({
    replications: R,
    meanWaitMs: meanWait.interval,
    p99LatencyMs: p99Latency.interval,
    sloValueMs: slo.interval,
    errorShare: errors.interval,
  });
  const stable = rho < 1;
  const approx = allenCunneen({ ratePerSec, serviceMs: cfg.serviceMs, workers, ca2: cfg.arrivalScv, cs2: cfg.serviceScv });
  return withVerdict(cfg, {
    workers,
    utilization: rho,
    stable,
    reason: stable ? null : overloadReason(rho),
    pWait: of((s) => s.pWait).mean,
    meanWaitMs: meanWait.mean,
    approxMeanWaitMs: approx.stable ? approx.meanWaitMs : null,
    p99WaitMs: waits.quantile(0.99),
    p99LatencyMs: p99Latency.mean,
    sloValueMs: slo.mean,
    refusedShare: of((s) => share(s, s.refused)).mean,
    errorShare: errors.mean,
    ci,
  });
}
