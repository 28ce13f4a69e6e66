import { connect } from 'node:net';

/** A response read off a raw socket, for requests no HTTP client would send as written. */
export interface RawResponse {
  readonly status: number;
  readonly head: string;
  readonly body: string;
  /** True when the connection ended without an error. */
  readonly clean: boolean;
}

/**
 * Sends `requestText` verbatim on a new connection to 127.0.0.1:`port` and
 * reads until the server closes (send `Connection: close`). Rejects after
 * `timeoutMs`.
 */
export function rawRequest(port: number, requestText: string, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let clean = true;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete response within ${timeoutMs} ms: ${Buffer.concat(chunks).toString('latin1').slice(0, 200)}`));
    }, timeoutMs);
    socket.on('connect', () => socket.write(requestText, 'latin1'));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => (clean = false));
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split === -1 ? '' : text.slice(split + 4), clean });
    });
  });
}

/** `GET <path>` with Connection: close, for rawRequest. */
export function rawGet(path: string, method = 'GET'): string {
  return `${method} ${path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n`;
}

/** One response parsed off a connection that may carry several. */
export interface SeqResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What `rawResponses` read: the responses, in order, and whether the server closed the connection. */
export interface SeqResult {
  readonly responses: SeqResponse[];
  /** True when the server closed the connection (not the timeout, nor `count` reached). */
  readonly closed: boolean;
}

/**
 * Writes `requestText` verbatim on one connection (half-closing it after
 * the write when `halfClose`), then parses responses framed by
 * Content-Length or chunked until `count` have arrived, the server closes, or
 * `timeoutMs` passes; resolves with the responses read so far, in order.
 */
export function rawResponses(port: number, requestText: string, count: number, options: { halfClose?: boolean; timeoutMs?: number } = {}): Promise<SeqResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const responses: SeqResponse[] = [];
    let buf = '';
    let settled = false;
    const done = (closed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ responses, closed });
    };
    const timer = setTimeout(() => done(false), options.timeoutMs ?? 5_000);
    socket.on('connect', () => {
      socket.write(requestText, 'latin1');
      if (options.halfClose) socket.end();
    });
    socket.on('data', (chunk: Buffer) => {
      buf += chunk.toString('latin1');
      for (;;) {
        const split = buf.indexOf('\r\n\r\n');
        if (split === -1) return;
        const lines = buf.slice(0, split).split('\r\n');
        const headers: Record<string, string> = {};
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(':');
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        const framed = /chunked/i.test(headers['transfer-encoding'] ?? '')
          ? dechunk(buf, split + 4)
          : buf.length < split + 4 + Number(headers['content-length'] ?? 0)
            ? null
            : { body: buf.slice(split + 4, split + 4 + Number(headers['content-length'] ?? 0)), end: split + 4 + Number(headers['content-length'] ?? 0) };
        if (!framed) return;
        responses.push({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0), headers, body: framed.body });
        buf = buf.slice(framed.end);
        if (responses.length >= count) return done(false);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => done(true));
  });
}

/** A chunked body starting at `at` in `buf`: its bytes and where the message ends, or null while incomplete. */
function dechunk(buf: string, at: number): { body: string; end: number } | null {
  let body = '';
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol === -1) return null;
    const size = parseInt(buf.slice(at, eol), 16);
    if (size === 0) {
      const end = buf.indexOf('\r\n\r\n', eol);
      return end === -1 ? null : { body, end: end + 4 };
    }
    if (buf.length < eol + 2 + size + 2) return null;
    body += buf.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}
