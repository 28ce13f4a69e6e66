import { z } from 'zod';
import { LIMITS } from './limits.js';
import { bodyField, headersField, pathField } from './schema-fields.js';
import type { ServiceDist } from './service-dist.js';
import { ServiceSchema } from './service-schema.js';

/** HTTP methods a scenario may use. */
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** One entry of a phase's request mix, with every default filled in. */
export interface ScenarioRequest {
  readonly method: (typeof METHODS)[number];
  /** Path and query as written; a drawn service time is appended as `ms=`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  /** Relative weight in the mix, in (0, LIMITS.weight]. */
  readonly weight: number;
  readonly service: ServiceDist | null;
}

/** `{method, path, headers, body, weight, service}`; only `path` is required. */
export const RequestSchema = z
  .strictObject({
    method: z.preprocess((m) => (typeof m === 'string' ? m.toUpperCase() : m), z.enum(METHODS)).optional(),
    path: pathField,
    headers: headersField.optional(),
    body: bodyField.optional(),
    weight: z.number().gt(0).lte(LIMITS.weight).optional(),
    service: ServiceSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.service !== undefined && typeof v.path === 'string' && /[?&]ms=/.test(v.path)) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: 'cannot set ?ms= when the request has a service distribution', input: v.path });
    }
  })
  .transform((v): ScenarioRequest => ({
    method: v.method ?? 'GET',
    path: v.path,
    headers: v.headers ?? {},
    body: v.body ?? null,
    weight: v.weight ?? 1,
    service: v.service ?? null,
  }));

/** The mix a phase sends when it gives a single `path`. */
export function singlePathMix(path: string): ScenarioRequest[] {
  return [{ method: 'GET', path, headers: {}, body: null, weight: 1, service: null }];
}
