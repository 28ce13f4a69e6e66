import type { Socket } from 'node:net';
import { RequestRefused, type ParsedRequest, type RequestReader } from '../request-reader.js';

/**
 * Reads one request from `socket` through `reader`. Resolves with the
 * request, with the RequestRefused the reader threw (malformed bytes, or EOF
 * inside a request), or with null when the client left without sending
 * anything, the connection failed, or it stayed silent for `timeoutMs`
 * (then it is destroyed). Never rejects: an unexpected reader error is
 * reported as a 400 refusal rather than taking the worker down.
 */
export function readRequest(socket: Socket, reader: RequestReader, timeoutMs: number): Promise<ParsedRequest | RequestRefused | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ParsedRequest | RequestRefused | null): void => {
      if (settled) return;
      settled = true;
      socket.setTimeout(0);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onGone);
      resolve(result);
    };
    const attempt = (step: () => ParsedRequest | null): void => {
      try {
        const request = step();
        if (request) settle(request);
      } catch (err) {
        settle(err instanceof RequestRefused ? err : new RequestRefused('reader-error', 400, String(err)));
      }
    };
    const onData = (chunk: Buffer): void => attempt(() => reader.push(chunk));
    const onEnd = (): void =>
      attempt(() => {
        reader.end();
        settle(null);
        return null;
      });
    const onGone = (): void => settle(null);
    socket.on('error', () => undefined);
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onGone);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      settle(null);
    });
  });
}
