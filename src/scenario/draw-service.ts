import type { Rng } from './rng.js';
import type { ServiceDist } from './service-schema.js';

/** A standard normal draw by Box–Muller, from two uniforms. */
function normal(rng: Rng): number {
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * One service time in scenario ms, drawn from `rng`. Each distribution uses
 * a fixed number of draws (constant 0, lognormal 2, the others 1), so a
 * schedule depends only on the seed and the plan.
 */
export function drawService(d: ServiceDist, rng: Rng): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.min + rng.next() * (d.max - d.min);
    case 'exponential':
      return -d.mean * Math.log(1 - rng.next());
    case 'lognormal':
      return d.median * Math.exp(d.sigma * normal(rng));
    case 'empirical':
      return d.values[Math.min(d.values.length - 1, Math.floor(rng.next() * d.values.length))] ?? 0;
  }
}
