import type { TimelinePoint } from '../results/index.js';
import type { RunningStack } from '../stack/index.js';

/**
 * Samples the pool's listen-queue depth and busy workers every `intervalMs`
 * of wall time until `stop()` is called. Times are converted to scenario ms
 * from `startedAt` (epoch ms). A failed sample is skipped, never fatal;
 * samples never overlap.
 */
export function sampleTimeline(stack: RunningStack, startedAt: number, timeScale: number, intervalMs: number): {
  stop(): Promise<TimelinePoint[]>;
} {
  const points: TimelinePoint[] = [];
  let inFlight: Promise<void> | null = null;
  const tick = (): void => {
    if (inFlight) return;
    const t = Date.now();
    inFlight = stack
      .sample()
      .then((s) => {
        points.push({ tMs: Math.round(((t - startedAt) / timeScale) * 1000) / 1000, queue: s.queue, busy: s.busy });
      })
      .catch(() => undefined)
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
  };
}
