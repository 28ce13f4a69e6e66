import type { PoolMemory, TimelinePoint } from '../results/index.js';
import type { RunningStack } from '../stack/index.js';

/** Samples that failed during a run: how many, and the first one's message. */
export interface SampleFailures {
  readonly count: number;
  /** The first failure's message (e.g. "pool stats at 127.0.0.1:41234: connect ECONNREFUSED"); undefined when none failed. */
  readonly first: string | undefined;
}

/** A running sampler. */
export interface TimelineSampler {
  /** Stops sampling, waits for a sample in flight, and returns the points in time order. */
  stop(): Promise<TimelinePoint[]>;
  /** The samples that failed so far (a failed sample adds no point, and is counted here, never swallowed). */
  failures(): SampleFailures;
  /** The workers' peak RSS over the samples that carried it so far; undefined when none did. */
  memory(): PoolMemory | undefined;
}

/**
 * Samples the pool's listen-queue depth and busy workers every `intervalMs`
 * of wall time until `stop()` is called. Times are converted to scenario ms
 * from `startedAt` (epoch ms). A failed sample is never fatal: it adds no
 * point and is counted in `failures()`, with the first message kept, for
 * the caller to report. Samples never overlap. Where a sample carries the
 * workers' RSS, `memory()` keeps the peak of one worker and of their sum.
 */
export function sampleTimeline(stack: RunningStack, startedAt: number, timeScale: number, intervalMs: number): TimelineSampler {
  const points: TimelinePoint[] = [];
  let failed = 0;
  let first: string | undefined;
  let inFlight: Promise<void> | null = null;
  let memory: PoolMemory | undefined;
  const tick = (): void => {
    if (inFlight) return;
    const t = Date.now();
    inFlight = stack
      .sample()
      .then((s) => {
        points.push({ tMs: Math.round(((t - startedAt) / timeScale) * 1000) / 1000, queue: s.queue, busy: s.busy });
        if (s.workerRss) {
          memory = {
            peakWorkerRssBytes: Math.max(memory?.peakWorkerRssBytes ?? 0, Math.round(s.workerRss.maxBytes)),
            peakTotalWorkersRssBytes: Math.max(memory?.peakTotalWorkersRssBytes ?? 0, Math.round(s.workerRss.totalBytes)),
            samples: (memory?.samples ?? 0) + 1,
            source: s.workerRss.source,
          };
        }
      })
      .catch((err: unknown) => {
        failed += 1;
        first ??= err instanceof Error ? err.message : String(err);
      })
      .finally(() => {
        inFlight = null;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      if (inFlight) await inFlight;
      return points.sort((a, b) => a.tMs - b.tMs);
    },
    failures: () => ({ count: failed, first }),
    memory: () => memory,
  };
}
