import { standardGamma, standardNormal, type Rng, type Sampler } from '../random/index.js';

/**
 * caplab's one service-time model, used by scenario files, `plan --service`
 * and the simulator alike. All times are in ms.
 *
 * A lognormal is given by its **median** m and log-space standard deviation
 * σ: X = m · e^{σZ}, Z standard normal, so its mean is m · e^{σ²/2}. Input may
 * give `mean` instead (see `ServiceSchema`); it is converted to the median
 * once, when read, so every later use agrees.
 *
 * A gamma is given by its **mean** and squared coefficient of variation
 * Cs² (the two figures a log fit and Allen–Cunneen speak in): shape
 * k = 1/Cs², scale θ = mean · Cs². Cs² = 1 is the exponential; Cs² < 1 is
 * more regular, Cs² > 1 burstier.
 */
export type ServiceDist =
  | { readonly dist: 'constant'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'exponential'; readonly mean: number }
  | { readonly dist: 'lognormal'; readonly median: number; readonly sigma: number }
  | { readonly dist: 'gamma'; readonly mean: number; readonly cs2: number }
  | { readonly dist: 'empirical'; readonly values: readonly number[] };

/** The distribution names, in the order messages list them. */
export const SERVICE_DISTS = ['constant', 'uniform', 'exponential', 'lognormal', 'gamma', 'empirical'] as const;

/** E[S] in ms. */
export function serviceMean(d: ServiceDist): number {
  switch (d.dist) {
    case 'constant': return d.value;
    case 'uniform': return (d.min + d.max) / 2;
    case 'exponential': return d.mean;
    case 'lognormal': return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case 'gamma': return d.mean;
    case 'empirical': return mean(d.values);
  }
}

/**
 * Squared coefficient of variation Cs² = Var[S]/E[S]² (what Allen–Cunneen
 * needs): 0 for constant, (max−min)²/(3(max+min)²) for uniform, 1 for
 * exponential, e^{σ²} − 1 for lognormal, its `cs2` for gamma, the population value for
 * empirical values; 0 when the mean is 0.
 */
export function serviceScv(d: ServiceDist): number {
  switch (d.dist) {
    case 'constant': return 0;
    case 'uniform': {
      const m = (d.min + d.max) / 2;
      const width = d.max - d.min;
      return m === 0 ? 0 : (width * width) / 12 / (m * m);
    }
    case 'exponential': return 1;
    case 'lognormal': return Math.expm1(d.sigma * d.sigma);
    case 'gamma': return d.cs2;
    case 'empirical': {
      const m = mean(d.values);
      if (m === 0) return 0;
      let ss = 0;
      for (const x of d.values) ss += (x - m) * (x - m);
      return ss / d.values.length / (m * m);
    }
  }
}

/**
 * One service time in ms drawn from `rng`. Each distribution but gamma
 * uses a fixed number of draws (constant 0, lognormal 2, the others 1);
 * gamma is a rejection method (random/'s Marsaglia–Tsang) whose number of
 * draws depends only on the stream, so a schedule still depends only on the
 * seed and the plan. Exponential draws by inversion, −mean · ln(1 − u),
 * finite because u < 1; lognormal by the one Box–Muller in random/.
 */
export function drawService(d: ServiceDist, rng: Rng): number {
  switch (d.dist) {
    case 'constant': return d.value;
    case 'uniform': return d.min + rng.next() * (d.max - d.min);
    case 'exponential': return -d.mean * Math.log(1 - rng.next());
    case 'lognormal': return d.median * Math.exp(d.sigma * standardNormal(rng));
    case 'gamma': return d.mean * d.cs2 * standardGamma(rng, 1 / d.cs2);
    case 'empirical': return d.values[Math.min(d.values.length - 1, Math.floor(rng.next() * d.values.length))] ?? 0;
  }
}

/** `drawService` for `d` as a `Sampler`, the simulator's form; empirical values are copied, so later changes to the caller's array do not leak in. */
export function serviceSampler(d: ServiceDist): Sampler {
  const fixed: ServiceDist = d.dist === 'empirical' ? { dist: 'empirical', values: [...d.values] } : d;
  return (rng) => drawService(fixed, rng);
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? 0 : sum / values.length;
}
