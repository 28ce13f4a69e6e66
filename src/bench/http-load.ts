/** What one closed-loop run measured. Latencies in ms. */
export interface LoadFigures {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Non-2xx/3xx responses plus socket errors. */
  readonly errors: number;
}

/** How a closed-loop run is shaped: `connections` clients for `durationS` seconds, one generator thread. */
export interface LoadShape {
  readonly connections: number;
  readonly durationS: number;
}

/**
 * The neutral load generator the bench drives every server with, embedded
 * and real alike: wrk where installed, else autocannon. `run` rejects when
 * more than 1 % of the requests failed (the figure would then describe
 * errors, not service), naming the counts.
 */
export interface HttpLoad {
  readonly name: 'wrk' | 'autocannon';
  readonly version: string;
  /** One line saying how it is run, for bench.json and bench.md. */
  readonly note: string;
  run(url: string, shape: LoadShape): Promise<LoadFigures>;
}

/** Throws when more than 1 % of a run's requests failed, or none was made. */
export function checkFigures(url: string, figures: LoadFigures): LoadFigures {
  if (figures.requests === 0) throw new Error(`no request to ${url} completed`);
  if (figures.errors > figures.requests * 0.01) {
    throw new Error(`${figures.errors} of ${figures.requests} requests to ${url} failed (non-2xx/3xx or socket errors)`);
  }
  return figures;
}
