import { z } from 'zod';
import type { HttpLoad } from './http-load.js';

/**
 * One figure in bench.json. `value` and `peerValue` are null when the
 * measurement failed or the peer program is not installed (`error` says
 * why); `ratio` is value / peerValue where that comparison means something
 * (throughput, memory), else null; `target` is the goal as text and
 * `met` whether this run reached it (null without a target or a value).
 */
export const benchResultSchema = z.strictObject({
  name: z.string().min(1),
  value: z.number().nullable(),
  unit: z.string(),
  peer: z.string().nullable(),
  peerValue: z.number().nullable(),
  ratio: z.number().nullable(),
  target: z.string().nullable(),
  met: z.boolean().nullable(),
  /** How the figure was measured, in one line (bench.md prints it under the table). */
  how: z.string().optional(),
  error: z.string().optional(),
  /** Why the peer has no figure (not installed, did not start, failed). */
  peerError: z.string().optional(),
});

/** One figure in bench.json; see benchResultSchema. */
export type BenchResult = z.infer<typeof benchResultSchema>;

/** The whole bench.json document. */
export const benchReportSchema = z.strictObject({
  machine: z.looseObject({ cpus: z.number(), cpuModel: z.string(), node: z.string() }),
  generator: z.strictObject({ name: z.enum(['wrk', 'autocannon']), version: z.string(), note: z.string() }),
  quick: z.boolean(),
  startedAt: z.string(),
  durationS: z.number(),
  results: z.array(benchResultSchema),
});

/** bench.json; see benchReportSchema. */
export type BenchReport = z.infer<typeof benchReportSchema>;

/** What every bench gets: the chosen generator and how long to measure. */
export interface BenchContext {
  /** Closed-loop HTTP load against one URL (wrk, or autocannon where wrk is absent). */
  readonly load: HttpLoad;
  /** Measured runs per figure, alternating embedded and real (3, or 1 with --quick). */
  readonly reps: number;
  /** Seconds of load per throughput run (10, or 3 with --quick). */
  readonly durationS: number;
  /** Seconds of load per one-connection latency run (5, or 2 with --quick). */
  readonly latencyDurationS: number;
  readonly quick: boolean;
  /** One progress line on stderr. */
  log(line: string): void;
}

/**
 * A bench: one file, one measurement. `names` are the result names it
 * produces (what `--only` matches; a name `x@y` also matches `x`). `run`
 * returns one result per figure, with value null and `error` set for a
 * figure it could not measure, and must stop every process it started,
 * even when it throws.
 */
export interface Bench {
  readonly names: readonly string[];
  run(ctx: BenchContext): Promise<BenchResult[]>;
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

/** The median of values (sorted here; the input is not modified); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The p-th percentile (0–100, nearest rank) of values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
