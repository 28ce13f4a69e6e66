import { ChunkedDecoder } from './chunked-decoder.js';
import type { ResponseHead } from './parse-response-head.js';

/** How the end of an upstream response body is known. */
export type BodyFraming =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' }
  | { readonly kind: 'close' };

/**
 * The framing of a response to `method` (RFC 9112 §6.3): no body for HEAD,
 * 204 and 304; else chunked, else Content-Length, else until the upstream
 * closes. Returns a string reason when the framing headers are malformed
 * (differing Content-Lengths, both framings, an unknown transfer coding),
 * which nginx answers with 502.
 */
export function responseFraming(head: ResponseHead, method: string): BodyFraming | string {
  let length: string | undefined;
  let differing = false;
  let transferEncoding: string | undefined;
  for (const [name, value] of head.headers) {
    const key = name.toLowerCase();
    if (key === 'content-length') {
      for (const piece of value.includes(',') ? value.split(',') : [value]) {
        const v = piece.trim();
        if (length === undefined) length = v;
        else if (v !== length) differing = true;
      }
    } else if (key === 'transfer-encoding') transferEncoding = transferEncoding ? `${transferEncoding}, ${value}` : value;
  }
  if (differing) return 'differing Content-Length values';
  if (length !== undefined && !isDecimal(length)) return 'invalid Content-Length';
  if (transferEncoding !== undefined && transferEncoding.trim().toLowerCase() !== 'chunked') {
    return `unsupported Transfer-Encoding ${JSON.stringify(transferEncoding)}`;
  }
  if (transferEncoding !== undefined && length !== undefined) return 'both Content-Length and Transfer-Encoding';
  if (method === 'HEAD' || head.statusCode === 204 || head.statusCode === 304) return { kind: 'none' };
  if (transferEncoding !== undefined) return { kind: 'chunked' };
  if (length !== undefined) return { kind: 'length', length: Number(length) };
  return { kind: 'close' };
}

/** 1 to 15 ASCII digits: a Content-Length that fits a double exactly. */
function isDecimal(text: string): boolean {
  if (text.length === 0 || text.length > 15) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** Tracks a response body as its bytes arrive. */
export interface BodyReader {
  /** The payload in `chunk` (framing removed, bytes past the end dropped). May throw `ChunkedBodyError`. */
  push(chunk: Buffer): Buffer[];
  /** True once the whole body has been seen. */
  readonly complete: boolean;
  /** True when the upstream closing the connection is the body's normal end. */
  readonly endsAtClose: boolean;
}

/** A `BodyReader` for `framing`. */
export function createBodyReader(framing: BodyFraming): BodyReader {
  switch (framing.kind) {
    case 'none':
      return { push: () => [], complete: true, endsAtClose: true };
    case 'close':
      return { push: (chunk) => (chunk.length > 0 ? [chunk] : []), complete: false, endsAtClose: true };
    case 'chunked': {
      const decoder = new ChunkedDecoder();
      return {
        push: (chunk) => decoder.push(chunk),
        get complete() {
          return decoder.done;
        },
        endsAtClose: false,
      };
    }
    case 'length': {
      let remaining = framing.length;
      return {
        push(chunk) {
          const piece = chunk.subarray(0, remaining);
          remaining -= piece.length;
          return piece.length > 0 ? [piece] : [];
        },
        get complete() {
          return remaining === 0;
        },
        endsAtClose: false,
      };
    }
  }
}
