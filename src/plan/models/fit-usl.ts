import { caplabError } from '../../errors.js';
import { nelderMead } from './nelder-mead.js';

/** One measurement: throughput X at concurrency (or worker count) N. */
export interface UslPoint {
  readonly n: number;
  readonly throughput: number;
}

export interface UslParams {
  /** Throughput of one unit of concurrency without contention (X(1) = λ). */
  readonly lambda: number;
  /** Contention (serialisation) coefficient σ ≥ 0. */
  readonly sigma: number;
  /** Coherency (crosstalk) coefficient κ ≥ 0. */
  readonly kappa: number;
}

export interface UslFit extends UslParams {
  /** 1 − SSres/SStot of the fitted throughputs. */
  readonly rSquared: number;
  /** N* = √((1 − σ)/κ), where throughput peaks; 1 when σ ≥ 1; null when κ = 0 (no finite peak). */
  readonly peakN: number | null;
  /** X(N*), or null with `peakN`. */
  readonly peakThroughput: number | null;
  /** The fitted X(N) at whole N from 1 to `curveMaxN`. */
  readonly curve: readonly UslPoint[];
}

/** Gunther's Universal Scalability Law (REFERENCE.md): X(N) = λN / (1 + σ(N − 1) + κN(N − 1)). */
export function uslThroughput(p: UslParams, n: number): number {
  return (p.lambda * n) / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

/**
 * Fits the USL to measured points by least squares on throughput. For fixed
 * σ, κ the best λ is linear, λ = Σ X·g / Σ g² with g(N) = X(N)/λ, so only
 * (σ, κ) are searched: a log-spaced grid (σ in 1e-5…1, κ in 1e-7…1, with
 * 0 for each) picks a start, then Nelder–Mead refines it in (√σ, √κ), which
 * keeps both ≥ 0 without a penalty. Requires ≥ 3 points with distinct N ≥ 1
 * and throughput > 0; throws E_PLAN_INVALID otherwise.
 * Source: N. J. Gunther, Guerrilla Capacity Planning (2007), ch. 4–6.
 */
export function fitUsl(points: readonly UslPoint[], options: { curveMaxN?: number } = {}): UslFit {
  checkPoints(points);
  const ns = points.map((p) => p.n);
  const xs = points.map((p) => p.throughput);
  const shape = (sigma: number, kappa: number, n: number): number => n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  const bestLambda = (sigma: number, kappa: number): number => {
    let xg = 0;
    let gg = 0;
    ns.forEach((n, i) => {
      const g = shape(sigma, kappa, n);
      xg += (xs[i] as number) * g;
      gg += g * g;
    });
    return xg / gg;
  };
  const sse = (sigma: number, kappa: number): number => {
    const lambda = bestLambda(sigma, kappa);
    let s = 0;
    ns.forEach((n, i) => {
      const r = (xs[i] as number) - lambda * shape(sigma, kappa, n);
      s += r * r;
    });
    return s;
  };

  let start = { sigma: 0, kappa: 0, value: sse(0, 0) };
  for (const sigma of [0, ...logSpace(1e-5, 1, 26)]) {
    for (const kappa of [0, ...logSpace(1e-7, 1, 36)]) {
      const value = sse(sigma, kappa);
      if (value < start.value) start = { sigma, kappa, value };
    }
  }
  const objective = (v: readonly number[]): number => sse((v[0] as number) ** 2, (v[1] as number) ** 2);
  let u = [Math.sqrt(start.sigma), Math.sqrt(start.kappa)];
  for (let round = 0; round < 3; round++) {
    const steps = u.map((x, i) => Math.max(x * 0.3, i === 0 ? 1e-3 : 1e-4));
    u = nelderMead(objective, u, steps, { tolerance: 1e-15, maxIterations: 4000 }).x;
  }
  const sigma = (u[0] as number) ** 2;
  const kappa = (u[1] as number) ** 2;
  const lambda = bestLambda(sigma, kappa);
  const params = { lambda, sigma, kappa };

  const meanX = xs.reduce((s, x) => s + x, 0) / xs.length;
  const ssTot = xs.reduce((s, x) => s + (x - meanX) ** 2, 0);
  const ssRes = sse(sigma, kappa);
  const peakN = kappa > 0 ? (sigma >= 1 ? 1 : Math.sqrt((1 - sigma) / kappa)) : sigma >= 1 ? 1 : null;
  const curveMaxN = options.curveMaxN ?? 2 * Math.max(...ns);
  const curve: UslPoint[] = [];
  for (let n = 1; n <= curveMaxN; n++) curve.push({ n, throughput: uslThroughput(params, n) });
  return Object.freeze({
    ...params,
    rSquared: ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0,
    peakN,
    peakThroughput: peakN === null ? null : uslThroughput(params, peakN),
    curve,
  });
}

function logSpace(from: number, to: number, count: number): number[] {
  const a = Math.log(from);
  const b = Math.log(to);
  return Array.from({ length: count }, (_, i) => Math.exp(a + ((b - a) * i) / (count - 1)));
}

function checkPoints(points: readonly UslPoint[]): void {
  const problems: string[] = [];
  if (points.length < 3) problems.push(`needs at least 3 points (one per fitted parameter), got ${points.length}`);
  points.forEach((p, i) => {
    if (!(Number.isFinite(p.n) && p.n >= 1)) problems.push(`points[${i}].n must be ≥ 1, got ${p.n}`);
    if (!(Number.isFinite(p.throughput) && p.throughput > 0)) problems.push(`points[${i}].throughput must be > 0, got ${p.throughput}`);
  });
  if (new Set(points.map((p) => p.n)).size < Math.min(points.length, 3)) problems.push('needs at least 3 distinct values of n');
  if (problems.length > 0) throw caplabError('E_PLAN_INVALID', `USL fit: ${problems.join('; ')}`);
}

/** How far beyond the largest count swept a fitted peak is still reported: 10 times. */
export const USL_PEAK_SIGHT = 10;

/**
 * The fitted peak N* when it lies within USL_PEAK_SIGHT × the largest worker
 * count swept, else null: a peak far outside the data (a sleep-bound sweep
 * fits κ ≈ 0 and puts N* in the millions) is an artefact of the fit, and
 * reports say that no peak is in sight instead.
 */
export function uslPeakInSight(peakN: number | null, largestSwept: number): number | null {
  if (peakN === null || !Number.isFinite(peakN) || !(largestSwept > 0)) return null;
  return peakN <= USL_PEAK_SIGHT * largestSwept ? peakN : null;
}
