import { requestStartValue } from './build-uwsgi-vars.js';
import { headerValue, type HeaderField } from './request-headers.js';

/** What an HTTP upstream request head is built from; strings are latin1. */
export interface HttpHeadInput {
  readonly method: string;
  /** Path and query as the client sent them. */
  readonly requestUri: string;
  /** The client's headers, combined and filtered, hop-by-hop ones removed. */
  readonly headers: readonly HeaderField[];
  /** Length of the buffered request body, or null when the request has none. */
  readonly contentLength: number | null;
  /** Used as Host when the client sent none (an HTTP/1.0 client). */
  readonly upstreamAuthority: string;
  readonly requestStartUs: number;
}

/**
 * Request headers nginx's `proxy_pass` never forwards as they came: the
 * hop-by-hop ones, the body framing (the body is re-sent with its buffered
 * length) and the ones it sets itself. Lowercase.
 */
export const NOT_FORWARDED_TO_HTTP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'transfer-encoding',
  'content-length',
  'x-request-start',
]);

/**
 * The head of the request sent to an HTTP upstream, as nginx's default
 * `proxy_pass` sends it: HTTP/1.0 with `Connection: close`, one connection
 * per request. The client's Host is kept (as `proxy_set_header Host $host`
 * would), `Content-Length` is the buffered body's, and `X-Request-Start`
 * is stamped. Returns latin1 bytes ending with the blank line, followed
 * by `body` when one is given, in one allocation.
 */
export function buildHttpRequestHead(input: HttpHeadInput, body?: Buffer): Buffer {
  const lines = [`${input.method} ${input.requestUri} HTTP/1.0`];
  lines.push(`Host: ${headerValue(input.headers, 'host') ?? input.upstreamAuthority}`);
  lines.push('Connection: close');
  if (input.contentLength !== null) lines.push(`Content-Length: ${input.contentLength}`);
  for (const { name, value } of input.headers) {
    const key = name.toLowerCase();
    if (key === 'host' || NOT_FORWARDED_TO_HTTP.has(key)) continue;
    lines.push(`${name}: ${value}`);
  }
  lines.push(`X-Request-Start: ${requestStartValue(input.requestStartUs)}`);
  const head = `${lines.join('\r\n')}\r\n\r\n`;
  if (body === undefined || body.length === 0) return Buffer.from(head, 'latin1');
  const request = Buffer.allocUnsafe(head.length + body.length);
  request.write(head, 0, 'latin1');
  body.copy(request, head.length);
  return request;
}
