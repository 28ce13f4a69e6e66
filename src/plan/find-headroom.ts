/**
 * The largest rate in [fromRps, ceilingRps) at which `meets(rate)` still
 * holds, by bisection, given that it holds at `fromRps` and fails at
 * `ceilingRps` (the rate at which ρ reaches 1, where no row meets an
 * objective). Assumes one crossing, which holds for these queues: more load
 * never lowers a waiting-time percentile. Stops when the bracket is within
 * `relTolerance` of the rate or after `maxSteps`; returns the low end, a
 * rate known to meet the objective.
 */
export function findHeadroom(
  meets: (ratePerSec: number) => boolean,
  fromRps: number,
  ceilingRps: number,
  relTolerance: number,
  maxSteps: number,
): number {
  let lo = fromRps;
  let hi = ceilingRps;
  for (let step = 0; step < maxSteps && hi - lo > relTolerance * lo; step++) {
    const mid = lo + (hi - lo) / 2;
    if (meets(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

