/**
 * results/: the results contract (zod schemas `caplab.run/1` and
 * `caplab.sweep/1` with their inferred types), reading result files,
 * histograms, summaries, threshold verdicts and the Little's law check.
 */
export type * from './types.js';
export { RunResultSchema, PoolMemorySchema, POOL_MEMORY_SOURCES, EngineSchema, ENGINE_NAMES, StackDescriptionSchema, ObservedSchema, ListenOverflowSchema, SynRetrySummarySchema } from './run-result-schema.js';
export { SweepResultSchema, SweepRunSchema } from './sweep-result-schema.js';
export { MultiResultSchema, MultiStackRunSchema, MultiStackErrorSchema } from './multi-result-schema.js';
export { RunPlanSchema } from './plan-schema.js';
export { LittlesLawSchema, PredictionSchema, RunPredictionsSchema, SweepPredictedSchema, UslFitSchema } from './model-schemas.js';
export { resultJsonSchemas, formatJsonSchema } from './json-schemas.js';
export { summarizeStats, EMPTY_STATS, round3 } from './summarize-stats.js';
export { summarizeRequests, isOk } from './summarize-requests.js';
export { summarizePhases } from './summarize-phases.js';
export { sampleRecords } from './sample-records.js';
export { checkLittlesLaw } from './littles-law.js';
export { evaluateThreshold, thresholdActual } from './evaluate-threshold.js';
export { readResultFile, parseResult } from './read-result-file.js';
export { overflowBetween } from './overflow-between.js';
export { summarizeSynRetries, SYN_RETRY_WALL_MS } from './summarize-syn-retries.js';
export { ReloadRecordSchema, countReloadFailures, type ReloadRecord, type ReloadTiming } from './reload-schema.js';
