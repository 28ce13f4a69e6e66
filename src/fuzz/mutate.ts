import type { Rng } from '../random/index.js';
import type { CaseProtocol } from './fuzz-case.js';
import { INTERESTING_BYTES, INTERESTING_TEXT, INTERESTING_U16 } from './dictionary.js';
import { intBetween, pick, randomBytes } from './pick.js';

type Mutation = (rng: Rng, input: Buffer, protocol: CaseProtocol) => Buffer;

const at = (rng: Rng, input: Buffer): number => intBetween(rng, 0, Math.max(0, input.length - 1));

const MUTATIONS: readonly Mutation[] = [
  // flip one bit
  (rng, b) => {
    if (b.length === 0) return b;
    const out = Buffer.from(b);
    const i = at(rng, b);
    out[i] = (out[i] ?? 0) ^ (1 << intBetween(rng, 0, 7));
    return out;
  },
  // overwrite a byte with an interesting one
  (rng, b) => {
    if (b.length === 0) return b;
    const out = Buffer.from(b);
    out[at(rng, b)] = pick(rng, INTERESTING_BYTES);
    return out;
  },
  // insert random bytes
  (rng, b) => {
    const i = intBetween(rng, 0, b.length);
    return Buffer.concat([b.subarray(0, i), randomBytes(rng, intBetween(rng, 1, 16)), b.subarray(i)]);
  },
  // delete a range
  (rng, b) => {
    const i = at(rng, b);
    return Buffer.concat([b.subarray(0, i), b.subarray(i + intBetween(rng, 1, 32))]);
  },
  // duplicate a range
  (rng, b) => {
    const i = at(rng, b);
    const j = Math.min(b.length, i + intBetween(rng, 1, 64));
    return Buffer.concat([b.subarray(0, j), b.subarray(i, j), b.subarray(j)]);
  },
  // truncate
  (rng, b) => b.subarray(0, intBetween(rng, 0, b.length)),
  // append the same request again (pipelining) or trailing garbage
  (rng, b) => Buffer.concat([b, rng.next() < 0.5 ? b : randomBytes(rng, intBetween(rng, 1, 64))]),
  // the protocol's own edit: a length field (uwsgi) or framing text (HTTP)
  (rng, b, protocol) => (protocol === 'uwsgi' ? mutateUwsgiLength(rng, b) : spliceText(rng, b)),
  (rng, b, protocol) => (protocol === 'uwsgi' ? mutateUwsgiLength(rng, b) : spliceText(rng, b)),
];

/**
 * Applies 1 to 4 random edits to `input` (bit flips, interesting bytes,
 * insertions, deletions, duplications, truncation, repetition, and edits
 * of the protocol's framing: uwsgi length fields, HTTP framing text).
 * Deterministic for a given generator state; never changes `input`.
 */
export function mutate(rng: Rng, input: Buffer, protocol: CaseProtocol): Buffer {
  let out = input;
  for (let n = intBetween(rng, 1, 4); n > 0; n -= 1) out = pick(rng, MUTATIONS)(rng, out, protocol);
  return out;
}

/** Writes an interesting or off-by-one u16 into the datasize field or a var's length field. */
function mutateUwsgiLength(rng: Rng, b: Buffer): Buffer {
  if (b.length < 4) return b;
  const out = Buffer.from(b);
  const offsets = [1];
  // walk the vars to find each key and value length field
  const end = Math.min(out.length, 4 + out.readUInt16LE(1));
  for (let i = 4; i + 2 <= end; ) {
    offsets.push(i);
    i += 2 + out.readUInt16LE(i);
    if (i + 2 > end) break;
    offsets.push(i);
    i += 2 + out.readUInt16LE(i);
  }
  const offset = pick(rng, offsets);
  if (offset + 2 > out.length) return out;
  const old = out.readUInt16LE(offset);
  const value = rng.next() < 0.5 ? pick(rng, INTERESTING_U16) : (old + intBetween(rng, -2, 2) + 0x10000) & 0xffff;
  out.writeUInt16LE(value, offset);
  return out;
}

/** Splices an interesting text (CRLFs, framing headers, chunk sizes) into an HTTP request. */
function spliceText(rng: Rng, b: Buffer): Buffer {
  const i = intBetween(rng, 0, b.length);
  return Buffer.concat([b.subarray(0, i), Buffer.from(pick(rng, INTERESTING_TEXT), 'latin1'), b.subarray(i)]);
}
