import type { IncomingMessage } from 'node:http';

/**
 * nginx's `client_max_body_size` default (1m): a larger request body is
 * refused with 413 before anything reaches the upstream.
 */
export const CLIENT_MAX_BODY_BYTES = 1024 * 1024;

/** The buffered body, or why there is none to forward. */
export type RequestBody =
  | { readonly kind: 'body'; readonly body: Buffer; /** null when the request had no body at all */ readonly length: number | null }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' };

const EMPTY = Buffer.alloc(0);

/**
 * Reads the whole request body before the upstream is contacted, as nginx
 * does with request buffering on (its default), so a chunked body reaches
 * the upstream with a known CONTENT_LENGTH. A request without
 * Content-Length or Transfer-Encoding has no body and resolves at once.
 * 'too-large' as soon as the declared or received size passes `maxBytes`;
 * 'aborted' when the client goes away mid-body.
 */
export function readRequestBody(req: IncomingMessage, maxBytes = CLIENT_MAX_BODY_BYTES): Promise<RequestBody> {
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve({ kind: 'body', body: EMPTY, length: null });
  }
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: RequestBody): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) settle({ kind: 'too-large' });
      else chunks.push(chunk);
    };
    const onEnd = (): void => settle({ kind: 'body', body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), length: size });
    const onAbort = (): void => settle({ kind: 'aborted' });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onAbort);
    req.once('aborted', onAbort);
  });
}
