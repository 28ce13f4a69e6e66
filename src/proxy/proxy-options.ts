import path from 'node:path';
import { z } from 'zod';
import { DEFAULTS, loopbackHostField, parseConfig } from '../config/index.js';

/** The addresses caplab may bind to or send to: 127.0.0.0/8, ::1 and 'localhost' (E_NOT_LOOPBACK otherwise). */
const loopbackHost = loopbackHostField;
const port = z.number().int().min(0).max(65535);
const timeoutMs = z.number().positive().max(2_147_483_647);

/**
 * How long a static file's cached metadata and body are trusted before one
 * stat checks them again (nginx's `open_file_cache_valid`, whose own default
 * is 60 s): an edited or deleted file is noticed within this time.
 */
export const OPEN_FILE_CACHE_VALID_MS = 1_000;

/** Most proxy processes `workerProcesses` may ask for (a guard against typos, far above any core count here). */
export const MAX_WORKER_PROCESSES = 64;

/** Where the proxy sends dynamic requests: a loopback host:port, or a unix socket. */
export type Upstream =
  | { readonly protocol: 'uwsgi' | 'http'; readonly host: string; readonly port: number; readonly path?: undefined }
  | { readonly protocol: 'uwsgi' | 'http'; readonly path: string; readonly host?: undefined; readonly port?: undefined };

/** `host` and `port`, or `path` (a unix socket, as nginx's `uwsgi_pass unix:/path`); never both. */
const upstreamSchema = z
  .strictObject({
    host: loopbackHost.optional(),
    port: port.min(1).optional(),
    path: z.string().min(1).max(107).transform((file) => path.resolve(file)).optional(),
    protocol: z.enum(['uwsgi', 'http']),
  })
  .superRefine((u, ctx) => {
    if (u.path === undefined) {
      if (u.host === undefined) ctx.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, path: ['host'] });
      if (u.port === undefined) ctx.addIssue({ code: 'invalid_type', expected: 'number', input: undefined, path: ['port'] });
    } else if (u.host !== undefined || u.port !== undefined) {
      ctx.addIssue({ code: 'invalid_key', origin: 'map', issues: [], input: u.host ?? u.port, path: [u.host !== undefined ? 'host' : 'port'] });
    }
  })
  .transform((u): Upstream => (u.path !== undefined ? { protocol: u.protocol, path: u.path } : { protocol: u.protocol, host: u.host ?? '', port: u.port ?? 0 }));

const proxyOptionsSchema = z.strictObject({
  host: loopbackHost.default(DEFAULTS.host),
  port: port.default(0),
  upstream: upstreamSchema,
  staticDir: z.string().min(1).transform((dir) => path.resolve(dir)).optional(),
  staticPrefix: z
    .string()
    .regex(/^\/(?:[^/?#%]+\/)+$/, { message: "must be a path that starts and ends with '/', such as '/static/'" })
    .default(DEFAULTS.staticPrefix),
  connectTimeoutMs: timeoutMs.default(DEFAULTS.upstreamTimeoutMs),
  sendTimeoutMs: timeoutMs.default(DEFAULTS.upstreamTimeoutMs),
  readTimeoutMs: timeoutMs.default(DEFAULTS.upstreamTimeoutMs),
  accessLog: z.string().min(1).transform((file) => path.resolve(file)).optional(),
  openFileCacheValidMs: z.number().int().min(0).max(3_600_000).default(OPEN_FILE_CACHE_VALID_MS),
  workerProcesses: z.number().int().min(1).max(MAX_WORKER_PROCESSES).default(1),
});

/**
 * What `startProxy` accepts. Only `upstream` is required (`host` and
 * `port`, or the `path` of a unix socket); `host` defaults
 * to 127.0.0.1, `port` to 0 (any free port), `staticPrefix` to '/static/',
 * the three upstream timeouts to nginx's 60 s, and `openFileCacheValidMs`
 * to OPEN_FILE_CACHE_VALID_MS (0 checks a static file on every request),
 * and `workerProcesses` (nginx's `worker_processes`: processes serving one
 * listening socket) to 1. Paths may be relative (to the current directory).
 */
export type ProxyOptions = z.input<typeof proxyOptionsSchema>;

/** Validated options with every default filled in and paths made absolute; frozen. */
export type ProxyConfig = Readonly<z.output<typeof proxyOptionsSchema>>;

/**
 * Validates `options` once, reporting every problem at once with its path
 * and the bad value. Throws `CaplabError` E_NOT_LOOPBACK when a host is not
 * a loopback address, E_USAGE for any other problem.
 */
export function parseProxyOptions(options: ProxyOptions): ProxyConfig {
  return parseConfig(proxyOptionsSchema, options, { label: 'proxy options' });
}
