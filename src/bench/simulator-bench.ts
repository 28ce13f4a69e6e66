import { simulatePool, type SimulationInput } from '../plan/index.js';
import { serviceSampler } from '../scenario/index.js';
import type { Bench, BenchContext } from './bench-types.js';
import { median } from './bench-types.js';
import { makeResult } from './make-result.js';

const WORKERS = 10_000;
const REQUESTS = 1_000_000;

/** M/M/c at ρ = 0.9: Poisson arrivals and 100 ms exponential service. */
const input = (): SimulationInput => ({
  workers: WORKERS,
  arrivals: { kind: 'poisson', ratePerSec: 0.9 * WORKERS * 10, count: REQUESTS },
  service: serviceSampler({ dist: 'exponential', mean: 100 }),
  seed: 1,
});

/**
 * `sim-events`: events per second of the discrete-event simulator with
 * 10,000 workers and 1 M Poisson requests (ρ = 0.9, exponential 100 ms
 * service): its event count divided by the median wall time of `reps` runs
 * (5, or 1 with --quick) after one unmeasured warm-up run.
 */
export const simulatorBench: Bench = {
  names: ['sim-events'],
  async run(ctx: BenchContext) {
    const reps = ctx.quick ? 1 : 5;
    const events = simulatePool(input()).summary.eventsProcessed;
    const times: number[] = [];
    for (let i = 0; i < reps; i++) {
      const start = performance.now();
      simulatePool(input());
      times.push(performance.now() - start);
    }
    const ms = median(times);
    ctx.log(`  ${events} events, median ${ms.toFixed(0)} ms`);
    return [
      makeResult({
        name: 'sim-events',
        value: events / (ms / 1000),
        unit: 'events/s',
        how: `simulatePool, c = ${WORKERS}, ${REQUESTS.toLocaleString('en')} Poisson requests at ρ = 0.9, exp 100 ms service: ${events.toLocaleString('en')} events / median wall time of ${reps} run(s) (${ms.toFixed(0)} ms)`,
      }),
    ];
  },
};
