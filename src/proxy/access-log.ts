import { createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logSeconds } from './clock.js';
import type { RequestState } from './request-state.js';

/**
 * One line of the proxy's JSON-lines access log. Names follow nginx's log
 * variables; times are seconds with millisecond resolution, and an upstream
 * time is null where nginx would log '-'.
 */
export interface AccessLogRecord {
  /** When the line was written, ISO 8601. */
  readonly time: string;
  /** When the request was received, integer µs since the epoch (the X-Request-Start value). */
  readonly request_start_us: number;
  readonly remote_addr: string;
  readonly method: string;
  /** `$request_uri`: path and query as sent. */
  readonly uri: string;
  /** Status sent to the client; 499 when the client closed the connection first, as nginx logs it. */
  readonly status: number;
  readonly body_bytes_sent: number;
  readonly request_time: number;
  readonly upstream_connect_time: number | null;
  readonly upstream_header_time: number | null;
  readonly upstream_response_time: number | null;
  readonly upstream_status: number | null;
  /** Why the request failed or was cut short (nginx's error-log message), else null. */
  readonly error: string | null;
}

/** Where finished requests are recorded. */
export interface AccessLog {
  /** False for the no-op log, so callers can skip building records. */
  readonly enabled: boolean;
  write(record: AccessLogRecord): void;
  /** Flushes and closes the file; later writes are dropped. */
  close(): Promise<void>;
}

/** The log used when no `accessLog` path is configured. */
export const NO_ACCESS_LOG: AccessLog = Object.freeze({
  enabled: false,
  write: () => undefined,
  close: () => Promise.resolve(),
});

/** Opens (appending to, creating) the JSON-lines log at `path`; rejects if it cannot be opened. */
export function openAccessLog(path: string): Promise<AccessLog> {
  const stream = createWriteStream(path, { flags: 'a' });
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.once('open', () => {
      stream.off('error', reject);
      stream.on('error', (err) => process.stderr.write(`caplab proxy: access log ${path}: ${err.message}\n`));
      let closing = false;
      resolve({
        enabled: true,
        write: (record) => {
          if (!closing) stream.write(`${JSON.stringify(record)}\n`);
        },
        close: () => {
          closing = true;
          return new Promise<void>((done) => stream.end(done));
        },
      });
    });
  });
}

/** The record for a request whose response has closed (finished, or cut short). */
export function toAccessLogRecord(req: IncomingMessage, res: ServerResponse, state: RequestState, uri: string): AccessLogRecord {
  const upstream = state.upstream;
  const ms = (value: number | null | undefined): number | null => (value === null || value === undefined ? null : logSeconds(value));
  return {
    time: new Date().toISOString(),
    request_start_us: state.startUs,
    remote_addr: req.socket?.remoteAddress ?? '',
    method: req.method ?? '',
    uri,
    status: res.headersSent ? res.statusCode : 499,
    body_bytes_sent: state.bodyBytes,
    request_time: logSeconds(performance.now() - state.startMs),
    upstream_connect_time: ms(upstream?.connectMs),
    upstream_header_time: ms(upstream?.headerMs),
    upstream_response_time: ms(upstream?.responseMs),
    upstream_status: upstream?.status ?? null,
    error: state.error,
  };
}
