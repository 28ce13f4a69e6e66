import { standardNormal } from './normal.js';
import type { Rng } from './rng.js';

/**
 * caplab's one gamma draw: a Gamma(shape, 1) variate (mean = variance =
 * shape) by Marsaglia & Tsang, "A simple method for generating gamma
 * variables", ACM TOMS 26(3), 2000. For shape ≥ 1, with d = shape − 1/3 and
 * c = 1/√(9d), draw a standard normal x and v = (1 + cx)³ until v > 0 and a
 * uniform u passes the squeeze u < 1 − 0.0331x⁴ or the full test
 * ln u < x²/2 + d(1 − v + ln v); the result is d·v. For shape < 1 it uses
 * the paper's boost: Gamma(shape) = Gamma(shape + 1) · u^(1/shape).
 *
 * It is a rejection method, so the number of draws varies (about 3 per
 * value for shape ≥ 1, 1.05 attempts on average or fewer), but it depends
 * only on the generator's stream: the same seed replays the same values.
 * Callers may rely on a finite value ≥ 0 (it can underflow to 0 for very
 * small shapes). `shape` must be finite and > 0; it is not checked here
 * (callers validate at the edge).
 */
export function standardGamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    const boost = Math.pow(1 - rng.next(), 1 / shape);
    return standardGamma(rng, shape + 1) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(rng);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
