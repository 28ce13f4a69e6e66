import type { LittlesLawCheck, RequestRecord, TimelinePoint } from './types.js';

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
