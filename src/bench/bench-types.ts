/** One measured figure, printed as `label  value unit`. */
export interface BenchFigure {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

/**
 * A named benchmark. `run` measures and returns its figures; it may log
 * nothing itself (the runner prints). Benches measure speed, so they belong
 * here and never in the tests.
 */
export interface Bench {
  readonly name: string;
  readonly description: string;
  run(): Promise<readonly BenchFigure[]> | readonly BenchFigure[];
}

/** Times `fn` `reps` times after one unmeasured warm-up call; returns every time in ms, sorted. */
export function timeRuns(reps: number, fn: () => void): number[] {
  fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** The median of sorted values. */
export function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Figures from a bench that reports a flat record of numbers, taking the
 * unit from the key's suffix: `…Ms` ms, `…Rps` req/s, `…Pct` %, otherwise
 * none (a count).
 */
export function figuresFromRecord(record: Readonly<Record<string, number>>): BenchFigure[] {
  return Object.entries(record).map(([label, value]) => {
    const unit = label.endsWith('Ms') ? 'ms' : label.endsWith('Rps') ? 'req/s' : label.endsWith('Pct') ? '%' : '';
    return { label, value, unit };
  });
}
