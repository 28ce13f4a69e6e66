import { exponentialSampler, simulatePool, type SimulationInput } from '../plan/index.js';
import { median, timeRuns, type Bench, type BenchFigure } from './bench-types.js';

const REPS = 5;

/** M/M/c runs of 1 000 000 Poisson requests with 100 ms exponential service. */
const CASES: readonly { label: string; workers: number; rho: number }[] = [
  { label: 'c=10000 rho=0.9', workers: 10_000, rho: 0.9 },
  { label: 'c=4 rho=0.9', workers: 4, rho: 0.9 },
];

function input(workers: number, rho: number): SimulationInput {
  return {
    workers,
    arrivals: { kind: 'poisson', ratePerSec: rho * workers * 10, count: 1_000_000 },
    service: exponentialSampler(100),
    seed: 1,
  };
}

/**
 * Event throughput of the discrete-event simulator: wall time per run of
 * 1 M requests (best and median of 5 after a warm-up run) and events per
 * second at the best time. The figures depend on the machine and its load.
 */
export const simulatorBench: Bench = {
  name: 'simulator',
  description: 'simulatePool: 1 M Poisson requests, exponential 100 ms service',
  run() {
    const figures: BenchFigure[] = [];
    for (const { label, workers, rho } of CASES) {
      const events = simulatePool(input(workers, rho)).summary.eventsProcessed;
      const times = timeRuns(REPS, () => simulatePool(input(workers, rho)));
      const best = times[0] as number;
      figures.push(
        { label: `${label}: best run`, value: best, unit: 'ms' },
        { label: `${label}: median run`, value: median(times), unit: 'ms' },
        { label: `${label}: events`, value: events, unit: 'events' },
        { label: `${label}: events/s at best`, value: events / (best / 1000), unit: 'events/s' },
      );
    }
    return figures;
  },
};
