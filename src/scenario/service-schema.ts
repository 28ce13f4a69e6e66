import { z } from 'zod';
import { LIMITS } from './limits.js';
import { BARE, durationField } from './schema-fields.js';
import { SERVICE_DISTS, serviceMean, type ServiceDist } from './service-dist.js';

/** The parameters each distribution takes; a lognormal takes `median` or `mean` (exactly one), and `sigma`. */
export const SERVICE_PARAMS = {
  constant: ['value'],
  uniform: ['min', 'max'],
  exponential: ['mean'],
  lognormal: ['median', 'mean', 'sigma'],
  gamma: ['mean', 'cs2'],
  empirical: ['values'],
} as const;

const ALL_PARAMS = ['value', 'min', 'max', 'mean', 'median', 'sigma', 'cs2', 'values'] as const;

/**
 * Largest Cs² of a gamma: shape 1/Cs² = 0.01, a law whose median is under
 * 1e-30 of its mean; anything burstier is better given as empirical values.
 */
export const GAMMA_MAX_CS2 = 100;
type Param = (typeof ALL_PARAMS)[number];
type RawService = { dist: (typeof SERVICE_DISTS)[number] } & Partial<Record<Param, unknown>>;

/** The parameters that must be present, and for a lognormal which one of median/mean. */
function required(v: RawService): readonly Param[] {
  if (v.dist !== 'lognormal') return SERVICE_PARAMS[v.dist];
  return ['sigma'];
}

/**
 * A service-time distribution (see `ServiceDist`), as scenario files and
 * `plan --service` both give it: `{dist: constant, value}`,
 * `{dist: uniform, min, max}`, `{dist: exponential, mean}`,
 * `{dist: lognormal, median, sigma}` or `{dist: lognormal, mean, sigma}`,
 * `{dist: gamma, mean, cs2}` (mean and squared coefficient of variation,
 * 0 < cs2 ≤ GAMMA_MAX_CS2), `{dist: empirical, values: [...]}`; times are
 * durations. Every time, and every distribution's mean, is at most
 * LIMITS.serviceMs (1 h, the sample app's limit); σ is at most 10. A lognormal's `mean` is turned into its
 * median here, once.
 */
export const ServiceSchema = z
  .strictObject({
    dist: z.enum(SERVICE_DISTS),
    value: durationField({ max: LIMITS.serviceMs, maxLabel: 'one hour' }).optional(),
    min: durationField({ max: LIMITS.serviceMs, maxLabel: 'one hour' }).optional(),
    max: durationField({ max: LIMITS.serviceMs, maxLabel: 'one hour' }).optional(),
    mean: durationField({ exclusive: true, max: LIMITS.serviceMs, maxLabel: 'one hour' }).optional(),
    median: durationField({ exclusive: true, max: LIMITS.serviceMs, maxLabel: 'one hour' }).optional(),
    sigma: z.number().gte(0).lte(LIMITS.sigma).optional(),
    cs2: z.number().gt(0).lte(GAMMA_MAX_CS2).optional(),
    values: z.array(durationField({ max: LIMITS.serviceMs, maxLabel: 'one hour' })).min(1).max(LIMITS.empiricalValues).optional(),
  })
  .superRefine((raw, ctx) => {
    const v = raw as RawService;
    const params: readonly string[] | undefined = SERVICE_PARAMS[v.dist];
    if (!params) return;
    for (const p of required(v)) {
      if (v[p] === undefined) ctx.addIssue({ code: 'custom', path: [p], message: `is required for dist ${v.dist}`, params: BARE });
    }
    if (v.dist === 'lognormal' && (v.median === undefined) === (v.mean === undefined)) {
      const got = v.median === undefined ? 'neither' : 'both';
      ctx.addIssue({ code: 'custom', message: `must give a lognormal its median or its mean (one of them), got ${got}`, params: BARE });
    }
    for (const p of ALL_PARAMS) {
      if (!params.includes(p) && v[p] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [p], message: `is not a parameter of dist ${v.dist} (it takes ${params.join(', ')})`, input: v[p] });
      }
    }
    if (v.dist === 'uniform' && typeof v.min === 'number' && typeof v.max === 'number' && v.max < v.min) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must be >= min (${v.min}ms)`, input: v.max });
    }
    if (v.dist === 'lognormal' && typeof v.median === 'number' && typeof v.sigma === 'number' && v.sigma >= 0 && v.sigma <= LIMITS.sigma) {
      const m = serviceMean({ dist: 'lognormal', median: v.median, sigma: v.sigma });
      if (!(m <= LIMITS.serviceMs)) {
        ctx.addIssue({
          code: 'custom',
          message: `has a mean of ${m.toPrecision(3)}ms (median × e^(sigma²/2)), more than the limit of ${LIMITS.serviceMs}ms; lower the median or sigma`,
          params: BARE,
        });
      }
    }
  })
  .transform((v): ServiceDist => {
    switch (v.dist) {
      case 'constant': return { dist: 'constant', value: v.value ?? 0 };
      case 'uniform': return { dist: 'uniform', min: v.min ?? 0, max: v.max ?? 0 };
      case 'exponential': return { dist: 'exponential', mean: v.mean ?? 0 };
      case 'lognormal': {
        const sigma = v.sigma ?? 0;
        return { dist: 'lognormal', median: v.median ?? (v.mean ?? 0) * Math.exp((-sigma * sigma) / 2), sigma };
      }
      case 'gamma': return { dist: 'gamma', mean: v.mean ?? 0, cs2: v.cs2 ?? 1 };
      case 'empirical': return { dist: 'empirical', values: v.values ?? [] };
    }
  });
