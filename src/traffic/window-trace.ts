import type { Endpoint, LogColumns } from './log-columns.js';

/** The window's pool-bound requests in arrival order, as a replay needs them. */
export interface WindowTrace {
  /** The endpoints, numbered as `endpoint` refers to them; `example` is the raw path a replay sends. */
  readonly endpoints: readonly Endpoint[];
  /** Arrival, ms from the window's start; ascending. */
  readonly atMs: Float64Array;
  readonly endpoint: Uint32Array;
  /** NaN where the line had no service time. */
  readonly serviceMs: Float32Array;
}

/**
 * The window's requests relative to its start. At 1 s resolution the
 * requests logged in one second are spread evenly across it, in log order,
 * instead of all leaving at its first instant.
 */
export function windowTrace(c: LogColumns, poolIdx: Uint32Array, first: number, end: number, startMs: number, msResolution: boolean): WindowTrace {
  const n = end - first;
  const atMs = new Float64Array(n);
  const endpoint = new Uint32Array(n);
  const serviceMs = new Float32Array(n);
  for (let k = 0; k < n; k += 1) {
    const i = poolIdx[first + k] as number;
    atMs[k] = (c.arrivalMs[i] as number) - startMs;
    endpoint[k] = c.endpoint[i] as number;
    serviceMs[k] = c.serviceMs[i] as number;
  }
  if (!msResolution) {
    let k = 0;
    while (k < n) {
      const second = Math.floor((atMs[k] as number) / 1000);
      let e = k;
      while (e < n && Math.floor((atMs[e] as number) / 1000) === second) e += 1;
      for (let m = k; m < e; m += 1) atMs[m] = Math.max(0, second * 1000 + ((m - k) * 1000) / (e - k));
      k = e;
    }
  }
  return { endpoints: c.endpoints, atMs, endpoint, serviceMs };
}
