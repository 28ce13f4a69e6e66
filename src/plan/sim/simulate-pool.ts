import { checkSimulation } from './check-simulation.js';
import { PoolSimulation } from './pool-simulation.js';
import type { QuantileSketch } from './quantile-sketch.js';
import type { SimulationInput, SimulationResult } from './simulation-types.js';

/**
 * Simulates a prefork pool (c sync workers, a FIFO listen queue) under the
 * given arrivals in virtual time; see pool-simulation.ts for the exact
 * semantics. Deterministic: the same input and seed give the same result.
 * Throws E_PLAN_INVALID, listing every problem, on a bad input.
 */
export function simulatePool(input: SimulationInput): SimulationResult {
  const { summary, records } = simulateWithSketches(input);
  return Object.freeze({ summary, records });
}

/**
 * `simulatePool`, also handing back the sketches of the measured waits and
 * latencies, so that replications can be pooled (`QuantileSketch.merge`).
 */
export function simulateWithSketches(input: SimulationInput): SimulationResult & { readonly waits: QuantileSketch; readonly latencies: QuantileSketch } {
  const cfg = checkSimulation(input);
  const sim = new PoolSimulation(cfg);
  sim.run();
  const admitted = sim.count - sim.refused;
  const first = sim.firstArrival === Infinity ? 0 : sim.firstArrival;
  const span = sim.now - Math.max(first, cfg.warmupMs);
  const arrivalSpan = sim.count > 1 ? sim.lastArrival - sim.firstMeasuredArrival : 0;
  return Object.freeze({
    summary: Object.freeze({
      count: sim.count,
      served: sim.served,
      refused: sim.refused,
      timeouts: sim.timeouts,
      harakiri: sim.killed,
      pWait: admitted > 0 ? sim.waited / admitted : 0,
      waitMs: Object.freeze(sim.waits.stats()),
      latencyMs: Object.freeze(sim.latencies.stats()),
      meanServiceMs: admitted > 0 ? sim.serviceMeasured / admitted : 0,
      arrivalRatePerSec: arrivalSpan > 0 ? ((sim.count - 1) * 1000) / arrivalSpan : 0,
      utilization: span > 0 ? sim.busyMeasured / (cfg.workers * cfg.threads * span) : 0,
      maxQueue: sim.maxQueue,
      eventsProcessed: sim.events,
      durationMs: Math.max(0, sim.now - first),
      truncated: sim.truncated,
    }),
    records: sim.records === null ? null : sim.records.toRecords(cfg.names),
    waits: sim.waits,
    latencies: sim.latencies,
  });
}
