/**
 * Reads an `X-Request-Start` header (environ `HTTP_X_REQUEST_START`), the
 * APM convention for "when the proxy received this request". Accepted forms,
 * told apart by magnitude:
 *   - `t=<integer µs since the epoch>` (caplab's proxy);
 *   - `t=<seconds>.<millis>` (nginx's `t=${msec}`);
 *   - `t=<integer ms since the epoch>` (some APM agents).
 * The `t=` prefix is optional. The same rules as the Django sample app's
 * WSGI wrapper (src/app/wsgi/caplab_wsgi.py).
 */

const T_VALUE = /^\s*(?:t=)?(\d+(?:\.\d+)?)\s*$/;
/** 1e14 µs and 1e11 ms are both in 1973: anything that large is not seconds. */
const MICROS_FLOOR = 1e14;
const MILLIS_FLOOR = 1e11;

/** Epoch milliseconds (fractional) from an X-Request-Start value, or null when absent or unreadable. */
export function parseRequestStart(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = T_VALUE.exec(header);
  if (!match) return null;
  const value = Number(match[1]);
  if (!Number.isFinite(value) || value <= 0) return null;
  if (value >= MICROS_FLOOR) return value / 1000;
  if (value >= MILLIS_FLOOR) return value;
  return value * 1000;
}
