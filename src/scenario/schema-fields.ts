import { z } from 'zod';
import { LIMITS } from './limits.js';
import { durationToMs } from './parse-duration.js';

/**
 * Small zod building blocks shared by the scenario schemas. Their messages
 * follow one convention, which `formatIssues` relies on: a custom message
 * is a predicate ("must be …", "is …") and the bad value is attached as the
 * issue's `input`, so every problem reads `<path> must be …, got <value>`.
 */

/**
 * Params marking a custom issue whose message already says what was found,
 * so `formatIssues` adds no ", got <value>" (zod attaches the whole object
 * as the input of a refinement's issue).
 */
export const BARE = Object.freeze({ bare: true });

/**
 * A duration (`250ms`, `10s`, `2m`, `1.5s` or a number of ms), parsed to ms,
 * at least `min` (or above it when `exclusive`) and at most `max` (named
 * `maxLabel` in the message, e.g. "one day").
 */
export function durationField(options: { min?: number; exclusive?: boolean; max?: number; maxLabel?: string } = {}): z.ZodType<number, unknown> {
  const min = options.min ?? 0;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  const exclusive = options.exclusive ?? false;
  return z.unknown().transform((input, ctx) => {
    if (input === undefined || input === null) {
      ctx.addIssue({ code: 'custom', message: 'is required' });
      return z.NEVER;
    }
    const ms = durationToMs(input);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration like 250ms, 10s, 1.5s, 2m or a number of ms', input });
      return z.NEVER;
    }
    if (exclusive ? ms <= min : ms < min) {
      ctx.addIssue({ code: 'custom', message: `must be ${exclusive ? '>' : '>='} ${min}ms`, input });
      return z.NEVER;
    }
    if (ms > max) {
      ctx.addIssue({ code: 'custom', message: `must be <= ${max}ms${options.maxLabel ? ` (${options.maxLabel})` : ''}`, input });
      return z.NEVER;
    }
    return ms;
  });
}

/** A URL path with optional query, starting with `/`, at most LIMITS.pathChars long. */
export const pathField = z
  .string()
  .max(LIMITS.pathChars)
  .regex(/^\/[^\s#\u0000-\u001f\u007f]*$/, { error: 'must be a path starting with / (no spaces, no #, no control characters)' });

/** An HTTP header name: an RFC 9110 token (no spaces, colons or control characters). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A header value: visible characters, spaces and tabs; no CR, LF or other control characters (RFC 9110 field-value). */
const HEADER_VALUE = /^[\t\u0020-\u007e\u0080-\uffff]*$/;

/** A header value: strings as written, numbers and booleans turned to strings; no CR LF, at most LIMITS.headerValueChars. */
const headerValueField = z.unknown().transform((input, ctx) => {
  const value = typeof input === 'string' ? input : typeof input === 'number' || typeof input === 'boolean' ? String(input) : undefined;
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a string', input });
    return z.NEVER;
  }
  if (!HEADER_VALUE.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must not hold CR, LF or other control characters (they would end the header)', input });
    return z.NEVER;
  }
  if (value.length > LIMITS.headerValueChars) {
    ctx.addIssue({ code: 'custom', message: `must be at most ${LIMITS.headerValueChars} characters long`, input });
    return z.NEVER;
  }
  return value;
});

/** Request headers: at most LIMITS.headers, each name an HTTP token of at most LIMITS.headerNameChars. */
export const headersField = z.record(z.string(), headerValueField).superRefine((headers, ctx) => {
  const names = Object.keys(headers);
  if (names.length > LIMITS.headers) {
    ctx.addIssue({ code: 'custom', message: `must have at most ${LIMITS.headers} headers, got ${names.length}`, params: BARE });
  }
  for (const name of names.slice(0, LIMITS.headers + 1)) {
    if (!HEADER_NAME.test(name) || name.length > LIMITS.headerNameChars) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `has a bad header name: a name is letters, digits and !#$%&'*+-.^_\`|~, at most ${LIMITS.headerNameChars} characters (no spaces or colons)`,
        params: BARE,
      });
    }
  }
});

/** A request body: a string as is, a mapping or list as JSON; at most LIMITS.bodyChars. */
export const bodyField = z.unknown().transform((input, ctx) => {
  const body = typeof input === 'string' ? input : input !== null && typeof input === 'object' ? JSON.stringify(input) : undefined;
  if (body === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a string, or a mapping or list sent as JSON', input });
    return z.NEVER;
  }
  if (body.length > LIMITS.bodyChars) {
    ctx.addIssue({ code: 'custom', message: `must be at most ${LIMITS.bodyChars} characters long, got ${body.length}`, params: BARE });
    return z.NEVER;
  }
  return body;
});

/** Adds "is required" / "cannot be combined" issues for keys of which exactly one must be present. */
export function exactlyOne(
  value: Record<string, unknown>,
  keys: readonly string[],
  ctx: z.RefinementCtx,
  what = `exactly one of ${keys.join(', ')}`,
): void {
  const present = keys.filter((k) => value[k] !== undefined);
  if (present.length === 1) return;
  const got = present.length === 0 ? 'none' : present.join(' and ');
  ctx.addIssue({ code: 'custom', message: `must have ${what}, got ${got}`, params: BARE });
}
