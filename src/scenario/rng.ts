/**
 * caplab's seeded pseudo-random generator: sfc32 (Chris Doty-Humphrey's
 * Small Fast Counting generator, 128-bit state) seeded through splitmix32.
 * Every random draw in a run (arrival times, mix choices, service times)
 * comes from a generator created here from the run's seed, so the same seed
 * replays the same schedule exactly, on any platform (only 32-bit integer
 * arithmetic is used).
 */

/** A deterministic stream of random numbers. */
export interface Rng {
  /** A uniform draw in [0, 1), with 32 bits of resolution. */
  next(): number;
  /** A uniform 32-bit unsigned integer; used to seed sub-streams. */
  nextUint32(): number;
}

/** splitmix32: spreads a small seed over well-mixed 32-bit words. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

/**
 * Creates a generator from any finite number: integers up to 2^53 use all
 * their bits (low and high words are mixed); other values are truncated
 * toward zero first. Equal seeds give equal streams.
 */
export function createRng(seed: number): Rng {
  const whole = Number.isFinite(seed) ? Math.trunc(seed) : 0;
  const low = whole >>> 0;
  const high = Math.floor(whole / 4294967296) >>> 0;
  const mix = splitmix32(low ^ Math.imul(high, 0x9e3779b1));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Let the freshly seeded state settle before the first draw.
  for (let i = 0; i < 12; i += 1) nextUint32();
  return {
    next: () => nextUint32() / 4294967296,
    nextUint32,
  };
}
