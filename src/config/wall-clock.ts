/**
 * Wall-clock time with sub-millisecond resolution, comparable across
 * processes: the proxy stamps X-Request-Start, the pool master stamps
 * accepted connections, the worker stamps the app start. `Date.now()` only
 * has millisecond resolution, so the monotonic clock supplies the fraction
 * from an anchor taken right as the wall clock ticks over a millisecond (a
 * busy wait of at most 1 ms, once). The anchor is re-taken if the two clocks
 * drift apart (an NTP step).
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

/** Milliseconds since the Unix epoch, fractional, within about 1 ms of `Date.now()`. */
export function wallClockMs(): number {
  if (Number.isNaN(anchorMonoMs)) takeAnchor();
  let derived = anchorWallMs + (performance.now() - anchorMonoMs);
  const wall = Date.now();
  if (derived < wall - 1 || derived > wall + 2) {
    takeAnchor();
    derived = anchorWallMs + (performance.now() - anchorMonoMs);
  }
  return derived;
}

/** Integer microseconds since the Unix epoch (the `X-Request-Start: t=` unit). */
export function nowMicros(): number {
  return Math.round(wallClockMs() * 1000);
}
