import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flagName, formatIssues, intFlag, keyPaths, loopbackHostField, parseConfig, positiveFlag, PROBLEMS_LISTED } from '../../../src/config/index.js';
import { isCaplabError } from '../../../src/errors.js';

function thrown(fn: () => unknown): { code: string; exitCode: number; message: string; hint: string | undefined } {
  try {
    fn();
  } catch (err) {
    if (isCaplabError(err)) return { code: err.code, exitCode: err.exitCode, message: err.message, hint: err.hint };
    throw err;
  }
  throw new Error('expected a CaplabError');
}

const Schema = z.strictObject({
  workers: z.number().int().gte(1).lte(512),
  rate: z.number().gt(0),
  mode: z.enum(['kernel', 'master']),
  name: z.string().min(1).max(5),
  tags: z.array(z.string()).min(1),
  on: z.boolean(),
});

describe('parseConfig: the one way a config is validated', () => {
  it('returns the parsed value, deep-frozen', () => {
    const config = parseConfig(Schema, { workers: 2, rate: 1, mode: 'kernel', name: 'a', tags: ['x'], on: true }, { label: 'test' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.tags)).toBe(true);
  });

  it('reports every problem at once: path, caplab wording, the bad value quoted; never zod\'s defaults', () => {
    const err = thrown(() => parseConfig(Schema, { workers: 1e23, rate: -1, mode: 'kernal', name: 'toolong', tags: [], on: 'yes', extra: 1 }, { label: 'test', hint: 'see README' }));
    expect(err).toMatchObject({ code: 'E_USAGE', exitCode: 2 });
    const lines = err.message.split('\n');
    expect(lines).toEqual([
      'test: workers must be <= 512, got 1e+23',
      'test: rate must be > 0, got -1',
      'test: mode must be one of kernel, master, got "kernal"',
      'test: name must be at most 5 characters long, got "toolong"',
      'test: tags must have at least 1 item(s), got []',
      'test: on must be true or false, got "yes"',
      'test: extra is not a known key',
    ]);
    expect(err.message).not.toMatch(/Too small|Too big|Invalid (option|input)|expected/);
    expect(err.hint).toBe('7 problems; see README');
  });

  it('caps the problems listed and counts the rest', () => {
    const input = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    const err = thrown(() => parseConfig(z.strictObject({}), input, { label: 'x' }));
    const lines = err.message.split('\n');
    expect(lines).toHaveLength(PROBLEMS_LISTED + 1);
    expect(lines.at(-1)).toBe(`x: … and ${100 - PROBLEMS_LISTED} more`);
  });

  it('takes the error code from an issue\'s code, not from its message (loopback refusals)', () => {
    const hosts = z.strictObject({ host: loopbackHostField, other: z.string().refine(() => false, { message: 'must be a loopback address (127.0.0.0/8, ::1 or localhost)' }) });
    expect(thrown(() => parseConfig(hosts, { host: '10.0.0.1', other: 'x' }, { label: 'h' })).code).toBe('E_NOT_LOOPBACK');
    // The same wording without the code is an ordinary usage error.
    expect(thrown(() => parseConfig(hosts, { host: '127.0.0.1', other: 'x' }, { label: 'h' })).code).toBe('E_USAGE');
  });

  it('names flags as the CLI does', () => {
    const flags = z.object({ maxWorkers: intFlag(1, 100), timeScale: positiveFlag(1000) });
    const err = thrown(() => parseConfig(flags, { maxWorkers: '-3', timeScale: '0' }, { label: 'flags', code: 'E_FLAG', nameOf: flagName }));
    expect(err.code).toBe('E_FLAG');
    expect(err.message).toContain('flags: --max-workers must be >= 1, got "-3"');
    expect(err.message).toContain('flags: --time-scale must be > 0, got "0"');
  });
});

describe('flag fields say what is wrong with the value given (defect 10)', () => {
  const one = (schema: z.ZodType, text: string): string => {
    const r = schema.safeParse(text, { reportInput: true });
    return r.success ? 'ok' : formatIssues(r.error.issues, { nameOf: () => '--workers' }).join('; ');
  };
  it('tells -3 its bound, 2.5 that it must be whole, x that it must be a number', () => {
    const workers = intFlag(1, 512);
    expect(one(workers, '-3')).toBe('--workers must be >= 1, got "-3"');
    expect(one(workers, '2.5')).toBe('--workers must be a whole number, got "2.5"');
    expect(one(workers, 'x')).toBe('--workers must be a whole number from 1 to 512, got "x"');
    expect(one(workers, '513')).toBe('--workers must be <= 512, got "513"');
    expect(one(workers, '7')).toBe('ok');
  });
});

describe('formatIssues', () => {
  it('quotes control characters escaped and long strings cut, with their length', () => {
    const r = z.object({ s: z.number() }).safeParse({ s: `a\u0000\u001b[31m${'x'.repeat(100)}` }, { reportInput: true });
    const [line] = formatIssues(r.success ? [] : r.error.issues);
    expect(line).toMatch(/^s must be a number, got "a\\u0000\\u001b\[31mx+\.\.\." \(107 characters\)$/);
  });
});

describe('unknown keys: "did you mean" knows where each key belongs', () => {
  const Schema = z.strictObject({
    name: z.string(),
    stack: z.strictObject({ workers: z.number(), listen: z.number() }).optional(),
    load: z.array(z.strictObject({ open: z.strictObject({ rate: z.number(), duration: z.number() }).optional(), ramp: z.strictObject({ duration: z.number() }).optional() })).transform((l) => l.length),
  });
  const vocabulary = keyPaths(Schema);
  const lines = (input: unknown): string[] => {
    const r = Schema.safeParse(input);
    return formatIssues(r.success ? [] : r.error.issues, { vocabulary });
  };

  it('reads every key path off the schema, through arrays, wrappers and transforms', () => {
    expect(vocabulary).toEqual(['name', 'stack', 'stack.workers', 'stack.listen', 'load', 'load[].open', 'load[].open.rate', 'load[].open.duration', 'load[].ramp', 'load[].ramp.duration']);
  });

  it('names a nested key written at the top level by its path, never by its own name', () => {
    expect(lines({ name: 'x', load: [], workers: 3 })).toEqual(['workers is not a known key (did you mean "stack.workers"?)']);
    expect(lines({ name: 'x', load: [], duration: 3 })).toEqual(['duration is not a known key (did you mean one of "load[n].open.duration", "load[n].ramp.duration"?)']);
  });

  it('still suggests a near name under the same parent, which wins a tie', () => {
    expect(lines({ name: 'x', load: [{ open: { rat: 1, rate: 1, duration: 1 } }] })).toEqual(['load[0].open.rat is not a known key (did you mean "rate"?)']);
    expect(lines({ name: 'x', stack: { worker: 1, workers: 1, listen: 1 }, load: [] })).toEqual(['stack.worker is not a known key (did you mean "workers"?)']);
    expect(lines({ name: 'x', load: [], zzz: 1 })).toEqual(['zzz is not a known key']);
  });
});
