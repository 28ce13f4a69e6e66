/** What the app and the proxy report about a request, in scenario ms. */
export interface TimingHeaders {
  readonly worker: number | null;
  /** The worker's thread that served it (`X-Caplab-Core`, 0-based); only the embedded pool sends it. */
  readonly core: number | null;
  readonly queueMs: number | null;
  readonly serviceMs: number | null;
  /** The proxy's connect to the pool (`X-Caplab-Upstream-Connect-Time`), SYN retries included. */
  readonly connectMs: number | null;
}

/** No timing headers (errors, or a server that does not send them). */
export const NO_TIMING: TimingHeaders = Object.freeze({ worker: null, core: null, queueMs: null, serviceMs: null, connectMs: null });

type HeaderValue = string | string[] | undefined;

function first(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function number(value: HeaderValue): number | null {
  const text = first(value);
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * Reads an nginx-style upstream time (`$upstream_connect_time`): seconds with
 * ms resolution, e.g. `1.004`. Several upstream attempts are separated by
 * commas (and colons across internal redirects) and are summed; `-` is an
 * attempt with no time. Returns wall ms, or null when absent, only dashes,
 * or malformed.
 */
export function parseUpstreamSeconds(value: HeaderValue): number | null {
  const text = first(value)?.trim();
  if (text === undefined || text === '') return null;
  let sum = 0;
  let timed = false;
  for (const part of text.split(/[,:]/).map((p) => p.trim())) {
    if (part === '-') continue;
    if (!/^\d+(\.\d+)?$/.test(part)) return null;
    sum += Number(part);
    timed = true;
  }
  return timed ? Math.round(sum * 1e6) / 1e3 : null;
}

/**
 * Reads `X-Caplab-Worker` (an integer), `X-Caplab-Core` (an integer ≥ 0), `X-Caplab-Queue-Ms` and
 * `X-Caplab-Service-Ms` (wall ms), and the proxy's
 * `X-Caplab-Upstream-Connect-Time` (wall seconds, see
 * `parseUpstreamSeconds`), each time divided by `timeScale` into scenario
 * ms, from lower-cased response headers; a missing or malformed one is null.
 */
export function parseTimingHeaders(headers: Readonly<Record<string, HeaderValue>>, timeScale: number): TimingHeaders {
  const worker = number(headers['x-caplab-worker']);
  const core = number(headers['x-caplab-core']);
  const queue = number(headers['x-caplab-queue-ms']);
  const service = number(headers['x-caplab-service-ms']);
  const connect = parseUpstreamSeconds(headers['x-caplab-upstream-connect-time']);
  return {
    worker: worker !== null && Number.isInteger(worker) ? worker : null,
    core: core !== null && Number.isInteger(core) && core >= 0 ? core : null,
    queueMs: queue === null ? null : queue / timeScale,
    serviceMs: service === null ? null : service / timeScale,
    connectMs: connect === null ? null : connect / timeScale,
  };
}

/** Turns a raw `[name, value, name, value, …]` header list into lower-cased names → values. */
export function headersFromRaw(raw: readonly (string | Buffer)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase();
    out[name] ??= String(raw[i + 1]);
  }
  return out;
}
