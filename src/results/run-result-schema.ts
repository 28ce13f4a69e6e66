import { z } from 'zod';
import { LittlesLawSchema, RunPredictionsSchema } from './model-schemas.js';
import { SOCKET_KINDS } from '../scenario/index.js';
import { RunPlanSchema, ScenarioRefSchema } from './plan-schema.js';
import { RequestRecordSchema, TimelinePointSchema } from './request-record-schema.js';
import { PhaseResultSchema, StatsSchema, SummarySchema, ThresholdVerdictSchema } from './summary-schema.js';
import { ReloadRecordSchema } from './reload-schema.js';

/**
 * How well the pool let caplab see its listen queue and busy workers:
 * `exact` (read at each sample from the pool's own state or the kernel),
 * `sampled` (read from a stats view the pool refreshes on its own clock),
 * `estimated` (inferred, e.g. from open connections), `none` (not seen:
 * the timeline's figure is 0). `note` says why, when either is not exact.
 */
export const ObservedSchema = z
  .object({
    queue: z.enum(['exact', 'sampled', 'none']),
    busy: z.enum(['exact', 'sampled', 'estimated', 'none']),
    note: z.string().min(1).optional(),
  })
  .readonly();

/** The stack a run ran on, as it described itself. */
export const StackDescriptionSchema = z
  .object({
    proxy: z.string(),
    pool: z.string(),
    app: z.string(),
    workers: z.number().int().positive(),
    listen: z.number().int().nonnegative(),
    upstreamTimeoutMs: z.number(),
    timeScale: z.number().positive(),
    /** Where the embedded pool's listen queue lived; absent for real pools. */
    queue: z.enum(['kernel', 'master']).optional(),
    /** Why the pool ran in 'master' mode when 'kernel' was asked for (the native addon could not load). */
    queueFallback: z.string().optional(),
    /** Embedded proxy processes (nginx's worker_processes); absent for nginx. */
    proxyProcesses: z.number().int().positive().optional(),
    /** The proxy → pool link: a loopback TCP port or a unix socket; absent in older files, which all ran over TCP. */
    socket: z.enum(SOCKET_KINDS).optional(),
    /** What the timeline's queue and busy figures are worth for this pool; absent in older files. */
    observed: ObservedSchema.optional(),
  })
  .readonly();

/**
 * How much the kernel's listen counters (`TcpExtListenOverflows`,
 * `TcpExtListenDrops` in /proc/net/netstat) rose during a run. The counters
 * are system-wide: every listening socket on the machine (its network
 * namespace) adds to them, not only the pool's.
 */
export const ListenOverflowSchema = z
  .object({
    /** Connections dropped because an accept queue was full. */
    listenOverflows: z.number().int().nonnegative(),
    /** SYNs dropped on listening sockets, overflows included. */
    listenDrops: z.number().int().nonnegative(),
    /** Always true: a reminder that other programs count here too. */
    systemWide: z.literal(true),
  })
  .readonly();

/**
 * Requests whose connect from the proxy to the pool took long enough that
 * the kernel must have dropped their SYN and the proxy retried it.
 */
export const SynRetrySummarySchema = z
  .object({
    /** Requests whose connect took at least `thresholdWallMs` of wall time. */
    requests: z.number().int().nonnegative(),
    /** Requests that carried a connect time at all. */
    measured: z.number().int().nonnegative(),
    /** The wall-time connect above which a request counts as retried. */
    thresholdWallMs: z.number(),
    /** The retried requests' connect times, in scenario ms (wall ms ÷ time scale). */
    delayMs: StatsSchema,
  })
  .readonly();

/** Where a run's worker RSS figures came from: the pool's stats server (caplab's pool, uWSGI with `--memory-report`) or caplab reading /proc (gunicorn). */
export const POOL_MEMORY_SOURCES = ['pool stats', '/proc'] as const;

/**
 * The pool's worker memory over the load, from the timeline's samples that
 * carried it: the largest resident set of any one worker, and the largest
 * sum over the workers, in bytes, as the samples saw them (a peak between
 * two samples is missed). Workers that report no RSS (uWSGI's before their
 * first request) are left out.
 */
export const PoolMemorySchema = z
  .object({
    /** The largest RSS of one worker in any sample, bytes. */
    peakWorkerRssBytes: z.number().int().positive(),
    /** The largest sum of the workers' RSS in any sample, bytes. */
    peakTotalWorkersRssBytes: z.number().int().positive(),
    /** Samples that carried worker RSS. */
    samples: z.number().int().positive(),
    source: z.enum(POOL_MEMORY_SOURCES),
  })
  .readonly();

/** The load engines that can drive a run. */
export const ENGINE_NAMES = ['caplab', 'locust'] as const;

/**
 * Which engine sent the load: caplab's own, or Locust's master and
 * workers (then how many workers, which Locust, how many records each
 * worker's file held, and why the run is degraded when a worker did not
 * finish its share).
 */
export const EngineSchema = z
  .object({
    name: z.enum(ENGINE_NAMES),
    /** Locust worker processes that were asked to run the plan. */
    workers: z.number().int().positive().optional(),
    /** Locust's version (Debian's package version where known). */
    version: z.string().min(1).optional(),
    /** The records each worker sent back, in worker order; their sum is `sampling.total`. */
    workerRecords: z.array(z.number().int().nonnegative()).readonly().optional(),
    /** Why the records are incomplete (a worker died or never finished its share); absent when every worker finished. */
    degraded: z.string().min(1).optional(),
  })
  .readonly();

/**
 * `results.json`, schema `caplab.run/1`: one run. All times are in scenario
 * milliseconds (wall-clock times divided by the run's time scale).
 */
export const RunResultSchema = z
  .object({
    schema: z.literal('caplab.run/1'),
    scenario: ScenarioRefSchema,
    stack: StackDescriptionSchema,
    /** The engine that sent the load; absent in files older than the Locust engine, which all ran on caplab's own. */
    engine: EngineSchema.optional(),
    seed: z.number(),
    startedAt: z.string(),
    /** The plan the run executed (see scenario/). */
    plan: RunPlanSchema,
    /** Every request, unless more than the cap were sent: then a uniform sample. */
    requests: z.array(RequestRecordSchema).readonly(),
    sampling: z.object({ total: z.number().int().nonnegative(), kept: z.number().int().nonnegative(), sampled: z.boolean() }).readonly(),
    summary: SummarySchema,
    phases: z.array(PhaseResultSchema).readonly(),
    timeline: z.array(TimelinePointSchema).readonly(),
    thresholds: z.array(ThresholdVerdictSchema).readonly(),
    /** The workers' peak RSS over the load; absent in older files and where no sample carried it (runserver reports none). */
    poolMemory: PoolMemorySchema.optional(),
    /** Rise of the kernel's system-wide listen counters over the load; absent where /proc/net/netstat cannot be read. */
    overflow: ListenOverflowSchema.optional(),
    /** Requests that waited on a SYN retry; absent when no response carried `X-Caplab-Upstream-Connect-Time`. */
    synRetries: SynRetrySummarySchema.optional(),
    /** Little's law on the listen queue; null when it cannot be judged (no timeline, no queue times). */
    littlesLaw: LittlesLawSchema.nullable().optional(),
    /** What the models predicted for this plan, or why they could not. */
    predictions: RunPredictionsSchema.optional(),
    /** Reloads of the pool during the load (the scenario's `reload:` entries); absent when there were none. */
    reloads: z.array(ReloadRecordSchema).readonly().optional(),
    /** What stopped the run early, e.g. "interrupted" or "proxy died"; absent when it ran to the end. */
    aborted: z.string().min(1).optional(),
  })
  .readonly()
  .meta({ title: 'caplab.run/1', description: 'A caplab run (results.json). Times are in scenario milliseconds: wall-clock times divided by the time scale.' });
