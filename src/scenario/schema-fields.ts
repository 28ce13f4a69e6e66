import { z } from 'zod';
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
 * at least `min` (or above it when `exclusive`) and at most `max`.
 */
export function durationField(options: { min?: number; exclusive?: boolean; max?: number } = {}): z.ZodType<number, unknown> {
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
      ctx.addIssue({ code: 'custom', message: `must be <= ${max}ms`, input });
      return z.NEVER;
    }
    return ms;
  });
}

/** A URL path with optional query, starting with `/`. */
export const pathField = z.string().regex(/^\/[^\s#]*$/, { error: 'must be a path starting with / (no spaces, no #)' });

/** A header value: strings as written, numbers and booleans turned to strings. */
export const headerValueField = z.unknown().transform((input, ctx) => {
  if (typeof input === 'string') return input;
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  ctx.addIssue({ code: 'custom', message: 'must be a string', input });
  return z.NEVER;
});

/** A request body: a string as is, a mapping or list as JSON. */
export const bodyField = z.unknown().transform((input, ctx) => {
  if (typeof input === 'string') return input;
  if (input !== null && typeof input === 'object') return JSON.stringify(input);
  ctx.addIssue({ code: 'custom', message: 'must be a string, or a mapping or list sent as JSON', input });
  return z.NEVER;
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
