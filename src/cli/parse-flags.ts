import { z } from 'zod';
import { flagName, intFlag, parseConfig, positiveFlag } from '../config/index.js';
import { MAX_PROXY_PROCESSES, MAX_THREADS, QUEUE_MODES, SOCKET_KINDS, wsgiSpecField } from '../scenario/index.js';
import { POOL_KINDS, PROXY_KINDS } from '../stack/index.js';

/**
 * Validates a command's raw commander options against `schema` and returns a
 * frozen typed copy, through config's one `parseConfig`: every problem at
 * once, each naming the flag and the bad value (`--workers must be >= 1,
 * got "-3"`), E_FLAG (exit 2).
 */
export function parseFlags<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): Readonly<z.output<S>> {
  return parseConfig(schema, raw, { label: 'flags', code: 'E_FLAG', nameOf: flagName, hint: 'run `caplab <command> --help` for the accepted flags' });
}

/** A flag that must be one of `choices`, with caplab's wording ("must be embedded or nginx"). */
export const choiceFlag = <const T extends readonly [string, ...string[]]>(choices: T) =>
  z.enum(choices, { message: `must be ${choices.slice(0, -1).join(', ')}${choices.length > 1 ? ' or ' : ''}${choices[choices.length - 1]}` });

/** A flag that must not be empty (a path, a module). */
export const textFlag = () => z.string().min(1, { message: 'must not be empty' });

/** Flags shared by `run` and `sweep`. */
export const runFlagShape = {
  timeScale: positiveFlag(1000).default(1),
  seed: intFlag(0, 2 ** 32 - 1).optional(),
  out: textFlag().optional(),
  quiet: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  html: z.boolean().default(true),
  debug: z.boolean().default(false),
  app: textFlag().optional(),
  /** A WSGI app (`module:callable`) for a Python pool; overrides the scenario's `stack.wsgi`. */
  wsgi: wsgiSpecField().optional(),
  /** The WSGI app's directory (with --wsgi). */
  chdir: textFlag().optional(),
  /** An extra sys.path directory for the WSGI app (with --wsgi). */
  pythonpath: textFlag().optional(),
  proxy: choiceFlag(PROXY_KINDS).default('embedded'),
  pool: choiceFlag(POOL_KINDS).default('embedded'),
  /** runserver's `--nothreading`; E_USAGE with any other pool. */
  nothreading: z.boolean().default(false),
  /** Overrides the scenario's `stack.queue`. */
  queue: choiceFlag(QUEUE_MODES).optional(),
  /** Overrides the scenario's `stack.proxyProcesses`. */
  proxyProcesses: intFlag(1, MAX_PROXY_PROCESSES).optional(),
  /** Overrides the scenario's `stack.socket`. */
  socket: choiceFlag(SOCKET_KINDS).optional(),
  /** Overrides the scenario's `stack.threads` (uWSGI's threads per worker). */
  threads: intFlag(1, MAX_THREADS).optional(),
  /** Overrides the scenario's `stack.maxRequests` (0 = never recycle). */
  maxRequests: intFlag(0, 1_000_000_000).optional(),
  /** Overrides the scenario's `stack.reloadOnRss`, MiB. */
  reloadOnRss: positiveFlag(1_048_576).optional(),
};

export { intFlag, positiveFlag };
