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

const proxyOptionsSchema = z.strictObject({
  host: loopbackHost.default(DEFAULTS.host),
  port: port.default(0),
  upstream: z.strictObject({
    host: loopbackHost,
    port: port.min(1),
    protocol: z.enum(['uwsgi', 'http']),
  }),
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
 * What `startProxy` accepts. Only `upstream` is required; `host` defaults
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
