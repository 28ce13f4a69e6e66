import { analyzeMmc, analyzeMmck, mmckResponseQuantileMs, mmcResponseQuantileMs, parseService, parseSlo, planCapacity } from '../plan/index.js';
import { median, timeRuns, type Bench } from './bench-types.js';

/**
 * Speed of the closed forms at the sizes the planner meets: Erlang C and
 * its p99 for c = 10 000, M/M/c/K with a 1 000-place queue, and a whole
 * analytic capacity plan (scan plus headroom bisection). Median of 20 runs.
 */
export const modelsBench: Bench = {
  name: 'models',
  description: 'Erlang C, M/M/c/K and planCapacity (analytic) at large c',
  run() {
    const reps = 20;
    const mmc = timeRuns(reps, () => {
      const m = analyzeMmc({ ratePerSec: 99_000, serviceMs: 100, workers: 10_000 });
      if (m.stable) mmcResponseQuantileMs(m, 0.99);
    });
    const mmck = timeRuns(reps, () => {
      const m = analyzeMmck({ ratePerSec: 99_000, serviceMs: 100, workers: 10_000, capacity: 11_000 });
      mmckResponseQuantileMs(m, 0.99);
    });
    const plan = timeRuns(reps, () => planCapacity({ ratePerSec: 400, service: parseService('exp:120ms'), slo: parseSlo('p99<1s') }));
    return [
      { label: 'M/M/c c=10000: analyse + p99 latency', value: median(mmc), unit: 'ms' },
      { label: 'M/M/c/K c=10000 K=11000: analyse + p99 latency', value: median(mmck), unit: 'ms' },
      { label: 'planCapacity 400/s exp:120ms p99<1s (analytic)', value: median(plan), unit: 'ms' },
    ];
  },
};
