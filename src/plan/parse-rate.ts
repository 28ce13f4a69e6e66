import { PlanInputError } from './plan-input-error.js';

const PER_SECOND: Readonly<Record<string, number>> = { s: 1, sec: 1, second: 1, min: 1 / 60, minute: 1 / 60, h: 1 / 3600, hour: 1 / 3600 };
const RATE = /^\s*((?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(?:\/\s*([a-z]+))?\s*$/i;

/**
 * Parses an arrival rate: `40/s` (also `/sec`), `2400/min`, `90000/h`, or a
 * plain number per second. Returns requests per second, which must be
 * finite and > 0; throws E_RATE_INVALID naming the field `{ratePerSec}` and
 * quoting the text otherwise.
 */
export function parseRate(text: string): number {
  const match = RATE.exec(text);
  const unit = (match?.[2] ?? 's').toLowerCase();
  const factor = PER_SECOND[unit];
  const value = match === null ? NaN : Number(match[1]);
  if (match === null || factor === undefined || !Number.isFinite(value) || value <= 0) {
    throw new PlanInputError('E_RATE_INVALID', `{ratePerSec} must be a number > 0 per s, min or h, such as 40/s or 2400/min, got ${JSON.stringify(text)}`);
  }
  return value * factor;
}
