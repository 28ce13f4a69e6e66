import type { Crash, Finding, TargetReport } from './fuzz-summary.js';
import { findCulprit } from './find-culprit.js';
import { fuzzTarget, MAX_SAMPLES } from './fuzz-target.js';
import { createStaticDir } from './static-dir.js';
import { startTarget, TARGETS, type RunningTarget, type TargetSpec } from './targets.js';

/** How a fuzz run is bounded and shaped. */
export interface FuzzOptions {
  readonly seed: number;
  /** Cases over all targets, split evenly. */
  readonly cases: number;
  /** Wall-clock budget for the whole fuzz part, seconds, split evenly over what is left. */
  readonly seconds: number;
  readonly concurrency: number;
  /** A case neither answered nor closed within this is a hang, ms. */
  readonly hangMs: number;
  readonly workers: number;
  readonly targets?: readonly TargetSpec[];
  /** Replay crash windows one case at a time to name the culprit (default true). */
  readonly findCulprits?: boolean;
  readonly signal?: AbortSignal;
  /** Called after each target with its report. */
  readonly onTarget?: (report: TargetReport) => void;
}

/** What the whole fuzz part found. */
export interface FuzzResult {
  readonly cases: number;
  readonly targets: TargetReport[];
  readonly crashes: Crash[];
  readonly hangs: Finding[];
  readonly wrong: Finding[];
  readonly unanswered: Finding[];
  readonly hangCount: number;
  readonly wrongCount: number;
  readonly unansweredCount: number;
}

/**
 * Fuzzes each target in turn with its share of the cases and of the time
 * left, each on freshly started processes that are stopped before the next
 * (also on error or abort). Crash windows are then replayed on a fresh
 * target to find the case that did it. The pool's socket timeout and the
 * proxy's upstream timeouts are set to a quarter of the hang bound, so
 * only a real hang outlasts it.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const specs = options.targets ?? TARGETS;
  const statics = await createStaticDir();
  const targetOptions = {
    workers: options.workers,
    staticDir: statics.dir,
    upstreamTimeoutMs: Math.max(100, Math.floor(options.hangMs / 4)),
    socketTimeoutMs: Math.max(100, Math.floor(options.hangMs / 4)),
  };
  const started = performance.now();
  const result = { cases: 0, targets: [] as TargetReport[], crashes: [] as Crash[], hangs: [] as Finding[], wrong: [] as Finding[], unanswered: [] as Finding[], hangCount: 0, wrongCount: 0, unansweredCount: 0 };
  try {
    for (const [i, spec] of specs.entries()) {
      if (options.signal?.aborted) break;
      const left = started + options.seconds * 1000 - performance.now();
      const deadline = performance.now() + Math.max(0, left / (specs.length - i));
      const cases = Math.ceil(options.cases / specs.length);
      const out = await withTarget(spec, targetOptions, (target) =>
        fuzzTarget(target, { seed: streamSeed(options.seed, i), cases, deadline, concurrency: options.concurrency, hangMs: options.hangMs, checkEveryMs: 1000, ...(options.signal ? { signal: options.signal } : {}) }),
      );
      for (const crash of out.crashes.slice(0, 3)) {
        if (options.findCulprits === false || options.signal?.aborted) break;
        crash.culprit = await withTarget(spec, targetOptions, (target) =>
          findCulprit(target, streamSeed(options.seed, i), crash.firstId, crash.lastId, { hangMs: options.hangMs, settleMs: 500, ...(options.signal ? { signal: options.signal } : {}) }),
        );
      }
      result.cases += out.report.cases;
      result.targets.push(out.report);
      result.crashes.push(...out.crashes);
      result.hangCount += out.report.outcomes['hang'] ?? 0;
      result.wrongCount += out.report.outcomes['wrong'] ?? 0;
      result.unansweredCount += out.report.unanswered;
      result.hangs.push(...out.hangs.slice(0, MAX_SAMPLES - result.hangs.length));
      result.wrong.push(...out.wrong.slice(0, MAX_SAMPLES - result.wrong.length));
      result.unanswered.push(...out.unanswered.slice(0, MAX_SAMPLES - result.unanswered.length));
      options.onTarget?.(out.report);
    }
  } finally {
    await statics.remove();
  }
  return result;
}

/**
 * The seed of target `index`'s case stream: each target gets its own
 * stream, so two targets of one protocol see different cases. A finding's
 * case is `makeCase(streamSeed(seed, index), protocol, id)`.
 */
export function streamSeed(seed: number, index: number): number {
  return (seed + Math.imul(index, 0x10001)) >>> 0;
}

async function withTarget<T>(spec: TargetSpec, options: Parameters<typeof startTarget>[1], fn: (t: RunningTarget) => Promise<T>): Promise<T> {
  const target = await startTarget(spec, options);
  try {
    return await fn(target);
  } finally {
    await target.stop();
  }
}
