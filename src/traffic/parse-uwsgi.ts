import type { LineResult } from './log-types.js';
import { parseCtime, stripQuery } from './parse-fields.js';

/**
 * uWSGI's default request log line, e.g.
 * `[pid: 9|app: 0|req: 1/1] 127.0.0.1 () {34 vars in 612 bytes} [Mon Oct 10 13:55:36 2026] GET /a?x=1 => generated 12 bytes in 5 msecs (HTTP/1.1 200) 2 headers in 79 bytes (1 switches on core 0)`
 * (`micros` instead of `msecs` with --log-micros).
 */
const UWSGI = /^\[pid: \d+\|app: -?\d+\|req: -?\d+\/\d+\] \S* \([^)]*\) \{\d+ vars in \d+ bytes\} \[([^\]]+)\] ([A-Z]{3,10}) (\S+) => generated \d+ bytes in (\d+) (msecs|micros) \(\S+ (\d{3})\)/;

/**
 * One uWSGI request-log line. Its date is when the worker started the
 * request (uWSGI's start_of_request, 1 s resolution), so the wait in the
 * backlog is not in it; its "in N msecs" is the app's own time.
 */
export function parseUwsgi(line: string): LineResult {
  const m = UWSGI.exec(line);
  if (!m) return null;
  const t = parseCtime(m[1] as string);
  if (t === null) return null;
  const n = Number(m[4]);
  return {
    arrivalMs: t,
    arrivalSource: 'timestamp-1s',
    method: m[2] as string,
    path: stripQuery(m[3] as string),
    status: Number(m[6]),
    serviceMs: m[5] === 'micros' ? n / 1000 : n,
    serviceSource: 'pool-log',
    upstream: true,
    attempts: 1,
  };
}
