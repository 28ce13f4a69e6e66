/**
 * Wall-clock time with sub-millisecond resolution, for `X-Request-Start` and
 * the access log. `Date.now()` only has millisecond resolution, so the
 * monotonic clock supplies the fraction from an anchor taken right as the
 * wall clock ticks over a millisecond (a busy wait of at most 1 ms, once).
 * The anchor is re-taken if the two clocks drift apart (an NTP step).
 */
let anchorWallMs = 0;
let anchorMonoMs = Number.NaN;

function takeAnchor(): void {
  const start = Date.now();
  let wall = start;
  while (wall === start) wall = Date.now();
  anchorWallMs = wall;
  anchorMonoMs = performance.now();
}

/** Integer microseconds since the Unix epoch, within about a millisecond of `Date.now()`. */
export function nowMicros(): number {
  if (Number.isNaN(anchorMonoMs)) takeAnchor();
  let derivedMs = anchorWallMs + (performance.now() - anchorMonoMs);
  const wallMs = Date.now();
  if (derivedMs < wallMs - 1 || derivedMs > wallMs + 2) {
    takeAnchor();
    derivedMs = anchorWallMs + (performance.now() - anchorMonoMs);
  }
  return Math.round(derivedMs * 1000);
}

/** A duration in ms as nginx logs it: seconds with millisecond resolution (0.012). */
export function logSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}
