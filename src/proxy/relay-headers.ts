import type { ResponseHead } from './parse-response-head.js';
import type { BodyFraming } from './response-body.js';

/** Hop-by-hop response headers (RFC 9110 §7.6.1), never relayed; lowercase. Content-Length is handled apart. */
const HOP_BY_HOP: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * The upstream's headers as the client gets them, as Node's
 * `res.writeHead` takes a raw list ([name, value, name, value, …]): repeats
 * and order kept, hop-by-hop headers and any named in `Connection` dropped.
 * Content-Length is re-emitted once, as a plain number (an upstream may
 * legally repeat it, `5, 5`), when the body is relayed with that length or
 * there is no body (HEAD, 304); a chunked or close-delimited body is
 * re-framed for the client by Node. `framing` must come from
 * `responseFraming`, which has already checked the lengths agree. One pass
 * over the head; the rare `Connection: <name>` costs a second one.
 */
export function relayHeaders(head: ResponseHead, framing: BodyFraming): string[] {
  let declaredLength: string | undefined;
  let named: string[] | undefined;
  const flat: string[] = [];
  for (const [name, value] of head.headers) {
    const key = name.toLowerCase();
    if (key === 'content-length') {
      declaredLength ??= value.split(',')[0]?.trim();
    } else if (key === 'connection') {
      for (const token of value.split(',')) (named ??= []).push(token.trim().toLowerCase());
    } else if (!HOP_BY_HOP.has(key)) {
      flat.push(name, value);
    }
  }
  const relayed = named === undefined ? flat : withoutNamed(flat, named);
  if (framing.kind === 'length') relayed.push('Content-Length', String(framing.length));
  else if (framing.kind === 'none' && declaredLength !== undefined) relayed.push('Content-Length', declaredLength);
  return relayed;
}

/** `flat` without the fields whose (lowercase) name is in `named`. */
function withoutNamed(flat: readonly string[], named: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    if (!named.includes((flat[i] as string).toLowerCase())) kept.push(flat[i] as string, flat[i + 1] as string);
  }
  return kept;
}
