import { analyzeMmc, analyzeMmck, mmckResponseQuantileMs, mmcResponseQuantileMs, parseService, parseSlo, planCapacity } from '../plan/index.js';
import { median, timeRuns, type Bench } from './bench-types.js';
import { makeResult } from './make-result.js';

/**
 * `models@…`: speed of the closed forms at the sizes the planner meets,
 * median ms of 20 runs after a warm-up: Erlang C and its p99 for
 * c = 10,000 (`models@mmc`), M/M/c/K with a 1,000-place queue
 * (`models@mmck`), and a whole analytic capacity plan (`models@plan`).
 */
export const modelsBench: Bench = {
  names: ['models@mmc', 'models@mmck', 'models@plan'],
  async run() {
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
      makeResult({ name: 'models@mmc', value: median(mmc), unit: 'ms', how: 'M/M/c c = 10,000: analyse + p99 latency, median of 20' }),
      makeResult({ name: 'models@mmck', value: median(mmck), unit: 'ms', how: 'M/M/c/K c = 10,000, K = 11,000: analyse + p99 latency, median of 20' }),
      makeResult({ name: 'models@plan', value: median(plan), unit: 'ms', how: 'planCapacity 400/s exp:120ms p99<1s (analytic), median of 20' }),
    ];
  },
};
