/**
 * Query-string values of the sample app's routes, validated the same way
 * as the Django sample app's views (src/app/django/caplab_site/views.py).
 */

/** Longest duration a route accepts, in scenario ms (one hour). */
export const MAX_MS = 3_600_000;
/** Largest `/bytes` body (64 MiB). */
export const MAX_BYTES = 64 * 1024 * 1024;

const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;

/** A query value a route cannot use; its message is the one-line reason sent with the 400. */
export class BadQueryValue extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadQueryValue';
  }
}

/** `ms` from the query: a decimal number from 0 to MAX_MS, in scenario ms. Throws BadQueryValue. */
export function readMs(query: URLSearchParams): number {
  const raw = query.get('ms');
  if (raw === null || !DECIMAL.test(raw) || Number(raw) > MAX_MS) {
    throw new BadQueryValue(`ms must be a number of milliseconds from 0 to ${MAX_MS}, got ${quote(raw)}`);
  }
  return Number(raw);
}

/** `n` from the query: a whole number of bytes from 0 to MAX_BYTES. Throws BadQueryValue. */
export function readByteCount(query: URLSearchParams): number {
  const raw = query.get('n');
  if (raw === null || !INTEGER.test(raw) || Number(raw) > MAX_BYTES) {
    throw new BadQueryValue(`n must be a whole number of bytes from 0 to ${MAX_BYTES}, got ${quote(raw)}`);
  }
  return Number(raw);
}

/** A status code from the `/status/CODE` path: 200 to 599. Throws BadQueryValue. */
export function readStatusCode(raw: string): number {
  if (!INTEGER.test(raw) || Number(raw) < 200 || Number(raw) > 599) {
    throw new BadQueryValue(`CODE must be an HTTP status from 200 to 599, got ${quote(raw)}`);
  }
  return Number(raw);
}

function quote(raw: string | null): string {
  return raw === null ? 'nothing' : JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
}
