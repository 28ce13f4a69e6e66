import { z } from 'zod';

/** A case worth showing: which, how it ended, and its bytes. */
export const FindingSchema = z.object({
  target: z.string(),
  id: z.number().int(),
  origin: z.enum(['valid', 'mutated', 'random']),
  finish: z.enum(['end', 'open']),
  outcome: z.string(),
  /** The case's bytes, base64 (also rebuilt by `makeCase` from its target's stream seed and `id`). */
  bytesBase64: z.string(),
  /** The first bytes, latin1, JSON-quoted, for reading. */
  preview: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** A crash: a role process gone, or a worker respawned, between two health checks. */
export const CrashSchema = z.object({
  target: z.string(),
  what: z.string(),
  /** Ids of the cases sent since the previous health check (one of them did it). */
  firstId: z.number().int(),
  lastId: z.number().int(),
  /** The case that did it, when replaying the window one case at a time found it. */
  culprit: FindingSchema.nullable(),
});
export type Crash = z.infer<typeof CrashSchema>;

export const TargetReportSchema = z.object({
  target: z.string(),
  /** The seed of this target's case stream: `makeCase(seed, protocol, id)` rebuilds any of its cases. */
  seed: z.number().int(),
  queue: z.string(),
  queueFallback: z.string().nullable(),
  cases: z.number().int(),
  byOrigin: z.record(z.string(), z.number().int()),
  outcomes: z.record(z.string(), z.number().int()),
  /** Count of first final status codes among answered cases. */
  statuses: z.record(z.string(), z.number().int()),
  respawns: z.number().int(),
  appExceptions: z.number().int(),
  /** Valid cases that were closed or reset without an answer. */
  unanswered: z.number().int(),
});
export type TargetReport = z.infer<typeof TargetReportSchema>;

const Range = z.object({ start: z.number(), end: z.number(), max: z.number() });

/** One process followed through the soak. */
export const ProcessTrackSchema = z.object({
  role: z.string(),
  pid: z.number().int(),
  rssKiB: Range,
  fds: Range,
  samples: z.number().int(),
});
export type ProcessTrack = z.infer<typeof ProcessTrackSchema>;

export const SoakReportSchema = z.object({
  requests: z.number().int(),
  ok: z.number().int(),
  failed: z.number().int(),
  statuses: z.record(z.string(), z.number().int()),
  errors: z.record(z.string(), z.number().int()),
  seconds: z.number(),
  requestsPerSecond: z.number(),
  respawns: z.number().int(),
  dead: z.array(z.string()),
  processes: z.array(ProcessTrackSchema),
});
export type SoakReport = z.infer<typeof SoakReportSchema>;

/** reports/fuzz/fuzz.json: the outcome of `npm run fuzz`. */
export const FuzzSummarySchema = z.object({
  schema: z.literal('caplab.fuzz/1'),
  seed: z.number().int(),
  startedAt: z.string(),
  seconds: z.number(),
  fuzz: z.object({
    cases: z.number().int(),
    crashes: z.number().int(),
    hangs: z.number().int(),
    wrong: z.number().int(),
    unanswered: z.number().int(),
    targets: z.array(TargetReportSchema),
    crashList: z.array(CrashSchema),
    /** Up to 20 of each kind. */
    hangSamples: z.array(FindingSchema),
    wrongSamples: z.array(FindingSchema),
    unansweredSamples: z.array(FindingSchema),
  }),
  soak: SoakReportSchema.nullable(),
  /** True when no crash, hang or wrong answer was seen and the soak lost no request. */
  ok: z.boolean(),
});
export type FuzzSummary = z.infer<typeof FuzzSummarySchema>;
