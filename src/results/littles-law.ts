import type { RequestRecord, TimelinePoint } from './types.js';

/** Little's law applied to the listen queue: Lq = λ · Wq. */
export interface LittlesLawCheck {
  /** Mean listen-queue depth sampled over the run (L_q, observed). */
  readonly meanQueueLength: number;
  /** Arrivals into the queue per second of scenario time (λ): requests the pool admitted, refusals left out. */
  readonly arrivalRatePerSec: number;
  /** Mean queue wait of the requests, in ms (W_q), less any time their connect took (SYN retries happen before the queue). */
  readonly meanWaitMs: number;
  /** λ · W_q, the queue length Little's law predicts. */
  readonly predictedQueueLength: number;
  /** observed / predicted; 1 when both are ~0, null when it cannot be judged. */
  readonly ratio: number | null;
}

/**
 * Checks Little's law over the sampled timeline: the time-averaged queue
 * depth against arrival rate times mean wait. Returns null when there is no
 * timeline or no request carried a queue time. The two sides agree only up
 * to sampling error (the timeline is sampled at an interval, and requests
 * still queued at the edges of the run are cut off).
 */
export function checkLittlesLaw(records: readonly RequestRecord[], timeline: readonly TimelinePoint[]): LittlesLawCheck | null {
  // A connection enters the sampled queue once its connect completes, so a
  // wait spent on SYN retries (before the kernel queued it) is left out.
  const waits = records.flatMap((r) => (r.queueMs === null ? [] : [Math.max(0, r.queueMs - (r.connectMs ?? 0))]));
  if (timeline.length < 2 || waits.length === 0) return null;
  const spanMs = timeline[timeline.length - 1]!.tMs - timeline[0]!.tMs;
  if (spanMs <= 0) return null;
  // Time-weighted mean of the step function given by the samples.
  let area = 0;
  for (let i = 1; i < timeline.length; i += 1) {
    area += timeline[i - 1]!.queue * (timeline[i]!.tMs - timeline[i - 1]!.tMs);
  }
  const meanQueueLength = area / spanMs;
  const arrivalRatePerSec = (waits.length * 1000) / spanMs;
  const meanWaitMs = waits.reduce((a, b) => a + b, 0) / waits.length;
  const predictedQueueLength = (arrivalRatePerSec * meanWaitMs) / 1000;
  const tiny = 1e-3;
  const ratio =
    predictedQueueLength < tiny && meanQueueLength < tiny ? 1 : predictedQueueLength < tiny ? null : meanQueueLength / predictedQueueLength;
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    meanQueueLength: r(meanQueueLength),
    arrivalRatePerSec: r(arrivalRatePerSec),
    meanWaitMs: r(meanWaitMs),
    predictedQueueLength: r(predictedQueueLength),
    ratio: ratio === null ? null : r(ratio),
  };
}
