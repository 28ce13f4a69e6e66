import type { BurstArrivals, RampArrivals, SteadyArrivals, TraceArrivals } from './arrival-spec.js';
import { standardGamma, type Rng } from '../../random/index.js';

const BURST = 0;
const CONSTANT = 1;
const POISSON = 2;
const RAMP_DETERMINISTIC = 3;
const RAMP_POISSON = 4;
const TRACE = 5;
const RENEWAL = 6;

/**
 * Generates the arrival times of one open spec lazily, in increasing order,
 * one call to `next` per arrival and without allocating. A ramp is generated
 * by inverting its cumulative intensity
 *   Λ(τ) = f·τ + (g − f)·τ²/(2D)   (f, g the start and end rates per ms, D the duration),
 *   Λ⁻¹(y) = 2y / (f + √(f² + 2(g − f)·y/D)),
 * the rationalised root of the quadratic, which stays exact when f = g or
 * f = 0. Arrival i of the Poisson ramp is at Λ⁻¹(E₁ + … + E_i) with Eₖ ~ Exp(1)
 * (the time-change theorem); of the deterministic ramp at Λ⁻¹(i). A
 * renewal spec adds gamma gaps (random/'s Marsaglia–Tsang).
 */
export class OpenArrivals {
  private readonly kind: number;
  private readonly startMs: number;
  private readonly endMs: number;
  private readonly limit: number;
  private readonly perMs: number;
  private readonly fromPerMs: number;
  private readonly slope: number;
  private readonly total: number;
  /** Renewal gaps: gamma shape 1/Ca² and scale (mean gap)·Ca². */
  private readonly shape: number = 1;
  private readonly scale: number = 0;
  private emitted = 0;
  /** The last arrival time (poisson) or the unit-rate clock Λ (ramps). */
  private clock = 0;
  private readonly times: readonly number[] = [];

  constructor(spec: BurstArrivals | SteadyArrivals | RampArrivals | TraceArrivals) {
    this.perMs = 0;
    this.fromPerMs = 0;
    this.slope = 0;
    this.total = 0;
    this.limit = Infinity;
    if (spec.kind === 'trace') {
      this.kind = TRACE;
      this.startMs = 0;
      this.endMs = Infinity;
      this.limit = spec.timesMs.length;
      this.times = spec.timesMs;
    } else if (spec.kind === 'burst') {
      this.kind = BURST;
      this.startMs = spec.atMs ?? 0;
      this.endMs = Infinity;
      this.limit = spec.count;
    } else if (spec.kind === 'ramp') {
      this.kind = spec.process === 'deterministic' ? RAMP_DETERMINISTIC : RAMP_POISSON;
      this.startMs = spec.startMs ?? 0;
      this.endMs = this.startMs + spec.durationMs;
      this.fromPerMs = spec.fromPerSec / 1000;
      this.slope = (spec.toPerSec / 1000 - this.fromPerMs) / spec.durationMs;
      this.total = (spec.durationMs * (spec.fromPerSec + spec.toPerSec)) / 2000;
      this.clock = this.kind === RAMP_DETERMINISTIC ? -1 : 0;
    } else {
      this.kind = spec.kind === 'constant' ? CONSTANT : spec.kind === 'renewal' ? RENEWAL : POISSON;
      this.startMs = spec.startMs ?? 0;
      if (spec.kind === 'renewal') {
        const scv = spec.scv ?? 1;
        this.shape = 1 / scv;
        this.scale = (1000 / spec.ratePerSec) * scv;
      }
      this.endMs = spec.durationMs === undefined ? Infinity : this.startMs + spec.durationMs;
      this.limit = spec.count ?? Infinity;
      this.perMs = spec.ratePerSec / 1000;
      this.clock = this.startMs;
    }
  }

  /** The next arrival time in ms, or Infinity when the spec has no more. */
  next(rng: Rng): number {
    if (this.emitted >= this.limit) return Infinity;
    let t: number;
    switch (this.kind) {
      case BURST:
        t = this.startMs;
        break;
      case TRACE:
        t = this.times[this.emitted] as number;
        break;
      case CONSTANT:
        t = this.startMs + this.emitted / this.perMs;
        break;
      case POISSON:
        t = this.clock - Math.log(1 - rng.next()) / this.perMs;
        this.clock = t;
        break;
      case RENEWAL:
        t = this.clock + this.scale * standardGamma(rng, this.shape);
        this.clock = t;
        break;
      default: {
        const y = this.kind === RAMP_DETERMINISTIC ? this.clock + 1 : this.clock - Math.log(1 - rng.next());
        this.clock = y;
        if (y >= this.total) return this.finish();
        const f = this.fromPerMs;
        t = y === 0 ? this.startMs : this.startMs + (2 * y) / (f + Math.sqrt(Math.max(0, f * f + 2 * this.slope * y)));
      }
    }
    if (t >= this.endMs) return this.finish();
    this.emitted++;
    return t;
  }

  private finish(): number {
    this.emitted = Infinity;
    return Infinity;
  }
}
