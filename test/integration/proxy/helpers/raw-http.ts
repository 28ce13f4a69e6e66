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
