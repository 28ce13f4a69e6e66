/*
 * Why the simulator keeps its own sketch instead of hdr-histogram-js (the
 * histogram results/ uses): measured in the hot loop, hdr is much slower.
 * Bench (2026-11-30, 2 cores AMD EPYC, Node 20.20, hdr-histogram-js 3.0.1, a CI
 * run sharing the machine, load average 3–4): simulatePool with c = 10,000,
 * 1 M Poisson requests at ρ = 0.9, exponential 100 ms service (2 M events,
 * the sim-events bench's input), one warm-up run then one timed run per
 * process, five processes each way, alternating:
 *   this sketch:        194, 226, 190, 204, 238 ms  (median 204 ms)
 *   hdr-histogram-js:   355, 333, 588, 339, 591 ms  (median 355 ms, +74 %)
 * The hdr side replaced this class with one recording every wait and
 * latency as `recordValue(Math.round(ms * 1000))` into
 * `hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3,
 * autoResize: true })`, exactly as results/summarize-stats.ts does, the
 * rest of the tree unchanged; each side ran as
 * `node bench.mjs <dist>` (import simulatePool from <dist>/plan/index.js,
 * run the input above twice, time the second). The p99 latencies agreed
 * (460.9 vs 461.1 ms). Re-measure before switching.
 */
/** Distribution summary of a simulated quantity, in ms. Empty gives all zeros. */
export interface SimStats {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = 1 - HI;
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
/** Buckets cover [2^-20, 2^44) ms: exponent and top 10 mantissa bits of the double. */
const MIN_EXP = 1023 - 20;
const MAX_EXP = 1023 + 43;
const BASE = MIN_EXP << 10;
const BUCKETS = (MAX_EXP - MIN_EXP + 1) << 10;
const SMALLEST = 2 ** -20;

/**
 * Collects non-negative samples and answers nearest-rank quantiles (the
 * smallest sample with at least ⌈q·n⌉ samples ≤ it, as HdrHistogram does).
 * Up to `exactLimit` samples are kept and sorted, so quantiles are exact;
 * past that they move into a log-linear histogram whose buckets are the
 * exponent and top 10 mantissa bits of the double (relative width 2^-10),
 * answered at the bucket midpoint: relative error ≤ 2^-11 ≈ 0.05 %, clamped
 * to the exact min and max. Values under 2^-20 ms count as 0. The count,
 * mean, min and max are always exact. `add` never allocates once the
 * histogram exists.
 */
export class QuantileSketch {
  count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;
  private exact: Float64Array | null;
  private sorted = false;
  private counts: Uint32Array | null = null;
  private zeros = 0;

  constructor(private readonly exactLimit = 100_000) {
    this.exact = new Float64Array(Math.min(256, exactLimit));
  }

  add(v: number): void {
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    const exact = this.exact;
    if (exact !== null) {
      if (this.count > exact.length) {
        if (exact.length >= this.exactLimit) {
          this.toHistogram();
          this.record(v);
          return;
        }
        const bigger = new Float64Array(Math.min(exact.length * 2, this.exactLimit));
        bigger.set(exact);
        this.exact = bigger;
      }
      (this.exact as Float64Array)[this.count - 1] = v;
      this.sorted = false;
      return;
    }
    this.record(v);
  }

  /**
   * Adds every sample of `other` (which is left as it is), as if each had
   * been added here: exact while the total fits `exactLimit`, the histogram
   * beyond. Pools independent replications for one quantile estimate.
   */
  merge(other: QuantileSketch): void {
    if (other.exact !== null) {
      for (let i = 0; i < other.count; i++) this.add(other.exact[i] as number);
      return;
    }
    if (this.exact !== null) {
      this.count++;
      this.toHistogram();
      this.count--;
    }
    const counts = this.counts as Uint32Array;
    const theirs = other.counts as Uint32Array;
    for (let i = 0; i < BUCKETS; i++) counts[i]! += theirs[i] as number;
    this.zeros += other.zeros;
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  /** The nearest-rank q-quantile (0 ≤ q ≤ 1); 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.min(this.count, Math.max(1, Math.ceil(q * this.count - 1e-9)));
    if (this.exact !== null) {
      if (!this.sorted) {
        this.exact.subarray(0, this.count).sort();
        this.sorted = true;
      }
      return this.exact[rank - 1] as number;
    }
    let seen = this.zeros;
    if (seen >= rank) return Math.max(0, this.min);
    const counts = this.counts as Uint32Array;
    for (let i = 0; i < BUCKETS; i++) {
      seen += counts[i] as number;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, (lowerBound(i) + lowerBound(i + 1)) / 2));
    }
    return this.max;
  }

  stats(): SimStats {
    if (this.count === 0) return { count: 0, mean: 0, min: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 };
    return {
      count: this.count,
      mean: this.sum / this.count,
      min: this.min,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      p999: this.quantile(0.999),
      max: this.max,
    };
  }

  private toHistogram(): void {
    const exact = this.exact as Float64Array;
    const n = this.count - 1;
    this.exact = null;
    this.counts = new Uint32Array(BUCKETS);
    for (let i = 0; i < n; i++) this.record(exact[i] as number);
  }

  private record(v: number): void {
    if (!(v >= SMALLEST)) {
      this.zeros++;
      return;
    }
    scratch[0] = v;
    let i = ((words[HI] as number) >>> 10) - BASE;
    if (i >= BUCKETS) i = BUCKETS - 1;
    (this.counts as Uint32Array)[i]++;
  }
}

function lowerBound(bucket: number): number {
  words[HI] = (bucket + BASE) << 10;
  words[LO] = 0;
  return scratch[0] as number;
}
