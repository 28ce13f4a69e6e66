/**
 * Parses the head of an upstream's HTTP/1.x response (status line and
 * header fields) from the bytes received so far. The parser is strict where
 * nginx is: anything that is not `HTTP/1.x NNN reason` followed by
 * `name: value` lines is invalid, and the caller answers 502 Bad Gateway.
 * Lines may end in CRLF or a bare LF, as nginx accepts.
 */

/** nginx's `uwsgi_buffer_size`/`proxy_buffer_size` is one memory page (4k or 8k); a longer head is "too big". */
export const MAX_RESPONSE_HEAD_BYTES = 8 * 1024;

/** A parsed response head. Header names keep their case; values are latin1. */
export interface ResponseHead {
  readonly httpVersion: '1.0' | '1.1';
  readonly statusCode: number;
  /** Reason phrase as sent (may be empty). */
  readonly statusMessage: string;
  /** Fields in order, repeats kept. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

/** The parser's answer: wait for more bytes, a complete head, or a malformed one. */
export type HeadParseResult =
  | { readonly state: 'partial' }
  | { readonly state: 'complete'; readonly head: ResponseHead; readonly rest: Buffer }
  | { readonly state: 'invalid'; readonly reason: string };

const PREFIX = Buffer.from('HTTP/1.', 'latin1');
const STATUS_LINE = /^HTTP\/1\.([01]) ([0-9]{3})(?: ([^]*))?$/;
const FIELD = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*([^]*?)[ \t]*$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Looks at everything received so far (`buf`). Invalid as soon as the
 * first bytes cannot begin a status line, so garbage fails fast instead of
 * waiting for a blank line; invalid too when no complete head fits in
 * `maxBytes`. `rest` is whatever followed the head (the start of the body).
 */
export function parseResponseHead(buf: Buffer, maxBytes = MAX_RESPONSE_HEAD_BYTES): HeadParseResult {
  const prefixLength = Math.min(buf.length, PREFIX.length);
  if (!buf.subarray(0, prefixLength).equals(PREFIX.subarray(0, prefixLength))) {
    return { state: 'invalid', reason: 'no HTTP/1.x status line' };
  }
  const end = findHeadEnd(buf);
  if (end === null) {
    return buf.length > maxBytes ? { state: 'invalid', reason: 'too big header' } : { state: 'partial' };
  }
  if (end.headLength > maxBytes) return { state: 'invalid', reason: 'too big header' };
  const lines = buf
    .toString('latin1', 0, end.headLength)
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const status = STATUS_LINE.exec(lines[0] ?? '');
  if (!status) return { state: 'invalid', reason: 'invalid status line' };
  const statusCode = Number(status[2]);
  if (statusCode < 200 || statusCode > 599) return { state: 'invalid', reason: `unsupported status ${statusCode}` };
  const statusMessage = status[3] ?? '';
  if (!FIELD_VALUE.test(statusMessage)) return { state: 'invalid', reason: 'invalid status line' };
  const headers: Array<readonly [string, string]> = [];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const field = FIELD.exec(line);
    if (!field || !FIELD_VALUE.test(field[2] as string)) return { state: 'invalid', reason: 'invalid header line' };
    headers.push([field[1] as string, field[2] as string]);
  }
  const head: ResponseHead = { httpVersion: status[1] === '1' ? '1.1' : '1.0', statusCode, statusMessage, headers };
  return { state: 'complete', head, rest: buf.subarray(end.headLength + end.terminatorLength) };
}

/** Where the head ends: the first empty line, whether CRLF CRLF or LF LF (or mixed). */
function findHeadEnd(buf: Buffer): { headLength: number; terminatorLength: number } | null {
  let from = 0;
  for (;;) {
    const lf = buf.indexOf(0x0a, from);
    if (lf === -1) return null;
    if (buf[lf + 1] === 0x0a) return { headLength: lf, terminatorLength: 2 };
    if (buf[lf + 1] === 0x0d && buf[lf + 2] === 0x0a) return { headLength: lf, terminatorLength: 3 };
    from = lf + 1;
  }
}
