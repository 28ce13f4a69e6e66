import { parseRequestStart } from './parse-request-start.js';
import type { AppRequest, AppResponse, Handler } from './types.js';
import { wallClockMs } from '../config/index.js';

/** The response of a timed call, with the X-Caplab-* headers set. */
export interface TimedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** What a timed call produced: always a response, and the app's error if it failed. */
export interface TimedResult {
  readonly response: TimedResponse;
  /** The exception the app threw (or why its response was invalid); undefined on success. */
  readonly error: unknown;
  readonly queueMs: number;
  readonly serviceMs: number;
}

/**
 * Calls the app for one request: `acceptedAtMs` is the epoch ms at which the
 * pool master accepted the connection, the queue start used when the
 * request carries no usable X-Request-Start. Never rejects.
 */
export type TimedHandler = (req: AppRequest, acceptedAtMs: number) => Promise<TimedResult>;

const TIMING_HEADERS = new Set(['x-caplab-worker', 'x-caplab-core', 'x-caplab-queue-ms', 'x-caplab-service-ms']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Where a timed handler runs, and the clock it reads. */
export interface TimingOptions {
  /**
   * The 0-based core (thread) of the worker process that runs this handler,
   * numbered as uWSGI's stats number a worker's `cores[]` (and as caplab's
   * scoreboard does); 0 in a worker with one thread. When given, every
   * response carries it as `X-Caplab-Core`.
   */
  readonly core?: number | undefined;
  /** Epoch ms; for tests. */
  readonly clock?: (() => number) | undefined;
}

/**
 * Wraps an app so every response carries caplab's timing headers, whatever
 * the app returns or throws:
 *   - `X-Caplab-Worker`: the worker id;
 *   - `X-Caplab-Core`: the core (thread) within the worker, 0-based, when
 *     `options.core` is given (the embedded pool always gives it);
 *   - `X-Caplab-Queue-Ms`: app start minus X-Request-Start (µs, nginx's
 *     seconds, or ms form; see parseRequestStart), else minus `acceptedAtMs`;
 *     wall ms, 3 decimals, clamped at 0;
 *   - `X-Caplab-Service-Ms`: wall ms spent in the handler, 3 decimals.
 * An app that throws, or returns something that is not a valid response
 * (status outside 200–599, a header with CR/LF, a non-string body), gets a
 * plain-text 500 and the error in `error`. Headers of the same names set by
 * the app are replaced.
 */
export function withTiming(handler: Handler, options: TimingOptions = {}): TimedHandler {
  const clock = options.clock ?? wallClockMs;
  // Built once: the core never changes for a handler, so a response pays one property.
  const core = options.core === undefined ? undefined : String(options.core);
  return async (req, acceptedAtMs) => {
    const requestStart = parseRequestStart(req.environ.HTTP_X_REQUEST_START) ?? acceptedAtMs;
    const started = clock();
    let result: { status: number; headers: Record<string, string>; body: Buffer };
    let error: unknown;
    try {
      result = checkResponse(await handler(req));
    } catch (err) {
      error = err;
      result = { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('Internal Server Error\n') };
    }
    const serviceMs = Math.max(0, clock() - started);
    const queueMs = Math.max(0, started - requestStart);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers)) {
      if (!TIMING_HEADERS.has(name.toLowerCase())) headers[name] = value;
    }
    headers['X-Caplab-Worker'] = String(req.worker);
    if (core !== undefined) headers['X-Caplab-Core'] = core;
    headers['X-Caplab-Queue-Ms'] = queueMs.toFixed(3);
    headers['X-Caplab-Service-Ms'] = serviceMs.toFixed(3);
    return { response: { status: result.status, headers, body: result.body }, error, queueMs, serviceMs };
  };
}

function checkResponse(response: AppResponse): { status: number; headers: Record<string, string>; body: Buffer } {
  if (response === null || typeof response !== 'object') throw new TypeError(`app returned ${String(response)}, not a response`);
  const { status, headers = {}, body = '' } = response;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new TypeError(`app returned status ${String(status)}; a response status is an integer from 200 to 599`);
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name) || typeof value !== 'string' || !FIELD_VALUE.test(value)) {
      throw new TypeError(`app returned an invalid header ${JSON.stringify(name)}: ${JSON.stringify(value)}`);
    }
  }
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) throw new TypeError(`app returned a ${typeof body} body; a body is a string or a Buffer`);
  return { status, headers, body: typeof body === 'string' ? Buffer.from(body) : body };
}
