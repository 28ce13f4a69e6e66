import type { LineResult } from './log-types.js';
import { parseRequestLine, parseTimeLocal } from './parse-fields.js';

/**
 * gunicorn's default access log format followed by `%(D)s` (the request
 * time in µs): `%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s`.
 */
const GUNICORN = /^\S+ \S+ \S+ \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) \S+ "(?:[^"\\]|\\.)*" "(?:[^"\\]|\\.)*" (\d+)\s*$/;

/**
 * One gunicorn access-log line. `%(t)s` is written when the response is
 * done (1 s resolution), so the request started at `t − D`; that is when
 * the worker took it, after any wait in the backlog. `D` is the app's time.
 */
export function parseGunicorn(line: string): LineResult {
  const m = GUNICORN.exec(line);
  if (!m) return null;
  const t = parseTimeLocal(m[1] as string);
  const req = parseRequestLine(m[2] as string);
  if (t === null || !req) return null;
  const serviceMs = Number(m[4]) / 1000;
  return {
    arrivalMs: t - serviceMs,
    arrivalSource: 'timestamp-1s',
    method: req.method,
    path: req.path,
    status: Number(m[3]),
    serviceMs,
    serviceSource: 'pool-log',
    upstream: true,
    attempts: 1,
  };
}
