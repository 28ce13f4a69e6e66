import type { LineResult } from './log-types.js';
import { parseRequestLine, parseTimeLocal, parseUpstreamList, secondsToMs, stripQuery } from './parse-fields.js';

type Fields = Readonly<Record<string, unknown>>;

function text(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' ? v : undefined;
}

function pick(f: Fields, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = text(f[k]);
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

/** Keys caplab reads, first match wins: nginx's variable names, caplab's own log (render-nginx-conf.ts) and common short names. */
const KEYS = {
  msec: ['msec'],
  timeLocal: ['time_local'],
  timeIso: ['time_iso8601', 'time'],
  request: ['request'],
  method: ['method', 'request_method'],
  uri: ['uri', 'request_uri', 'path'],
  status: ['status'],
  requestTime: ['request_time'],
  upstream: ['upstream_response_time'],
  header: ['upstream_http_x_caplab_service_ms', 'x_caplab_service_ms', 'service_ms'],
} as const;

/**
 * One nginx `escape=json` line: a JSON object with nginx's variable names
 * (`msec`, `request_time`, `upstream_response_time`, `status`, `request`
 * or `request_method` + `request_uri`, `time_local` or `time_iso8601`).
 * Same arrival and service rules as the combined format.
 */
export function parseNginxJson(line: string): LineResult {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return null;
  let f: Fields;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    f = parsed as Fields;
  } catch {
    return null;
  }
  const requestMs = secondsToMs(pick(f, KEYS.requestTime));
  const upstreamText = pick(f, KEYS.upstream);
  if (requestMs === null || upstreamText === undefined) return { unusable: 'a JSON log line without request_time and upstream_response_time' };
  const upstream = parseUpstreamList(upstreamText);
  const status = Number(pick(f, KEYS.status));
  const requestLine = pick(f, KEYS.request);
  const fromLine = requestLine === undefined ? null : parseRequestLine(requestLine);
  const method = pick(f, KEYS.method) ?? fromLine?.method;
  const uri = pick(f, KEYS.uri);
  const path = uri === undefined ? fromLine?.path : stripQuery(uri);
  if (!upstream || !Number.isInteger(status) || method === undefined || path === undefined) return null;

  const msec = pick(f, KEYS.msec);
  let arrivalMs: number;
  if (msec !== undefined && /^\d+(\.\d+)?$/.test(msec)) {
    arrivalMs = Number(msec) * 1000 - requestMs;
  } else {
    const local = pick(f, KEYS.timeLocal);
    const iso = pick(f, KEYS.timeIso);
    const t = local !== undefined ? parseTimeLocal(local) : iso !== undefined ? Date.parse(iso) : null;
    if (t === null || !Number.isFinite(t)) return null;
    arrivalMs = t - requestMs;
  }
  const headerText = pick(f, KEYS.header);
  const headerMs = headerText === undefined || headerText === '-' || !Number.isFinite(Number(headerText)) ? null : Number(headerText);
  const timed = upstream.attempts > 0;
  const serviceMs = timed ? (headerMs ?? upstream.lastMs) : null;
  return {
    arrivalMs,
    arrivalSource: msec !== undefined ? 'msec-minus-request-time' : 'timestamp-1s',
    method,
    path,
    status,
    serviceMs,
    serviceSource: !timed ? 'none' : headerMs !== null ? 'timing-header' : serviceMs !== null ? 'upstream-response-time' : 'none',
    upstream: timed,
    attempts: upstream.attempts,
  };
}
