/**
 * caplab's one pseudo-random generator: xoshiro128** (Blackman & Vigna,
 * https://prng.di.unimi.it/xoshiro128starstar.c), seeded through splitmix32
 * so that nearby seeds give unrelated streams. It is small, fast in V8's
 * 32-bit integer arithmetic, and has period 2^128 − 1.
 *
 * Contract: the same seed gives the same sequence on every platform and Node
 * version (only 32-bit integer operations are used). `next()` returns one of
 * the 2^32 values k / 2^32, so it lies in [0, 1) and is never 1.
 */
export interface Rng {
  /** A uniform draw in [0, 1), with 32 bits of resolution. */
  next(): number;
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
}

const TWO_POW_32 = 4294967296;

class Xoshiro128StarStar implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
  }

  nextUint32(): number {
    const b = this.b;
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    this.c ^= this.a;
    this.d ^= b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r >>> 0;
  }

  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Creates a generator from a seed. Seeds are reduced to 32 bits
 * (`seed >>> 0` after rounding), so use integers in [0, 2^32). splitmix32
 * expands the seed into the four state words, which are never all zero.
 */
export function createRng(seed: number): Rng {
  let s = Math.round(seed) >>> 0;
  const mix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  const a = mix();
  const b = mix();
  const c = mix();
  const d = mix();
  return new Xoshiro128StarStar(a, b, c, (a | b | c | d) === 0 ? 1 : d);
}

/**
 * A generator started from raw state words, for checking the algorithm
 * against the reference test vectors; not for seeding runs (use `createRng`).
 */
export function rngFromState(a: number, b: number, c: number, d: number): Rng {
  return new Xoshiro128StarStar(a, b, c, d);
}
