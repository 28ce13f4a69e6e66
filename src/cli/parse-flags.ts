import { z } from 'zod';
import { caplabError } from '../errors.js';
import { MAX_PROXY_PROCESSES, QUEUE_MODES } from '../scenario/index.js';

/**
 * Validates a command's raw commander options against `schema` and returns a
 * frozen typed copy. Every problem is reported at once, naming the flag and
 * the bad value (exit 2).
 */
export function parseFlags<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): Readonly<z.infer<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return Object.freeze(parsed.data);
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const value = raw[key];
    return `${flag} ${issue.message}${value === undefined ? '' : `, got ${JSON.stringify(value)}`}`;
  });
  throw caplabError('E_FLAG', problems.join('; '));
}

/** A flag given as a string that must be an integer in [min, max]. */
export const intFlag = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be ≥ ${min}` }).max(max, { message: `must be ≤ ${max}` }));

/** A flag given as a string that must be a positive number up to `max`. */
export const positiveFlag = (max: number) =>
  z
    .string()
    .regex(/^(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i, { message: 'must be a positive number' })
    .transform(Number)
    .pipe(z.number().gt(0, { message: 'must be > 0' }).max(max, { message: `must be ≤ ${max}` }));

/** Flags shared by `run` and `sweep`. */
export const runFlagShape = {
  timeScale: positiveFlag(1000).default(1),
  seed: intFlag(0, 2 ** 32 - 1).optional(),
  out: z.string().min(1).optional(),
  quiet: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  html: z.boolean().default(true),
  debug: z.boolean().default(false),
  app: z.string().min(1).optional(),
  proxy: z.enum(['embedded', 'nginx'], { message: 'must be embedded or nginx' }).default('embedded'),
  pool: z.enum(['embedded', 'uwsgi'], { message: 'must be embedded or uwsgi' }).default('embedded'),
  /** Overrides the scenario's `stack.queue`. */
  queue: z.enum(QUEUE_MODES, { message: `must be ${QUEUE_MODES.join(' or ')}` }).optional(),
  /** Overrides the scenario's `stack.proxyProcesses`. */
  proxyProcesses: intFlag(1, MAX_PROXY_PROCESSES).optional(),
};
