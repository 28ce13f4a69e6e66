import { nowMicros } from '../config/index.js';

/** What the proxy measured about its exchange with the upstream, in ms from the connection attempt. */
export interface UpstreamTimings {
  /** Connection established (`$upstream_connect_time`); null if it never was. */
  connectMs: number | null;
  /** Response head complete (`$upstream_header_time`); null if it never was. */
  headerMs: number | null;
  /** Exchange over, whatever its outcome (`$upstream_response_time`). */
  responseMs: number | null;
  /** The upstream's status code; null when no head was received. */
  status: number | null;
}

/** Per-request bookkeeping, filled in as the request is handled and logged when it ends. */
export interface RequestState {
  /** `performance.now()` when the request was received. */
  readonly startMs: number;
  /** The same moment as integer µs since the epoch (the X-Request-Start value). */
  readonly startUs: number;
  /** Body bytes sent to the client (`$body_bytes_sent`). */
  bodyBytes: number;
  /** Set once an upstream connection is attempted. */
  upstream: UpstreamTimings | null;
  /** Why the request failed or was cut short, as nginx would write in its error log; null when it did not. */
  error: string | null;
}

/** A fresh state stamped with the current time: call it first thing when a request arrives. */
export function createRequestState(): RequestState {
  return { startMs: performance.now(), startUs: nowMicros(), bodyBytes: 0, upstream: null, error: null };
}
