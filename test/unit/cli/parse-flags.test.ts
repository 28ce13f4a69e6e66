import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { choiceFlag, intFlag, parseFlags, runFlagShape, textFlag } from '../../../src/cli/parse-flags.js';

const Flags = z.object({ ...runFlagShape, workers: intFlag(1, 512).optional(), method: choiceFlag(['auto', 'analytic', 'simulated']).default('auto') });

/** The message parseFlags throws for `raw`. */
function problem(raw: Record<string, unknown>): string {
  try {
    parseFlags(Flags, raw);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('parseFlags', () => {
  it('tells a negative worker count its bound, not that it is not a whole number', () => {
    expect(problem({ workers: '-3' })).toBe('flags: --workers must be >= 1, got "-3"');
  });

  it('gives one message for a huge value', () => {
    expect(problem({ workers: '1e23' }).split('\n')).toEqual(['flags: --workers must be <= 512, got "1e23"']);
  });

  it('never lets zod\'s default wording through', () => {
    for (const raw of [{ out: '' }, { method: 'foo' }, { proxy: 'x' }, { queue: 'y' }, { app: '' }, { timeScale: 'z' }]) {
      const text = problem(raw);
      expect(text).not.toMatch(/Too small|Too big|Invalid option|Invalid input|expected/);
      expect(text).toMatch(/^flags: --[a-z-]+ (must|is) /);
    }
    expect(problem({ method: 'foo' })).toBe('flags: --method must be auto, analytic or simulated, got "foo"');
    expect(problem({ out: '' })).toBe('flags: --out must not be empty, got ""');
  });

  it('returns a frozen typed copy with defaults', () => {
    const flags = parseFlags(Flags, { workers: '4' });
    expect(flags.workers).toBe(4);
    expect(flags.timeScale).toBe(1);
    expect(Object.isFrozen(flags)).toBe(true);
    expect(textFlag().parse('x')).toBe('x');
  });
});
