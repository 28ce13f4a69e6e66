import { z } from 'zod';

/** Little's law applied to the listen queue, Lq = λ · Wq (see `checkLittlesLaw`). */
export const LittlesLawSchema = z
  .object({
    /** Mean listen-queue depth sampled over the run (L_q, observed). */
    meanQueueLength: z.number(),
    /** Arrivals into the queue per second of scenario time (λ): requests the pool admitted, refusals left out. */
    arrivalRatePerSec: z.number(),
    /** Mean queue wait of the requests, in ms (W_q), less any time their connect took (SYN retries happen before the queue). */
    meanWaitMs: z.number(),
    /** λ · W_q, the queue length Little's law predicts. */
    predictedQueueLength: z.number(),
    /** observed / predicted; 1 when both are ~0, null when it cannot be judged. */
    ratio: z.number().nullable(),
  })
  .readonly()
  .meta({ id: 'LittlesLaw' });

/** What a model or the simulator expects a run to measure (scenario ms); written by plan/'s `predictRun`. */
export const PredictionSchema = z
  .object({
    source: z.enum(['M/M/c/K', 'simulation']),
    workers: z.number().int().positive(),
    /** Offered utilisation ρ = λ·E[S]/c (simulation: measured busy share). */
    utilization: z.number(),
    /** Share of admitted requests that wait at all. */
    pWait: z.number(),
    meanWaitMs: z.number(),
    p99WaitMs: z.number(),
    p50LatencyMs: z.number().nullable(),
    p99LatencyMs: z.number(),
    /** Share of requests refused with 503. */
    refusedShare: z.number(),
    /** Completed requests per second (simulation only). */
    throughputRps: z.number().nullable(),
  })
  .readonly()
  .meta({ id: 'Prediction' });

/**
 * A run's predictions: the exact M/M/c/K figures where they apply (else
 * null), the simulation of the run's exact schedule, and notes on where
 * the simulated workload differs from the run's. Or, when the plan is
 * outside what the simulator accepts, `{ error }` saying why.
 */
export const RunPredictionsSchema = z.union([
  z
    .object({
      analytic: PredictionSchema.nullable(),
      simulated: PredictionSchema,
      notes: z.array(z.string()).readonly(),
    })
    .readonly(),
  z.object({ error: z.string() }).readonly(),
]);

/** The prediction a sweep draws beside one run: the analytic model's where exact, else the simulator's. */
export const SweepPredictedSchema = z
  .object({
    source: z.string().nullable(),
    p50LatencyMs: z.number().nullable(),
    p99LatencyMs: z.number().nullable(),
    meanWaitMs: z.number().nullable(),
    throughputRps: z.number().nullable(),
  })
  .readonly();

/** A Universal Scalability Law fit of throughput against workers, X(N) = λN / (1 + σ(N − 1) + κN(N − 1)). */
export const UslFitSchema = z
  .object({
    lambda: z.number(),
    /** Contention (serialisation) coefficient σ ≥ 0. */
    sigma: z.number(),
    /** Coherency (crosstalk) coefficient κ ≥ 0. */
    kappa: z.number(),
    /** 1 − SSres/SStot of the fitted throughputs. */
    rSquared: z.number(),
    /** N* where throughput peaks; null when there is no finite peak. */
    peakN: z.number().nullable(),
    /** X(N*), or null with `peakN`. */
    peakThroughput: z.number().nullable(),
    /** The fitted X(N) at whole N from 1 up. */
    curve: z.array(z.object({ n: z.number(), throughput: z.number() }).readonly()).readonly(),
  })
  .readonly();
