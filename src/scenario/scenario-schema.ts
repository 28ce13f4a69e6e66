import { z } from 'zod';
import { DEFAULTS, keyPaths } from '../config/index.js';
import { LIMITS } from './limits.js';
import { readThreshold, type Threshold } from './parse-threshold.js';
import { PhaseSchema } from './phase-schema.js';
import { durationField } from './schema-fields.js';

const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/** Where the pool's listen queue lives; see `StackSchema.queue`. */
export const QUEUE_MODES = ['kernel', 'master'] as const;

/** How the proxy reaches the pool; see `StackSchema.socket`. */
export const SOCKET_KINDS = ['tcp', 'unix'] as const;

/** Most threads per worker a scenario or `--threads` may ask for (the embedded pool's limit). */
export const MAX_THREADS = 64;

/** Most embedded proxy processes a scenario or `--proxy-processes` may ask for. */
export const MAX_PROXY_PROCESSES = 64;

/** An `expect` entry, parsed when the file is loaded. */
const ThresholdSchema = z.string().max(200).transform((expr, ctx): Threshold => {
  const result = readThreshold(expr);
  if ('problem' in result) {
    ctx.addIssue({ code: 'custom', message: result.problem, input: expr });
    return z.NEVER;
  }
  return result;
});

/** `module:callable`, Python dotted names: what `--wsgi` and `stack.wsgi.app` accept. */
export const WSGI_SPEC = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*$/;

/** A WSGI app as written (`module:callable`); the one rule for the flag and the scenario key. */
export const wsgiSpecField = () =>
  z.string().max(LIMITS.filePathChars).regex(WSGI_SPEC, { error: 'must be module:callable, e.g. mysite.wsgi:application' });

/** `stack.wsgi:` the user's WSGI app for a Python pool; paths relative to the scenario file. */
const WsgiSchema = z.strictObject({
  app: wsgiSpecField(),
  chdir: z.string().min(1).max(LIMITS.filePathChars).nullable().default(null),
  pythonpath: z
    .union([z.string().min(1).max(LIMITS.filePathChars), z.array(z.string().min(1).max(LIMITS.filePathChars)).max(32)])
    .transform((v) => (typeof v === 'string' ? [v] : v))
    .default([]),
});

/** `stack:`; every key optional, defaults from DEFAULTS. Paths stay as written (resolved by buildPlan). */
const StackSchema = z.strictObject({
  workers: z.number().int().gte(1).lte(512).default(DEFAULTS.workers),
  listen: z.number().int().gte(1).lte(65_535).default(DEFAULTS.listen),
  upstreamTimeout: durationField({ exclusive: true, max: LIMITS.timeoutMs, maxLabel: 'one day' }).default(DEFAULTS.upstreamTimeoutMs),
  app: z.string().min(1).max(LIMITS.filePathChars).default('sample'),
  static: z.string().min(1).max(LIMITS.filePathChars).nullable().default(null),
  harakiri: durationField({ exclusive: true, max: LIMITS.timeoutMs, maxLabel: 'one day' }).nullable().default(null),
  /** Requests each worker serves at once, each in its own thread (uWSGI's `threads`, gunicorn's gthread `--threads`). */
  threads: z.number().int().gte(1).lte(MAX_THREADS).default(1),
  /** Recycle a worker after this many requests (uWSGI's `max-requests`); 0 = never. */
  maxRequests: z.number().int().gte(0).lte(LIMITS.phaseRequests).default(0),
  /** Recycle a worker whose resident memory passes this many MiB (uWSGI's `reload-on-rss`); null = off. */
  reloadOnRss: z.number().gt(0).lte(1_048_576).nullable().default(null),
  /**
   * 'kernel': workers accept from the kernel's accept queue, as uWSGI's do;
   * beyond `listen` the kernel drops SYNs and clients retry (~1 s, then 3 s
   * of wall time), so requests are delayed, not refused. 'master': the
   * master holds the queue and answers 503 at once when it is full.
   */
  queue: z.enum(QUEUE_MODES).default('kernel'),
  /** Embedded proxy processes on one listening socket (nginx's worker_processes). */
  proxyProcesses: z.number().int().gte(1).lte(MAX_PROXY_PROCESSES).default(1),
  /**
   * The proxy → pool link. 'tcp': a loopback port; a full backlog drops
   * SYNs, which are retried (~1 s, then 3 s). 'unix': a unix socket in the
   * run's temporary folder, as production set-ups do; a full backlog fails
   * connect() at once with EAGAIN, and the proxy answers 502 at once.
   */
  socket: z.enum(SOCKET_KINDS).default('tcp'),
  /** The WSGI app a Python pool (uWSGI, gunicorn) serves instead of caplab's Django sample; null = the sample. */
  wsgi: WsgiSchema.nullable().default(null),
});

/**
 * The scenario file format. Unknown keys are errors at every level, every
 * duration is parsed to ms, every `expect` entry to a `Threshold`. Parse
 * with `parseScenario`, which reports every problem at once.
 */
export const ScenarioSchema = z.strictObject({
  name: z
    .string()
    .max(LIMITS.nameChars, { error: `must be at most ${LIMITS.nameChars} characters long (it names the report folder)` })
    .regex(SLUG, { error: 'must be a slug: lower-case letters and digits, joined by - or _' }),
  description: z.string().max(LIMITS.descriptionChars).trim().default(''),
  stack: StackSchema.prefault({}),
  load: z.array(PhaseSchema).min(1, { error: 'must list at least one phase' }).max(LIMITS.phases),
  expect: z.array(ThresholdSchema).max(LIMITS.thresholds).default([]),
  /** Stacks to run the same schedule on, one after another (`embedded`, `nginx+uwsgi`, …; checked by `caplab run`); null = one stack. */
  stacks: z.array(z.string().min(1).max(40)).min(1).max(8).nullable().default(null),
});

/** A validated scenario (deep-frozen by `parseScenario`); times in ms. */
export type Scenario = z.infer<typeof ScenarioSchema>;

/** Where the pool's listen queue lives. */
export type QueueMode = (typeof QUEUE_MODES)[number];

/** How the proxy reaches the pool. */
export type SocketKind = (typeof SOCKET_KINDS)[number];

/** Every key the format knows, as paths (`stack.workers`, `load[].open.rate`), for "did you mean" hints; read off the schema itself. */
export const SCENARIO_KEYS: readonly string[] = keyPaths(ScenarioSchema);
