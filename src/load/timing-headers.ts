/** What the sample app reports about a request, in scenario ms. */
export interface TimingHeaders {
  readonly worker: number | null;
  readonly queueMs: number | null;
  readonly serviceMs: number | null;
}

/** No timing headers (errors, or a server that does not send them). */
export const NO_TIMING: TimingHeaders = Object.freeze({ worker: null, queueMs: null, serviceMs: null });

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
 * Reads `X-Caplab-Worker` (an integer), `X-Caplab-Queue-Ms` and
 * `X-Caplab-Service-Ms` (wall ms, divided by `timeScale` into scenario ms)
 * from lower-cased response headers; a missing or malformed one is null.
 */
export function parseTimingHeaders(headers: Readonly<Record<string, HeaderValue>>, timeScale: number): TimingHeaders {
  const worker = number(headers['x-caplab-worker']);
  const queue = number(headers['x-caplab-queue-ms']);
  const service = number(headers['x-caplab-service-ms']);
  return {
    worker: worker !== null && Number.isInteger(worker) ? worker : null,
    queueMs: queue === null ? null : queue / timeScale,
    serviceMs: service === null ? null : service / timeScale,
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
