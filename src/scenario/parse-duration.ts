import { CaplabError } from '../errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d*)?|\.\d+)\s*(us|µs|ms|s|m|min|h)?$/i;

/**
 * caplab's one duration grammar, for scenarios and flags alike, in
 * milliseconds: `250ms`, `10s`, `1.5s`, `2m` (or `2min`), `1h`, `500us`, or
 * a bare number of ms (`250`, or the YAML number 250). Returns undefined for anything else, including
 * negative and non-finite values.
 */
export function durationToMs(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const match = DURATION.exec(input.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * (UNIT_MS[(match[2] ?? 'ms').toLowerCase()] ?? Number.NaN);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Like `durationToMs`, but throws a CaplabError (E_USAGE) naming the bad
 * value when the input is not a duration.
 */
export function parseDuration(input: string | number): number {
  const ms = durationToMs(input);
  if (ms === undefined) {
    throw new CaplabError('E_USAGE', `not a duration: ${JSON.stringify(input)}`, {
      hint: 'write a duration like 250ms, 10s, 1.5s, 2m or a number of milliseconds',
    });
  }
  return ms;
}

/** Writes milliseconds back as a short duration: `250ms`, `1.5s`, `2m`, `1m 30s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000) return `${Number(ms.toFixed(ms < 10 ? 2 : 1))}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Number(((ms - minutes * 60_000) / 1000).toFixed(1));
  return seconds === 0 ? `${minutes}m` : `${minutes}m ${seconds}s`;
}
