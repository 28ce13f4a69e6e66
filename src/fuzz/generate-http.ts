import type { Rng } from '../random/index.js';
import { HEADERS, METHODS, PATHS } from './dictionary.js';
import { chance, intBetween, pick, randomBytes } from './pick.js';

/** A well-formed HTTP/1.x request and whether it is a HEAD (whose answer has no body). */
export interface HttpRequestBytes {
  readonly bytes: Buffer;
  readonly head: boolean;
}

/**
 * Draws a well-formed HTTP/1.0 or 1.1 request from the dictionary: a
 * method, path, a few headers, and for some methods a body framed by
 * Content-Length or chunked encoding. Every request built here is one a
 * correct server answers with a response.
 */
export function generateHttpRequest(rng: Rng): HttpRequestBytes {
  const method = pick(rng, METHODS);
  const version = chance(rng, 0.85) ? 'HTTP/1.1' : 'HTTP/1.0';
  const lines = [`${method} ${pick(rng, PATHS)} ${version}`];
  if (version === 'HTTP/1.1' || chance(rng, 0.5)) lines.push('Host: 127.0.0.1');
  for (let i = intBetween(rng, 0, 3); i > 0; i -= 1) {
    const [name, values] = pick(rng, HEADERS);
    lines.push(`${name}: ${pick(rng, values)}`);
  }
  if (chance(rng, 0.2)) lines.push('Connection: close');
  let body: Buffer = Buffer.alloc(0);
  if (method !== 'GET' && method !== 'HEAD' && chance(rng, 0.6)) {
    const payload = randomBytes(rng, intBetween(rng, 0, 2048));
    if (version === 'HTTP/1.1' && chance(rng, 0.3)) {
      lines.push('Transfer-Encoding: chunked');
      body = chunked(rng, payload);
    } else {
      lines.push(`Content-Length: ${payload.length}`);
      body = payload;
    }
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return { bytes: Buffer.concat([head, body]), head: method === 'HEAD' };
}

function chunked(rng: Rng, payload: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < payload.length) {
    const size = Math.min(payload.length - at, intBetween(rng, 1, 700));
    parts.push(Buffer.from(`${size.toString(16)}\r\n`, 'latin1'), payload.subarray(at, at + size), Buffer.from('\r\n', 'latin1'));
    at += size;
  }
  parts.push(Buffer.from('0\r\n\r\n', 'latin1'));
  return Buffer.concat(parts);
}
