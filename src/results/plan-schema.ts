import { z } from 'zod';
import { METHODS, QUEUE_MODES, SOCKET_KINDS, THRESHOLD_METRICS, type RecordedRunPlan } from '../scenario/index.js';

/*
 * The results-side schema of a `RunPlan` as results.json and sweep.json
 * record it (`RecordedRunPlan`, made by scenario/'s `recordPlan`: trace
 * phases by reference). scenario/ defines the plan types (its zod schemas
 * read scenario *files*, not plans), so the schema lives here; the
 * `z.ZodType<RecordedRunPlan>` annotation makes the compiler reject any
 * drift between the two.
 */

const ServiceDistSchema = z.discriminatedUnion('dist', [
  z.object({ dist: z.literal('constant'), value: z.number() }),
  z.object({ dist: z.literal('uniform'), min: z.number(), max: z.number() }),
  z.object({ dist: z.literal('exponential'), mean: z.number() }),
  z.object({ dist: z.literal('lognormal'), median: z.number(), sigma: z.number() }),
  z.object({ dist: z.literal('gamma'), mean: z.number(), cs2: z.number() }),
  z.object({ dist: z.literal('empirical'), values: z.array(z.number()) }),
]);

const PlannedRequestSchema = z.object({
  method: z.enum(METHODS),
  path: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string().nullable(),
  weight: z.number().positive(),
  service: ServiceDistSchema.nullable(),
});

/** A trace by reference (see `traceDigest` in scenario/): what results record since the trace stopped being copied into them. */
const TraceRefSchema = z
  .object({
    requests: z.number().int().nonnegative(),
    spanMs: z.number().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: 'TraceRef', description: 'A trace phase\'s trace by reference: its request count, the logged time of its last arrival (ms) and the SHA-256 of its data.' });

/** The whole trace, as results recorded it before traces were recorded by reference; still read. */
const InlineTraceSchema = z
  .object({
    endpoints: z.array(z.object({ method: z.enum(METHODS), path: z.string() })),
    atMs: z.array(z.number()),
    endpoint: z.array(z.number().int().nonnegative()),
    serviceMs: z.array(z.number()),
  })
  .meta({ description: 'The whole trace, as files written before traces were recorded by reference carry it.' });

const phaseCommon = {
  index: z.number().int().nonnegative(),
  name: z.string(),
  parallel: z.boolean(),
  startMs: z.number(),
  durationMs: z.number(),
  expectedRequests: z.number().int().nonnegative().nullable(),
  requests: z.array(PlannedRequestSchema),
};
const arrival = z.enum(['constant', 'poisson']);

const PhasePlanSchema = z.discriminatedUnion('kind', [
  z.object({ ...phaseCommon, kind: z.literal('burst'), count: z.number().int().positive() }),
  z.object({
    ...phaseCommon,
    kind: z.literal('closed'),
    clients: z.number().int().positive(),
    amount: z.number().int().positive().nullable(),
    thinkTimeMs: z.number().nonnegative(),
  }),
  z.object({ ...phaseCommon, kind: z.literal('open'), rate: z.number().positive(), arrival }),
  z.object({ ...phaseCommon, kind: z.literal('ramp'), from: z.number().nonnegative(), to: z.number().nonnegative(), arrival }),
  z.object({
    ...phaseCommon,
    kind: z.literal('trace'),
    file: z.string(),
    speed: z.number().positive(),
    send: z.enum(['sample', 'logged']),
    trace: z.union([TraceRefSchema, InlineTraceSchema]),
  }),
]);

const ThresholdSchema = z.object({
  expr: z.string(),
  metric: z.enum(Object.keys(THRESHOLD_METRICS) as [keyof typeof THRESHOLD_METRICS, ...(keyof typeof THRESHOLD_METRICS)[]]),
  stat: z.string(),
  op: z.enum(['<', '<=', '>', '>=']),
  value: z.number(),
});

const PlannedStackSchema = z.object({
  workers: z.number().int().positive(),
  listen: z.number().int().nonnegative(),
  upstreamTimeoutMs: z.number().positive(),
  app: z.string(),
  staticDir: z.string().nullable(),
  harakiriMs: z.number().positive().nullable(),
  queue: z.enum(QUEUE_MODES),
  proxyProcesses: z.number().int().positive(),
  /** The proxy → pool link; absent in older files, which all ran over TCP. */
  socket: z.enum(SOCKET_KINDS).default('tcp'),
  /** The WSGI app a Python pool served; null (or absent, in older files) = caplab's Django sample. */
  wsgi: z.object({ app: z.string(), chdir: z.string().nullable(), pythonpath: z.array(z.string()) }).nullable().default(null),
  /** Requests per worker at once (uWSGI's threads); absent in older files, which all ran 1. */
  threads: z.number().int().positive().default(1),
  /** Recycle a worker after this many requests, 0 = never; absent in older files. */
  maxRequests: z.number().int().nonnegative().default(0),
  /** Recycle a worker past this RSS, MiB, or null; absent in older files. */
  reloadOnRssMb: z.number().positive().nullable().default(null),
});

/** A reload of the pool during the load, at `atMs` scenario ms from the run's start. */
const PlannedReloadSchema = z.object({ index: z.number().int().nonnegative(), name: z.string(), atMs: z.number().nonnegative() });

/** Scenario name, description and file (null for a built-in one), as results record them. */
export const ScenarioRefSchema = z
  .object({ name: z.string(), description: z.string(), file: z.string().nullable() })
  .readonly()
  .meta({ id: 'ScenarioRef' });

/** The plan a run executed: everything `--dry-run` prints (see `RunPlan` in scenario/), traces by reference. */
export const RunPlanSchema: z.ZodType<RecordedRunPlan> = z.object({
  scenario: ScenarioRefSchema,
  stack: PlannedStackSchema,
  timeScale: z.number().positive(),
  seed: z.number(),
  phases: z.array(PhasePlanSchema),
  /** Absent in older files, which had no reloads. */
  reloads: z.array(PlannedReloadSchema).default([]),
  expect: z.array(ThresholdSchema),
  totalDurationMs: z.number().nonnegative(),
  totalRequests: z.number().int().nonnegative(),
}).meta({ id: 'RunPlan' });
