/**
 * The shapes of caplab's result files, inferred from their zod schemas (the
 * contract; see run-result-schema.ts and sweep-result-schema.ts).
 * `results.json` is a `RunResult` (schema `caplab.run/1`), `sweep.json` a
 * `SweepResult` (`caplab.sweep/1`). All times are in scenario milliseconds:
 * wall-clock times divided by the run's time scale.
 */
import type { z } from 'zod';
import type { LittlesLawSchema, PredictionSchema, RunPredictionsSchema, SweepPredictedSchema, UslFitSchema } from './model-schemas.js';
import type { RequestRecordSchema, TimelinePointSchema } from './request-record-schema.js';
import type { EngineSchema, ListenOverflowSchema, PoolMemorySchema, ObservedSchema, RunResultSchema, StackDescriptionSchema, SynRetrySummarySchema } from './run-result-schema.js';
import type { PhaseResultSchema, StatsSchema, SummarySchema, ThresholdVerdictSchema } from './summary-schema.js';
import type { SweepResultSchema, SweepRunSchema } from './sweep-result-schema.js';
import type { MultiResultSchema, MultiStackErrorSchema, MultiStackRunSchema } from './multi-result-schema.js';

/** One request as the load generator saw it, joined with the app's timing headers. */
export type RequestRecord = z.infer<typeof RequestRecordSchema>;
/** Distribution summary of one measured quantity. Empty samples give all zeros and count 0. */
export type Stats = z.infer<typeof StatsSchema>;
export type Summary = z.infer<typeof SummarySchema>;
/** One sample of the pool's state while a run goes. */
export type TimelinePoint = z.infer<typeof TimelinePointSchema>;
export type ThresholdVerdict = z.infer<typeof ThresholdVerdictSchema>;
export type StackDescription = z.infer<typeof StackDescriptionSchema>;
/** How exactly a pool's listen queue and busy workers could be seen. */
export type Observed = z.infer<typeof ObservedSchema>;
/** The rise of the kernel's system-wide listen counters over a run. */
export type ListenOverflow = z.infer<typeof ListenOverflowSchema>;
/** Requests that waited on a SYN retry. */
export type SynRetrySummary = z.infer<typeof SynRetrySummarySchema>;
export type PhaseResult = z.infer<typeof PhaseResultSchema>;
/** Little's law on the listen queue: Lq = λ · Wq. */
export type LittlesLawCheck = z.infer<typeof LittlesLawSchema>;
/** One model's or the simulator's figures for a run. */
export type Prediction = z.infer<typeof PredictionSchema>;
/** A run's predictions, or `{ error }` when the models could not make any. */
export type RunPredictionsRecord = z.infer<typeof RunPredictionsSchema>;
/** The prediction a sweep draws beside one run. */
export type SweepPredicted = z.infer<typeof SweepPredictedSchema>;
/** A Universal Scalability Law fit, as sweep.json records it. */
export type UslFitRecord = z.infer<typeof UslFitSchema>;
/** The workers' peak RSS over a run's load. */
export type PoolMemory = z.infer<typeof PoolMemorySchema>;
/** Which engine drove a run. */
export type EngineDescription = z.infer<typeof EngineSchema>;
/** `results.json`: one run. */
export type RunResult = z.infer<typeof RunResultSchema>;
export type SweepRun = z.infer<typeof SweepRunSchema>;
/** `sweep.json`: one plan run once per worker count. */
export type SweepResult = z.infer<typeof SweepResultSchema>;
/** `multi.json`: one scenario run on several stacks with the same schedule. */
export type MultiResult = z.infer<typeof MultiResultSchema>;
/** A stack of a multi-stack run that ran. */
export type MultiStackRun = z.infer<typeof MultiStackRunSchema>;
/** A stack of a multi-stack run that did not run, and why. */
export type MultiStackError = z.infer<typeof MultiStackErrorSchema>;
