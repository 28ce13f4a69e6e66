import { z } from 'zod';
import { LittlesLawSchema, SweepPredictedSchema, UslFitSchema } from './model-schemas.js';
import { RunPlanSchema, ScenarioRefSchema } from './plan-schema.js';
import { EngineSchema } from './run-result-schema.js';
import { SummarySchema, ThresholdVerdictSchema } from './summary-schema.js';

/** One worker count of a sweep: its summary and verdicts, and where its own results.json is. */
export const SweepRunSchema = z
  .object({
    workers: z.number().int().positive(),
    summary: SummarySchema,
    thresholds: z.array(ThresholdVerdictSchema).readonly(),
    /** Path of that run's results.json, relative to the sweep folder. */
    results: z.string(),
    littlesLaw: LittlesLawSchema.nullable().optional(),
    /** The model's prediction for this run, or null when the run had none. */
    predicted: SweepPredictedSchema.nullable().optional(),
    /** The engine that sent this run's load (as its results.json says); absent in older files. */
    engine: EngineSchema.optional(),
  })
  .readonly();

/** `sweep.json`, schema `caplab.sweep/1`: one plan run once per worker count. */
export const SweepResultSchema = z
  .object({
    schema: z.literal('caplab.sweep/1'),
    scenario: ScenarioRefSchema,
    timeScale: z.number().positive(),
    seed: z.number(),
    startedAt: z.string(),
    /** The plan every run executed, with its own worker count. */
    plan: RunPlanSchema,
    /** The worker counts asked for, in order (runs may be fewer when the sweep was stopped). */
    workers: z.array(z.number().int().positive()).readonly(),
    runs: z.array(SweepRunSchema).readonly(),
    /** Smallest worker count whose run met every threshold, or null. */
    recommended: z.number().int().positive().nullable(),
    /** The first run's `stack.queueFallback`: why the pool ran with the master-held queue; absent when it did not fall back. */
    queueFallback: z.string().optional(),
    /** The offered rate when the scenario is one open phase, else null. */
    offeredRps: z.number().nullable(),
    /** USL fit of throughput against workers (three runs or more), else null. */
    usl: UslFitSchema.nullable(),
    /** What stopped the sweep early; absent when every run was made. */
    aborted: z.string().min(1).optional(),
  })
  .readonly()
  .meta({ title: 'caplab.sweep/1', description: 'A caplab sweep (sweep.json): one plan run once per worker count.' });
