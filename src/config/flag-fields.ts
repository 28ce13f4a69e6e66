import { z } from 'zod';

/** `['maxWorkers']` → `--max-workers`: how `parseConfig` names a flag (`nameOf: flagName`). */
export function flagName(path: readonly PropertyKey[]): string {
  const key = String(path[0] ?? '');
  return key === '' ? 'the flags' : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A flag given as text that must be a whole number in [min, max]. Says what
 * is wrong with the value given: `-3` is told it must be >= 1, `2.5` that it
 * must be a whole number, `x` that it must be a number.
 */
export function intFlag(min: number, max: number): z.ZodType<number, string> {
  return z.string().transform((text, ctx) => {
    const value = NUMBER.test(text.trim()) ? Number(text) : Number.NaN;
    const problem = Number.isNaN(value)
      ? `must be a whole number from ${min} to ${max}`
      : !Number.isInteger(value)
        ? 'must be a whole number'
        : value < min
          ? `must be >= ${min}`
          : value > max
            ? `must be <= ${max}`
            : null;
    if (problem === null) return value;
    ctx.addIssue({ code: 'custom', message: problem, input: text });
    return z.NEVER;
  });
}

/** A flag given as text that must be a number > 0 and at most `max`. */
export function positiveFlag(max: number): z.ZodType<number, string> {
  return z.string().transform((text, ctx) => {
    const value = NUMBER.test(text.trim()) ? Number(text) : Number.NaN;
    const problem = Number.isNaN(value) ? `must be a number > 0 and <= ${max}` : !(value > 0) ? 'must be > 0' : value > max ? `must be <= ${max}` : null;
    if (problem === null) return value;
    ctx.addIssue({ code: 'custom', message: problem, input: text });
    return z.NEVER;
  });
}
