import { z } from 'zod';

/** One request as the load generator saw it, joined with the app's timing headers. */
export const RequestRecordSchema = z
  .object({
    id: z.number().int(),
    /** Name of the load phase that sent it, e.g. `burst#0`. */
    phase: z.string(),
    method: z.string(),
    path: z.string(),
    /** When the request was meant to leave, from the start of the run. */
    scheduledMs: z.number(),
    /** When it actually left; `sentMs - scheduledMs` is the generator's lag. */
    sentMs: z.number(),
    /** From the scheduled send time to the last byte of the response. */
    latencyMs: z.number(),
    /** HTTP status; 0 when no response came back (see `error`). */
    status: z.number().int().nonnegative(),
    /** The worker that served it (`X-Caplab-Worker`), or null. */
    worker: z.number().int().nullable(),
    /**
     * The worker's thread (uWSGI's core) that served it (`X-Caplab-Core`,
     * 0-based); null when the response did not carry it (uWSGI, gunicorn and
     * the other real pools never send it), absent in results older than the
     * header.
     */
    core: z.number().int().nonnegative().nullable().optional(),
    /** Listen-queue wait before the app started (`X-Caplab-Queue-Ms`), or null. */
    queueMs: z.number().nullable(),
    /** Time spent in the app (`X-Caplab-Service-Ms`), or null. */
    serviceMs: z.number().nullable(),
    /**
     * The proxy's connect to the pool (`X-Caplab-Upstream-Connect-Time`, like
     * nginx's $upstream_connect_time), kernel SYN retries included; null when
     * the response did not carry it, absent in results older than the header.
     */
    connectMs: z.number().nullable().optional(),
    error: z.string().nullable(),
  })
  .readonly();

/** One sample of the pool's state while a run goes. */
export const TimelinePointSchema = z
  .object({
    tMs: z.number(),
    /** Requests waiting in the listen queue. */
    queue: z.number().nonnegative(),
    /** Workers serving a request. */
    busy: z.number().nonnegative(),
  })
  .readonly();
