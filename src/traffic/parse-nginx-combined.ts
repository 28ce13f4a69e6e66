import type { LineResult } from './log-types.js';
import { parseRequestLine, parseTimeLocal, parseUpstreamList, secondsToMs } from './parse-fields.js';

const UPSTREAM = String.raw`((?:[\d.]+|-)(?:(?:, | : )(?:[\d.]+|-))*)`;
/**
 * nginx `combined`, then `$request_time $upstream_response_time`,
 * optionally `$msec` (seconds since the epoch with a ms fraction) and
 * optionally caplab's service header (`$upstream_http_x_caplab_service_ms`,
 * ms or `-`).
 */
const TIMED = new RegExp(
  String.raw`^\S+ \S+ \S+ \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) \S+ "(?:[^"\\]|\\.)*" "(?:[^"\\]|\\.)*" (\d+(?:\.\d+)?) ${UPSTREAM}(?: (\d{9,}\.\d+))?(?: (-|\d+(?:\.\d+)?))?\s*$`,
);
/** Plain `combined` (no timing fields): recognised so it can be refused by name. */
const PLAIN = /^\S+ \S+ \S+ \[[^\]]+\] "(?:[^"\\]|\\.)*" \d{3} \S+ "(?:[^"\\]|\\.)*" "(?:[^"\\]|\\.)*"\s*$/;

/**
 * One nginx-combined-timed line. The arrival is `$msec − $request_time`
 * when `$msec` is logged, else `$time_local` − `$request_time` at 1 s
 * resolution. The service time is caplab's header when logged, else the
 * last `$upstream_response_time` (which includes the backlog wait).
 */
export function parseNginxCombined(line: string): LineResult {
  const m = TIMED.exec(line);
  if (!m) return PLAIN.test(line) ? { unusable: 'an nginx combined line without $request_time $upstream_response_time' } : null;
  const [, timeLocal, request, status, requestTime, upstreamText, msec, header] = m as unknown as string[];
  const req = parseRequestLine(request as string);
  const requestMs = secondsToMs(requestTime);
  const upstream = parseUpstreamList(upstreamText as string);
  if (!req || requestMs === null || !upstream) return null;
  let arrivalMs: number;
  if (msec !== undefined) {
    arrivalMs = Number(msec) * 1000 - requestMs;
  } else {
    const t = parseTimeLocal(timeLocal as string);
    if (t === null) return null;
    arrivalMs = t - requestMs;
  }
  const headerMs = header === undefined || header === '-' ? null : Number(header);
  const serviceMs = headerMs ?? upstream.lastMs;
  return {
    arrivalMs,
    arrivalSource: msec !== undefined ? 'msec-minus-request-time' : 'timestamp-1s',
    method: req.method,
    path: req.path,
    status: Number(status),
    serviceMs: upstream.attempts === 0 ? null : serviceMs,
    serviceSource: upstream.attempts === 0 ? 'none' : headerMs !== null ? 'timing-header' : serviceMs !== null ? 'upstream-response-time' : 'none',
    upstream: upstream.attempts > 0,
    attempts: upstream.attempts,
  };
}
