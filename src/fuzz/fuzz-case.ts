/**
 * One fuzz case: the bytes sent on one new connection, how they are sent,
 * and what counts as a correct answer. Cases are pure data, rebuilt from
 * (seed, id) by `makeCase`, so any case a run reports can be replayed.
 */

/** The wire protocol the case's bytes are meant for. */
export type CaseProtocol = 'uwsgi' | 'http';

/**
 * How the bytes were made: 'valid' (a well-formed request, which must be
 * answered), 'mutated' (a valid request with random edits) or 'random'
 * (random bytes). Only 'valid' cases may not be answered by a clean close.
 */
export type CaseOrigin = 'valid' | 'mutated' | 'random';

export interface FuzzCase {
  /** Index within its target's stream; with the seed it rebuilds the case. */
  readonly id: number;
  readonly protocol: CaseProtocol;
  readonly origin: CaseOrigin;
  readonly bytes: Buffer;
  /** The bytes are written in this many pieces (1–3), to exercise streaming readers. */
  readonly pieces: number;
  /**
   * 'end': half-close after writing, so a server waiting for more bytes sees
   * EOF and must answer or close; 'open': leave the connection open (only
   * for complete requests, which must be answered without EOF).
   */
  readonly finish: 'end' | 'open';
}
