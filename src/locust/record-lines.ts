import { z } from 'zod';

/** The format name in the header line of every worker's records file. */
export const RECORDS_FORMAT = 'caplab.locust-records/1';

/** A records file's first line: who wrote it, and the shared start time t0 (epoch seconds). */
export const RecordsHeaderSchema = z
  .object({
    format: z.literal(RECORDS_FORMAT),
    scenario: z.string(),
    seed: z.number(),
    timeScale: z.number().positive(),
    /** The worker's index among `workers`, as the master assigned it. */
    worker: z.number().int().nonnegative(),
    workers: z.number().int().positive(),
    t0: z.number(),
    pid: z.number().int(),
    host: z.string(),
    locust: z.string(),
  })
  .readonly();

/**
 * One request, as the locustfile's request-event listener wrote it: times
 * in wall ms (`scheduledMs`, `sentMs` from t0; `latencyMs` from the
 * scheduled time), caplab's timing headers as the response sent them.
 */
export const RecordLineSchema = z
  .object({
    phase: z.string(),
    method: z.string(),
    path: z.string(),
    scheduledMs: z.number(),
    sentMs: z.number(),
    latencyMs: z.number().nonnegative(),
    status: z.number().int().nonnegative(),
    error: z.string().nullable(),
    worker: z.string().optional(),
    /** `X-Caplab-Core`, the worker's thread that served it; only the embedded pool sends it. */
    core: z.string().optional(),
    queueMs: z.string().optional(),
    serviceMs: z.string().optional(),
    connect: z.string().optional(),
  })
  .readonly();

/** The last line, written once the worker has run its whole share of the plan. */
export const RecordsTrailerSchema = z.object({ done: z.literal(true), records: z.number().int().nonnegative() }).readonly();

export type RecordsHeader = z.infer<typeof RecordsHeaderSchema>;
export type RecordLine = z.infer<typeof RecordLineSchema>;
