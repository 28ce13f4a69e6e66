import path from 'node:path';
import { z } from 'zod';
import { DEFAULTS, loopbackHostField, parseConfig } from '../config/index.js';

/** uWSGI's `socket-timeout` default: how long a worker waits on a silent client before dropping it. */
export const SOCKET_TIMEOUT_MS = 4_000;

/** Most threads (uWSGI's cores) a worker may run. */
export const MAX_THREADS = 64;

/** How long a stopping master lets its workers finish their requests before SIGKILL (below DEFAULTS.stopGraceMs, after which startPool's stop() kills the master). */
export const STOP_TIMEOUT_MS = 1_500;

/** True for the addresses the pool may bind to: 127.0.0.0/8, ::1 and 'localhost'. */
const port = z.number().int().min(0).max(65535);
const wallMs = z.number().min(0).max(2_147_483_647);

const poolOptionsSchema = z.strictObject({
  host: loopbackHostField.default(DEFAULTS.host),
  port: port.default(0),
  socketPath: z.string().min(1).max(107).transform((file) => path.resolve(file)).optional(),
  statsPort: port.default(0),
  protocol: z.enum(['uwsgi', 'http']).default('uwsgi'),
  workers: z.number().int().min(1).max(512).default(DEFAULTS.workers),
  listen: z.number().int().min(1).max(65_535).default(DEFAULTS.listen),
  queue: z.enum(['kernel', 'master']).default(DEFAULTS.queue),
  harakiriMs: wallMs.optional(),
  maxRequests: z.number().int().min(0).default(0),
  threads: z.number().int().min(1).max(MAX_THREADS).default(1),
  reloadOnRssMb: z.number().positive().max(1_048_576).optional(),
  stopTimeoutMs: wallMs.default(STOP_TIMEOUT_MS),
  timeScale: z.number().positive().max(1_000).default(DEFAULTS.timeScale),
  app: z
    .string()
    .min(1)
    .default('sample')
    .transform((app) => (app === 'sample' ? app : path.resolve(app))),
  socketTimeoutMs: wallMs.min(1).default(SOCKET_TIMEOUT_MS),
}).superRefine((o, ctx) => {
  if (o.threads > 1 && o.queue === 'master') {
    ctx.addIssue({ code: 'custom', path: ['threads'], input: o.threads, message: "needs queue 'kernel' above 1 (each thread accepts from the kernel's queue)" });
  }
});

/**
 * What `startPool` accepts; every field is optional:
 *   host        loopback address to bind (127.0.0.1)
 *   port        0 = any free port (0)
 *   socketPath  listen on this unix socket instead of host:port (which must not exist);
 *               the stats server stays on host
 *   statsPort   the stats server's port, 0 = any free port (0)
 *   protocol    'uwsgi' (what nginx's uwsgi_pass speaks) or 'http' (uWSGI's http-socket) ('uwsgi')
 *   workers     worker processes (DEFAULTS.workers)
 *   listen      listen queue size (100): the kernel's accept backlog in 'kernel' mode
 *               (beyond it the kernel drops SYNs, which clients retry), the
 *               master's FIFO in 'master' mode (beyond it an immediate 503)
 *   queue       'kernel': idle workers accept for themselves, as uWSGI's do; or
 *               'master': the master accepts and hands each connection over
 *               ('kernel'; 'master' where the native addon cannot load)
 *   harakiriMs  SIGKILL a worker busy longer than this, wall ms; 0 or absent = off
 *   maxRequests recycle a worker after this many requests, 0 = off (0); it stops
 *               accepting, finishes what it serves and exits, and the master respawns it
 *   threads     requests a worker serves at once, each in its own thread (uWSGI's
 *               `threads`; 1). Above 1 the worker runs that many node:worker_threads,
 *               each loading the app and accepting one connection at a time from the
 *               kernel queue; needs queue 'kernel' (E_USAGE with 'master')
 *   reloadOnRssMb  recycle a worker (gracefully, as maxRequests) once its resident set
 *               passes this many MiB (uWSGI's `reload-on-rss`); absent = off
 *   stopTimeoutMs  on SIGTERM, how long the master lets workers finish their requests
 *               before SIGKILL, wall ms (STOP_TIMEOUT_MS)
 *   timeScale   multiplies the app's scenario durations (1)
 *   app         'sample' or the path of a module exporting `handler` ('sample')
 *   socketTimeoutMs  drop a client silent for this long, wall ms (4000, uWSGI's socket-timeout)
 */
export type PoolOptions = z.input<typeof poolOptionsSchema>;

/** Validated pool options, every default filled in and the app path made absolute; frozen. */
export type PoolConfig = Readonly<z.output<typeof poolOptionsSchema>>;

/**
 * Validates `options` once, reporting every problem at once with its path
 * and the bad value. Throws CaplabError E_NOT_LOOPBACK when `host` is not a
 * loopback address, E_USAGE for any other problem.
 */
export function parsePoolOptions(options: PoolOptions = {}): PoolConfig {
  return parseConfig(poolOptionsSchema, options, { label: 'pool options' });
}
