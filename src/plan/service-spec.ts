import {
  constantSampler,
  empiricalSampler,
  exponentialSampler,
  lognormalSampler,
  uniformSampler,
  type Sampler,
} from './sim/distributions.js';

/**
 * A service-time distribution, declared as data so that the planner can tell
 * when a closed form applies (exponential service) and compute moments. All
 * values are in ms. `lognormal` is given by its arithmetic mean and its
 * log-space standard deviation σ.
 */
export type ServiceSpec =
  | { readonly dist: 'constant'; readonly valueMs: number }
  | { readonly dist: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly dist: 'exponential'; readonly meanMs: number }
  | { readonly dist: 'lognormal'; readonly meanMs: number; readonly sigma: number }
  | { readonly dist: 'empirical'; readonly samplesMs: readonly number[] };

/** The sampler that draws from `spec` (see distributions.ts). */
export function serviceSampler(spec: ServiceSpec): Sampler {
  switch (spec.dist) {
    case 'constant':
      return constantSampler(spec.valueMs);
    case 'uniform':
      return uniformSampler(spec.minMs, spec.maxMs);
    case 'exponential':
      return exponentialSampler(spec.meanMs);
    case 'lognormal':
      return lognormalSampler(spec.meanMs, spec.sigma);
    case 'empirical':
      return empiricalSampler(spec.samplesMs);
  }
}

/** E[S] in ms. */
export function serviceMeanMs(spec: ServiceSpec): number {
  switch (spec.dist) {
    case 'constant':
      return spec.valueMs;
    case 'uniform':
      return (spec.minMs + spec.maxMs) / 2;
    case 'exponential':
    case 'lognormal':
      return spec.meanMs;
    case 'empirical':
      return mean(spec.samplesMs);
  }
}

/**
 * Squared coefficient of variation Cs² = Var[S]/E[S]², the input Allen–Cunneen
 * needs: 0 for constant, (max−min)²/(3(max+min)²) for uniform, 1 for
 * exponential, e^{σ²} − 1 for log-normal, and the population value for
 * empirical samples.
 */
export function serviceScv(spec: ServiceSpec): number {
  switch (spec.dist) {
    case 'constant':
      return 0;
    case 'uniform': {
      const width = spec.maxMs - spec.minMs;
      const m = (spec.minMs + spec.maxMs) / 2;
      return m === 0 ? 0 : (width * width) / 12 / (m * m);
    }
    case 'exponential':
      return 1;
    case 'lognormal':
      return Math.expm1(spec.sigma * spec.sigma);
    case 'empirical': {
      const m = mean(spec.samplesMs);
      if (m === 0) return 0;
      let ss = 0;
      for (const x of spec.samplesMs) ss += (x - m) * (x - m);
      return ss / spec.samplesMs.length / (m * m);
    }
  }
}

/**
 * Problems with a spec, each naming the field and quoting the bad value;
 * empty when the spec is usable. `path` prefixes each message.
 */
export function serviceSpecProblems(spec: ServiceSpec, path = 'service'): string[] {
  const problems: string[] = [];
  const positive = (field: string, v: number): void => {
    if (!(Number.isFinite(v) && v > 0)) problems.push(`${path}.${field} must be a finite number > 0, got ${v}`);
  };
  const nonNegative = (field: string, v: number): void => {
    if (!(Number.isFinite(v) && v >= 0)) problems.push(`${path}.${field} must be a finite number ≥ 0, got ${v}`);
  };
  switch (spec.dist) {
    case 'constant':
      nonNegative('valueMs', spec.valueMs);
      break;
    case 'uniform':
      nonNegative('minMs', spec.minMs);
      nonNegative('maxMs', spec.maxMs);
      if (spec.maxMs < spec.minMs) problems.push(`${path}.maxMs must be ≥ minMs (${spec.minMs}), got ${spec.maxMs}`);
      break;
    case 'exponential':
      positive('meanMs', spec.meanMs);
      break;
    case 'lognormal':
      positive('meanMs', spec.meanMs);
      nonNegative('sigma', spec.sigma);
      break;
    case 'empirical':
      if (spec.samplesMs.length === 0) problems.push(`${path}.samplesMs must hold at least one value, got none`);
      spec.samplesMs.forEach((v, i) => nonNegative(`samplesMs[${i}]`, v));
      break;
    default:
      problems.push(`${path}.dist must be constant, uniform, exponential, lognormal or empirical, got ${JSON.stringify((spec as { dist: unknown }).dist)}`);
  }
  return problems;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? 0 : sum / values.length;
}
