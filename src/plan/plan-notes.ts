import type { CapacityConfig } from './check-capacity-input.js';

const round = (x: number): number => Number(x.toPrecision(4));

const ARRIVAL_WORDS = { poisson: 'Poisson arrivals', constant: 'constant spacing', renewal: 'renewal arrivals, gamma gaps' } as const;

/** The arrival process in words with its Ca², as plans print it. */
export function describeArrivals(cfg: CapacityConfig): string {
  switch (cfg.arrival) {
    case 'poisson': return 'Poisson (Ca² 1)';
    case 'constant': return 'constant spacing (Ca² 0)';
    case 'renewal': return `renewal, gamma gaps (Ca² ${round(cfg.arrivalScv)})`;
  }
}

/** The service law in words with its mean and Cs². */
export function describeService(cfg: CapacityConfig): string {
  return `${cfg.service.dist} (mean ${round(cfg.serviceMs)} ms, Cs² ${round(cfg.serviceScv)})`;
}

/**
 * What a simulated plan's figures are: the replications behind the 95 %
 * intervals, and Allen–Cunneen's `approxMeanWaitMs` with the plan's Ca²
 * and Cs², exact only for M/M/c and M/G/1, blind to a bounded listen queue
 * and to timeouts. Empty for analytic plans, whose figures are exact.
 */
export function planNotes(cfg: CapacityConfig): readonly string[] {
  if (cfg.method === 'analytic') return Object.freeze([]);
  const perRun = Math.ceil(cfg.requests / cfg.replications);
  const notes = [
    `figures are means of ${cfg.replications} independent replications of ${perRun} requests (the first ${round(cfg.warmupShare * 100)} % of each run's time cut as warm-up); ` +
      `[low–high] is the 95 % Student t interval; a count is "uncertain" when its interval straddles the objective`,
    `A–C mean wait is the Allen–Cunneen approximation E[Wq] ≈ E[Wq](M/M/c)·(Ca² + Cs²)/2 with Ca² = ${round(cfg.arrivalScv)} (${ARRIVAL_WORDS[cfg.arrival]}) ` +
      `and Cs² = ${round(cfg.serviceScv)} (${cfg.service.dist} service): exact for M/M/c and M/G/1, an approximation otherwise (best in heavy traffic); ` +
      'the simulated mean wait is the figure the verdict uses',
  ];
  if (cfg.listen !== Infinity || cfg.upstreamTimeoutMs !== Infinity || cfg.harakiriMs !== Infinity) {
    notes.push('A–C assumes an unbounded listen queue and no timeouts, so it overstates the wait where requests are refused, killed or time out');
  }
  return Object.freeze(notes);
}
