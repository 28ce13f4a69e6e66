import { z } from 'zod';
import { LIMITS } from './limits.js';
import { BARE, durationField } from './schema-fields.js';

/**
 * A service-time distribution, in scenario ms. One value is drawn per
 * request from the run's seeded generator and sent to the sample app as
 * `?ms=` (see `drawService`). Parameters are at most LIMITS.serviceMs (1 h),
 * the sample app's own limit.
 */
export type ServiceDist =
  | { readonly dist: 'constant'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'exponential'; readonly mean: number }
  | { readonly dist: 'lognormal'; readonly median: number; readonly sigma: number }
  | { readonly dist: 'empirical'; readonly values: readonly number[] };

/** The parameters each distribution takes. */
export const SERVICE_PARAMS = {
  constant: ['value'],
  uniform: ['min', 'max'],
  exponential: ['mean'],
  lognormal: ['median', 'sigma'],
  empirical: ['values'],
} as const;

const DISTS = Object.keys(SERVICE_PARAMS) as (keyof typeof SERVICE_PARAMS)[];
const ALL_PARAMS = ['value', 'min', 'max', 'mean', 'median', 'sigma', 'values'] as const;

type RawService = { dist: keyof typeof SERVICE_PARAMS } & Partial<Record<(typeof ALL_PARAMS)[number], unknown>>;

/**
 * `{dist: constant, value}`, `{dist: uniform, min, max}`, `{dist: exponential, mean}`,
 * `{dist: lognormal, median, sigma}` or `{dist: empirical, values: [...]}`; times are durations.
 */
export const ServiceSchema = z
  .strictObject({
    dist: z.enum(DISTS),
    value: durationField({ max: LIMITS.serviceMs }).optional(),
    min: durationField({ max: LIMITS.serviceMs }).optional(),
    max: durationField({ max: LIMITS.serviceMs }).optional(),
    mean: durationField({ exclusive: true, max: LIMITS.serviceMs }).optional(),
    median: durationField({ exclusive: true, max: LIMITS.serviceMs }).optional(),
    sigma: z.number().gte(0).lte(10).optional(),
    values: z.array(durationField({ max: LIMITS.serviceMs })).min(1).max(100_000).optional(),
  })
  .superRefine((raw, ctx) => {
    const v = raw as RawService;
    const params: readonly string[] | undefined = SERVICE_PARAMS[v.dist];
    if (!params) return;
    for (const p of params) {
      if (v[p as keyof RawService] === undefined) ctx.addIssue({ code: 'custom', path: [p], message: `is required for dist ${v.dist}`, params: BARE });
    }
    for (const p of ALL_PARAMS) {
      if (!params.includes(p) && v[p] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [p], message: `is not a parameter of dist ${v.dist} (it takes ${params.join(', ')})`, input: v[p] });
      }
    }
    if (v.dist === 'uniform' && typeof v.min === 'number' && typeof v.max === 'number' && v.max < v.min) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must be >= min (${v.min}ms)`, input: v.max });
    }
  })
  .transform((v): ServiceDist => {
    switch (v.dist) {
      case 'constant': return { dist: 'constant', value: v.value ?? 0 };
      case 'uniform': return { dist: 'uniform', min: v.min ?? 0, max: v.max ?? 0 };
      case 'exponential': return { dist: 'exponential', mean: v.mean ?? 0 };
      case 'lognormal': return { dist: 'lognormal', median: v.median ?? 0, sigma: v.sigma ?? 0 };
      case 'empirical': return { dist: 'empirical', values: v.values ?? [] };
    }
  });

/** Mean of a distribution, in ms; used by the plan's text. */
export function serviceMean(d: ServiceDist): number {
  switch (d.dist) {
    case 'constant': return d.value;
    case 'uniform': return (d.min + d.max) / 2;
    case 'exponential': return d.mean;
    case 'lognormal': return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case 'empirical': return d.values.reduce((a, b) => a + b, 0) / d.values.length;
  }
}
