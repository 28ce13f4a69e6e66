/**
 * Judges the bytes a server sent back on one connection: a sequence of
 * HTTP/1.x responses (interim 1xx ones included), each framed by
 * Content-Length, chunked encoding, or the close. Pure; the fuzz driver
 * calls it as bytes arrive and once more at the close.
 */

/** What the bytes so far amount to. */
export type ResponseVerdict =
  /** At least one whole final response; `status` is the first final one's. */
  | { readonly state: 'complete'; readonly status: number; readonly responses: number }
  /** Nothing wrong yet, but no whole final response either. */
  | { readonly state: 'partial' }
  /** Bytes that no valid response starts with; `reason` says what is wrong. */
  | { readonly state: 'invalid'; readonly reason: string };

const STATUS_LINE = /^HTTP\/1\.[01] ([1-9]\d\d)(?: [^\r\n]*)?$/;
const STATUS_PREFIX = /^(?:H(?:T(?:T(?:P(?:\/(?:1(?:\.(?:[01](?: (?:[1-9](?:\d(?:\d(?: [^\r\n]*)?)?)?)?)?)?)?)?)?)?)?)?)?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\r\n]*)$/;
const UNTIL_CLOSE = Symbol('until close');
/** Most header bytes accepted before the head counts as invalid. */
const MAX_HEAD_BYTES = 64 * 1024;

/**
 * Parses `bytes` as responses. `closed`: the server has closed, so a body
 * with no length ends here. `head`: the (first) request was a HEAD, so the
 * first final response's Content-Length may announce a body that is not sent.
 */
export function checkResponse(bytes: Buffer, closed: boolean, head = false): ResponseVerdict {
  let at = 0;
  let responses = 0;
  let firstFinal = 0;
  for (;;) {
    if (at >= bytes.length) break;
    const headEnd = bytes.indexOf('\r\n\r\n', at, 'latin1');
    if (headEnd < 0) {
      const text = bytes.subarray(at, Math.min(bytes.length, at + 200)).toString('latin1');
      const firstLine = text.split('\r\n')[0] ?? '';
      if (text.includes('\r\n') ? !STATUS_LINE.test(firstLine) : !STATUS_PREFIX.test(firstLine)) return { state: 'invalid', reason: `not a status line: ${JSON.stringify(firstLine.slice(0, 60))}` };
      if (bytes.length - at > MAX_HEAD_BYTES) return { state: 'invalid', reason: 'response head over 64 KiB' };
      break;
    }
    const lines = bytes.subarray(at, headEnd).toString('latin1').split('\r\n');
    const status = STATUS_LINE.exec(lines[0] ?? '');
    if (!status) return { state: 'invalid', reason: `not a status line: ${JSON.stringify((lines[0] ?? '').slice(0, 60))}` };
    const code = Number(status[1]);
    const headers = new Map<string, string[]>();
    for (const line of lines.slice(1)) {
      const h = HEADER_LINE.exec(line);
      if (!h) return { state: 'invalid', reason: `bad header line: ${JSON.stringify(line.slice(0, 60))}` };
      const name = (h[1] ?? '').toLowerCase();
      headers.set(name, [...(headers.get(name) ?? []), (h[2] ?? '').trim()]);
    }
    at = headEnd + 4;
    if (code < 200) continue;
    const body = bodyEnd(bytes, at, code, headers, head && responses === 0);
    if (body === UNTIL_CLOSE) {
      if (!closed) break;
      at = bytes.length;
    } else if (typeof body === 'string') {
      return { state: 'invalid', reason: body };
    } else if (body === null) {
      break;
    } else {
      at = body;
    }
    responses += 1;
    if (firstFinal === 0) firstFinal = code;
  }
  if (responses > 0) return { state: 'complete', status: firstFinal, responses };
  return { state: 'partial' };
}

/**
 * Where the body starting at `from` ends: an offset, null when more bytes
 * are needed, UNTIL_CLOSE for a body framed by the close, or a string
 * naming what is wrong with the framing.
 */
function bodyEnd(bytes: Buffer, from: number, code: number, headers: Map<string, string[]>, head: boolean): number | null | typeof UNTIL_CLOSE | string {
  if (code === 204 || code === 304) return from;
  const te = headers.get('transfer-encoding');
  const cl = headers.get('content-length');
  if (te !== undefined) {
    if (cl !== undefined) return 'both Transfer-Encoding and Content-Length';
    if (te.join(',').trim().toLowerCase() !== 'chunked') return `unsupported Transfer-Encoding ${JSON.stringify(te.join(','))}`;
    return head ? from : chunkedEnd(bytes, from);
  }
  if (cl !== undefined) {
    if (new Set(cl).size !== 1 || !/^\d{1,15}$/.test(cl[0] ?? '')) return `bad Content-Length ${JSON.stringify(cl.join(','))}`;
    // A HEAD's answer has no body, so the next bytes (if any) start the
    // answer to a pipelined request; but a server that refused the request
    // as malformed may not have known it was a HEAD, so a body is accepted too.
    if (head && (bytes.length === from || bytes.toString('latin1', from, from + 5) === 'HTTP/')) return from;
    const end = from + Number(cl[0]);
    return end <= bytes.length ? end : null;
  }
  return UNTIL_CLOSE;
}

function chunkedEnd(bytes: Buffer, from: number): number | null | string {
  let at = from;
  for (;;) {
    const eol = bytes.indexOf('\r\n', at, 'latin1');
    if (eol < 0) return bytes.length - at > 64 ? 'chunk size line too long' : null;
    const sizeText = bytes.subarray(at, eol).toString('latin1').split(';')[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]{1,12}$/.test(sizeText)) return `bad chunk size ${JSON.stringify(sizeText.slice(0, 20))}`;
    const size = parseInt(sizeText, 16);
    if (size === 0) {
      const end = bytes.indexOf('\r\n\r\n', eol, 'latin1');
      return end < 0 ? null : end + 4;
    }
    const next = eol + 2 + size;
    if (bytes.length < next + 2) return null;
    if (bytes.toString('latin1', next, next + 2) !== '\r\n') return 'chunk not followed by CRLF';
    at = next + 2;
  }
}
