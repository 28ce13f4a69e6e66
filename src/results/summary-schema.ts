import { z } from 'zod';

/** Distribution summary of one measured quantity. Empty samples give all zeros and count 0. */
export const StatsSchema = z
  .object({
    count: z.number().int().nonnegative(),
    mean: z.number(),
    min: z.number(),
    p50: z.number(),
    p90: z.number(),
    p95: z.number(),
    p99: z.number(),
    max: z.number(),
  })
  .readonly()
  .meta({ id: 'Stats' });

/** What a run (or one phase, or one sweep run) measured, in scenario ms. */
export const SummarySchema = z
  .object({
    count: z.number().int().nonnegative(),
    /** Responses with status < 400. */
    ok: z.number().int().nonnegative(),
    /** Status >= 400 or no response. */
    errors: z.number().int().nonnegative(),
    durationMs: z.number().nonnegative(),
    throughputRps: z.number().nonnegative(),
    latencyMs: StatsSchema,
    queueMs: StatsSchema,
    serviceMs: StatsSchema,
    /** Count per status code, with "0" for no response. */
    status: z.record(z.string(), z.number().int().nonnegative()).readonly(),
  })
  .readonly()
  .meta({ id: 'Summary' });

/** One threshold's verdict: `actual <op> limit`, in the threshold's own unit (ms, or a ratio for rates). */
export const ThresholdVerdictSchema = z
  .object({
    /** The expression as written, e.g. `latency.p99 < 2s`. */
    expr: z.string(),
    ok: z.boolean(),
    actual: z.number(),
    limit: z.number(),
  })
  .readonly()
  .meta({ id: 'ThresholdVerdict' });

/** One load phase's own summary. */
export const PhaseResultSchema = z
  .object({
    name: z.string(),
    kind: z.string(),
    summary: SummarySchema,
  })
  .readonly();
