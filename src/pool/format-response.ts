import { STATUS_CODES } from 'node:http';

/** Headers the pool sets itself; an app's own values for them are dropped. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection']);

/**
 * The bytes of one HTTP/1.1 response as a uWSGI worker writes them, on
 * either protocol, as buffers to write in order: status line, the given headers (except framing ones),
 * then `Content-Length` of `body` and `Connection: close`, then the body —
 * left out when `omitBody` (a HEAD request), Content-Length still the
 * body's. Header names and values must already be valid (withTiming checks
 * an app's).
 */
export function formatResponse(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: Buffer,
  omitBody = false,
): Buffer[] {
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (!FRAMING.has(name.toLowerCase())) head += `${name}: ${value}\r\n`;
  }
  head += `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  const headBytes = Buffer.from(head, 'latin1');
  return omitBody || body.length === 0 ? [headBytes] : [headBytes, body];
}

/**
 * A plain-text response the pool writes without the app: a 400 for a
 * malformed request, a 503 for a full listen queue. `message` is one line.
 */
export function rawResponse(status: number, message: string, headers: Readonly<Record<string, string>> = {}): Buffer {
  return Buffer.concat(formatResponse(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, Buffer.from(`${message}\n`)));
}
