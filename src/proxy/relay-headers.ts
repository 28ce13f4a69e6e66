import type { ResponseHead } from './parse-response-head.js';
import type { BodyFraming } from './response-body.js';

/** Hop-by-hop response headers (RFC 9110 §7.6.1), never relayed; lowercase. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * The upstream's headers as the client gets them, as Node's
 * `res.writeHead` takes a raw list ([name, value, name, value, …]): repeats
 * and order kept, hop-by-hop headers and any named in `Connection` dropped.
 * Content-Length is re-emitted once, as a plain number (an upstream may
 * legally repeat it, `5, 5`), when the body is relayed with that length or
 * there is no body (HEAD, 304); a chunked or close-delimited body is
 * re-framed for the client by Node. `framing` must come from
 * `responseFraming`, which has already checked the lengths agree.
 */
export function relayHeaders(head: ResponseHead, framing: BodyFraming): string[] {
  const dropped = new Set(HOP_BY_HOP);
  let declaredLength: string | undefined;
  for (const [name, value] of head.headers) {
    const key = name.toLowerCase();
    if (key === 'content-length') declaredLength ??= value.split(',')[0]?.trim();
    if (key !== 'connection') continue;
    for (const token of value.split(',')) dropped.add(token.trim().toLowerCase());
  }
  const flat: string[] = [];
  for (const [name, value] of head.headers) {
    const key = name.toLowerCase();
    if (!dropped.has(key) && key !== 'content-length') flat.push(name, value);
  }
  if (framing.kind === 'length') flat.push('Content-Length', String(framing.length));
  else if (framing.kind === 'none' && declaredLength !== undefined) flat.push('Content-Length', declaredLength);
  return flat;
}
