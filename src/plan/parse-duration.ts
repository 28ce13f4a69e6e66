const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
const DURATION = /^\s*((?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(us|µs|ms|s|m|min|h)?\s*$/i;

/**
 * Reads a duration written as caplab's scenarios and flags write them:
 * `250ms`, `1s`, `1.5s`, `2m` (or `2min`), `1h`, `500us`, or a plain number of
 * ms. Returns the duration in ms, or null when the text is not one (callers
 * raise their own catalogued error, naming the flag).
 */
export function parseDurationMs(text: string): number | null {
  const match = DURATION.exec(text);
  if (match === null) return null;
  const value = Number(match[1]);
  const unit = (match[2] ?? 'ms').toLowerCase();
  const factor = UNIT_MS[unit];
  return factor === undefined || !Number.isFinite(value) ? null : value * factor;
}
