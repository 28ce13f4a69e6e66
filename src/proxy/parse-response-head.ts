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
const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HTAB = 0x09;
const COLON = 0x3a;

/** RFC 9110 `tchar`: the bytes a header name may hold. */
const TOKEN = new Uint8Array(256);
for (const ch of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TOKEN[ch.charCodeAt(0)] = 1;

/**
 * Looks at everything received so far (`buf`). Invalid as soon as the
 * first bytes cannot begin a status line, so garbage fails fast instead of
 * waiting for a blank line; invalid too when no complete head fits in
 * `maxBytes`. `rest` is whatever followed the head (the start of the body).
 * The head is scanned byte by byte, without regular expressions or
 * intermediate strings: it runs once per forwarded response.
 */
export function parseResponseHead(buf: Buffer, maxBytes = MAX_RESPONSE_HEAD_BYTES): HeadParseResult {
  const prefixLength = Math.min(buf.length, PREFIX.length);
  for (let i = 0; i < prefixLength; i++) {
    if (buf[i] !== PREFIX[i]) return { state: 'invalid', reason: 'no HTTP/1.x status line' };
  }
  const end = findHeadEnd(buf);
  if (end === null) {
    return buf.length > maxBytes ? { state: 'invalid', reason: 'too big header' } : { state: 'partial' };
  }
  if (end.headLength > maxBytes) return { state: 'invalid', reason: 'too big header' };
  const headLength = end.headLength;
  let lineEnd = buf.indexOf(LF, 0);
  if (lineEnd === -1 || lineEnd > headLength) lineEnd = headLength;
  const status = parseStatusLine(buf, contentEnd(buf, 0, lineEnd));
  if (typeof status === 'string') return { state: 'invalid', reason: status };
  const headers: Array<readonly [string, string]> = [];
  for (let start = lineEnd + 1; start <= headLength; start = lineEnd + 1) {
    lineEnd = buf.indexOf(LF, start);
    if (lineEnd === -1 || lineEnd > headLength) lineEnd = headLength;
    const stop = contentEnd(buf, start, lineEnd);
    if (stop === start) continue;
    const field = parseField(buf, start, stop);
    if (field === null) return { state: 'invalid', reason: 'invalid header line' };
    headers.push(field);
  }
  const head: ResponseHead = { httpVersion: status.httpVersion, statusCode: status.statusCode, statusMessage: status.statusMessage, headers };
  return { state: 'complete', head, rest: buf.subarray(headLength + end.terminatorLength) };
}

/** Where a line's content ends: before its CR, if the line ends in CRLF. */
function contentEnd(buf: Buffer, start: number, lineEnd: number): number {
  return lineEnd > start && buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
}

/** `HTTP/1.x NNN[ reason]`, the prefix already checked; a string is the reason it is invalid. */
function parseStatusLine(buf: Buffer, stop: number): Pick<ResponseHead, 'httpVersion' | 'statusCode' | 'statusMessage'> | string {
  const minor = buf[7];
  if ((minor !== 0x30 && minor !== 0x31) || buf[8] !== SP || stop < 12) return 'invalid status line';
  let statusCode = 0;
  for (let i = 9; i < 12; i++) {
    const digit = (buf[i] as number) - 0x30;
    if (digit < 0 || digit > 9) return 'invalid status line';
    statusCode = statusCode * 10 + digit;
  }
  if (stop > 12 && buf[12] !== SP) return 'invalid status line';
  if (statusCode < 200 || statusCode > 599) return `unsupported status ${statusCode}`;
  if (!validValue(buf, 13, stop)) return 'invalid status line';
  return { httpVersion: minor === 0x31 ? '1.1' : '1.0', statusCode, statusMessage: stop > 13 ? buf.toString('latin1', 13, stop) : '' };
}

/** `name: value` in buf[start, stop), whitespace around the value dropped; null when malformed. */
function parseField(buf: Buffer, start: number, stop: number): readonly [string, string] | null {
  let at = start;
  while (at < stop && TOKEN[buf[at] as number] === 1) at++;
  if (at === start || at === stop || buf[at] !== COLON) return null;
  const name = buf.toString('latin1', start, at);
  let from = at + 1;
  while (from < stop && (buf[from] === SP || buf[from] === HTAB)) from++;
  let to = stop;
  while (to > from && (buf[to - 1] === SP || buf[to - 1] === HTAB)) to--;
  if (!validValue(buf, from, to)) return null;
  return [name, buf.toString('latin1', from, to)];
}

/** A field value or reason phrase may hold HTAB, visible ASCII, SP and obs-text (0x80–0xff). */
function validValue(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const byte = buf[i] as number;
    if ((byte < SP && byte !== HTAB) || byte === 0x7f) return false;
  }
  return true;
}

/** Where the head ends: the first empty line, whether CRLF CRLF or LF LF (or mixed). */
function findHeadEnd(buf: Buffer): { headLength: number; terminatorLength: number } | null {
  let from = 0;
  for (;;) {
    const lf = buf.indexOf(LF, from);
    if (lf === -1) return null;
    if (buf[lf + 1] === LF) return { headLength: lf, terminatorLength: 2 };
    if (buf[lf + 1] === CR && buf[lf + 2] === LF) return { headLength: lf, terminatorLength: 3 };
    from = lf + 1;
  }
}
