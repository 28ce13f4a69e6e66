import { createRng } from '../random/index.js';
import type { CaseProtocol, FuzzCase } from './fuzz-case.js';
import { generateHttpRequest } from './generate-http.js';
import { generateUwsgiPacket } from './generate-uwsgi.js';
import { mutate } from './mutate.js';
import { chance, intBetween, pick, randomBytes } from './pick.js';

/** Share of cases that are well-formed, mutated, and random bytes. */
export const CASE_MIX = Object.freeze({ valid: 0.3, mutated: 0.55, random: 0.15 });

/**
 * Builds case `id` of the stream for `seed` and `protocol`: the same three
 * numbers give the same bytes on every run, so a reported case can be
 * replayed. Valid cases are left open half the time (they must be answered
 * without EOF); mutated and random cases are always half-closed.
 */
export function makeCase(seed: number, protocol: CaseProtocol, id: number): FuzzCase {
  // One generator per case: a case does not depend on the ones before it.
  const rng = createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(id + 1, 0x85ebca6b) ^ (protocol === 'uwsgi' ? 0x5bd1e995 : 0)) >>> 0);
  const draw = rng.next();
  const valid = (): Buffer => (protocol === 'uwsgi' ? generateUwsgiPacket(rng) : generateHttpRequest(rng).bytes);
  const pieces = intBetween(rng, 1, 3);
  if (draw < CASE_MIX.valid) {
    return { id, protocol, origin: 'valid', bytes: valid(), pieces, finish: chance(rng, 0.5) ? 'open' : 'end' };
  }
  if (draw < CASE_MIX.valid + CASE_MIX.mutated) {
    return { id, protocol, origin: 'mutated', bytes: mutate(rng, valid(), protocol), pieces, finish: 'end' };
  }
  const bytes =
    rng.next() < 0.5
      ? randomBytes(rng, intBetween(rng, 0, 512))
      : Buffer.from(Array.from({ length: intBetween(rng, 0, 256) }, () => pick(rng, PRINTABLE)).join(''), 'latin1');
  return { id, protocol, origin: 'random', bytes, pieces, finish: 'end' };
}

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).concat(['\r\n', '\r\n\r\n', '\t']);
