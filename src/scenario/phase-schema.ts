import { z } from 'zod';
import { LIMITS } from './limits.js';
import { RequestSchema, singlePathMix, type ScenarioRequest } from './request-schema.js';
import { BARE, durationField, exactlyOne, pathField } from './schema-fields.js';
import type { TraceData } from './trace-file.js';

/** How open arrivals are spaced: evenly, or as a Poisson process. */
export type Arrival = 'constant' | 'poisson';

/** The five kinds of load phase. */
export const PHASE_KINDS = ['burst', 'closed', 'open', 'ramp', 'trace'] as const;
/** `burst`, `closed`, `open`, `ramp` or `trace`. */
export type PhaseKind = (typeof PHASE_KINDS)[number];

interface PhaseCommon {
  /** Starts together with the previous phase instead of after it. */
  readonly parallel: boolean;
  /** The weighted mix (a single `path` becomes a one-entry mix). */
  readonly requests: readonly ScenarioRequest[];
}
/** N requests at one instant, each on its own connection. */
export interface BurstPhase extends PhaseCommon { readonly kind: 'burst'; readonly count: number }
/** C clients, each sending its next request when the previous one answered (plus think time). Times in ms. */
export interface ClosedPhase extends PhaseCommon {
  readonly kind: 'closed';
  readonly clients: number;
  readonly duration: number | null;
  readonly amount: number | null;
  readonly thinkTime: number;
}
/** Arrivals at `rate` per second for `duration` ms, not waiting for responses. */
export interface OpenPhase extends PhaseCommon { readonly kind: 'open'; readonly rate: number; readonly arrival: Arrival; readonly duration: number }
/** Open arrivals whose rate moves linearly from `from` to `to` per second over `duration` ms. */
export interface RampPhase extends PhaseCommon {
  readonly kind: 'ramp';
  readonly from: number;
  readonly to: number;
  readonly arrival: Arrival;
  readonly duration: number;
}
/**
 * What a trace replay sends: `sample` turns each request into the sample
 * app's `/sleep?from=<logged path>&ms=<service>` (the embedded stack then
 * holds a worker for the logged service time); `logged` sends the logged
 * method and path (plus `ms=`, which a user's app ignores); `auto` picks
 * `sample` for the sample app and `logged` for any other app or `--wsgi`.
 */
export const TRACE_SEND = ['auto', 'sample', 'logged'] as const;
/** One of TRACE_SEND. */
export type TraceSend = (typeof TRACE_SEND)[number];

/**
 * A logged trace replayed at its arrival times divided by `speed` (2 = twice
 * as fast; service times are unchanged). `file` is the trace file as
 * written (relative to the scenario); `trace` its content, read when the
 * scenario is loaded; `requests` its endpoints, weighted by their counts.
 */
export interface TracePhase extends PhaseCommon {
  readonly kind: 'trace';
  readonly file: string;
  readonly speed: number;
  readonly send: TraceSend;
  readonly trace: TraceData;
}
/** One validated load phase of a scenario's `load` list. */
export type ScenarioPhase = BurstPhase | ClosedPhase | OpenPhase | RampPhase | TracePhase;
/**
 * A `reload: { at }` entry: no load of its own; at `at` ms from the run's
 * start (scaled like every duration) the pool reloads its workers, one by
 * one, while the phases around it keep sending.
 */
export interface ScenarioReload {
  readonly kind: 'reload';
  readonly at: number;
  readonly parallel: false;
  /** Always empty: a reload sends no request. */
  readonly requests: readonly ScenarioRequest[];
}
/** One validated entry of a scenario's `load` list: a phase, or a reload of the pool. */
export type ScenarioLoadEntry = ScenarioPhase | ScenarioReload;

/** Every kind a `load` entry may be: the phases, and `reload`. */
export const LOAD_ENTRY_KINDS = [...PHASE_KINDS, 'reload'] as const;

const target = { path: pathField.optional(), requests: z.array(RequestSchema).min(1).max(LIMITS.mixEntries).optional() };
const arrival = z.enum(['constant', 'poisson']).optional();
const MAX_RATE = 100_000;
const rateField = z.number().gt(0).lte(MAX_RATE).refine((r) => r <= 0 || r >= LIMITS.minRate, {
  message: `must be >= ${LIMITS.minRate} per second (one request per ${1 / LIMITS.minRate} s); a lower rate sends nothing`,
});

function mix(v: { path?: string | undefined; requests?: ScenarioRequest[] | undefined }): ScenarioRequest[] {
  return v.requests ?? singlePathMix(v.path ?? '/');
}

function checkTarget(v: Record<string, unknown>, ctx: z.RefinementCtx): void {
  exactlyOne(v, ['path', 'requests'], ctx, 'either a path or a requests list');
}

/** Refuses a phase expected to send more than LIMITS.phaseRequests, or less than one request (which may send nothing). */
function checkCap(expected: unknown, what: string, ctx: z.RefinementCtx): void {
  if (typeof expected !== 'number' || !Number.isFinite(expected)) return;
  if (expected > LIMITS.phaseRequests) {
    ctx.addIssue({ code: 'custom', message: `expects ${Math.round(expected)} requests (${what}), more than the limit of ${LIMITS.phaseRequests}`, params: BARE });
  } else if (expected < 1) {
    ctx.addIssue({
      code: 'custom',
      message: `expects ${Number(expected.toPrecision(3))} requests (${what}), less than one, so it may send nothing; raise the rate or the duration`,
      params: BARE,
    });
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

const BurstSchema = z
  .strictObject({ count: z.number().int().gte(1).lte(LIMITS.burstCount), ...target })
  .superRefine(checkTarget)
  .transform((v): Omit<BurstPhase, 'parallel'> => ({ kind: 'burst', count: v.count, requests: mix(v) }));

const ClosedSchema = z
  .strictObject({
    clients: z.number().int().gte(1).lte(LIMITS.clients),
    duration: durationField({ exclusive: true }).optional(),
    amount: z.number().int().gte(1).lte(LIMITS.phaseRequests).optional(),
    thinkTime: durationField().optional(),
    ...target,
  })
  .superRefine((v, ctx) => {
    checkTarget(v, ctx);
    exactlyOne(v, ['duration', 'amount'], ctx, 'either a duration or an amount');
    const clients = num(v.clients);
    const amount = num(v.amount);
    if (clients !== undefined && amount !== undefined && amount < clients) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: `must be >= clients (${clients}), so every client sends at least once`, input: amount });
    }
  })
  .transform((v): Omit<ClosedPhase, 'parallel'> => ({
    kind: 'closed',
    clients: v.clients,
    duration: v.duration ?? null,
    amount: v.amount ?? null,
    thinkTime: v.thinkTime ?? 0,
    requests: mix(v),
  }));

const OpenSchema = z
  .strictObject({ rate: rateField, arrival, duration: durationField({ exclusive: true }), ...target })
  .superRefine((v, ctx) => {
    checkTarget(v, ctx);
    const rate = num(v.rate);
    const duration = num(v.duration);
    if (rate !== undefined && duration !== undefined) checkCap((rate * duration) / 1000, 'rate × duration', ctx);
  })
  .transform((v): Omit<OpenPhase, 'parallel'> => ({
    kind: 'open',
    rate: v.rate,
    arrival: v.arrival ?? 'constant',
    duration: v.duration,
    requests: mix(v),
  }));

const RampSchema = z
  .strictObject({ from: z.number().gte(0).lte(MAX_RATE), to: z.number().gte(0).lte(MAX_RATE), arrival, duration: durationField({ exclusive: true }), ...target })
  .superRefine((v, ctx) => {
    checkTarget(v, ctx);
    const from = num(v.from);
    const to = num(v.to);
    const duration = num(v.duration);
    if (from === 0 && to === 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be > 0 when from is 0 (a ramp from 0 to 0 sends nothing)', input: to });
    if (from !== undefined && to !== undefined && duration !== undefined) checkCap((((from + to) / 2) * duration) / 1000, '(from + to) / 2 × duration', ctx);
  })
  .transform((v): Omit<RampPhase, 'parallel'> => ({
    kind: 'ramp',
    from: v.from,
    to: v.to,
    arrival: v.arrival ?? 'constant',
    duration: v.duration,
    requests: mix(v),
  }));

/** `speed: 2x`, `10x`, `0.5x` or a number: how much faster than logged a trace is replayed. */
const speedField = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const m = typeof v === 'number' ? [String(v), String(v)] : /^(\d+(?:\.\d+)?)x$/i.exec(v.trim());
  const speed = m ? Number(m[1]) : Number.NaN;
  if (!(speed >= LIMITS.traceSpeedMin && speed <= LIMITS.traceSpeedMax)) {
    ctx.addIssue({ code: 'custom', message: `must be a speed like 1x, 2x or 10x, from ${LIMITS.traceSpeedMin}x to ${LIMITS.traceSpeedMax}x`, input: v });
    return z.NEVER;
  }
  return speed;
});

/** An empty trace: parseScenario reads the trace file into the phase once the file is validated. */
export const EMPTY_TRACE: TraceData = Object.freeze({ endpoints: [], atMs: [], endpoint: [], serviceMs: [] });

const TraceSchema = z
  .strictObject({
    file: z.string().min(1).max(LIMITS.filePathChars),
    speed: speedField.optional(),
    send: z.enum(TRACE_SEND).optional(),
  })
  .transform((v): Omit<TracePhase, 'parallel'> => ({ kind: 'trace', file: v.file, speed: v.speed ?? 1, send: v.send ?? 'auto', trace: EMPTY_TRACE, requests: [] }));

const ReloadSchema = z.strictObject({ at: durationField() }).transform((v): ScenarioReload => ({ kind: 'reload', at: v.at, parallel: false, requests: [] }));

/**
 * One `load` entry: exactly one of `burst`, `closed`, `open`, `ramp`,
 * `trace`, plus an optional `parallel: true`; or `reload: { at }` (never
 * parallel: it runs at its own time). Arrivals default to `constant` (as
 * k6's constant-arrival-rate), think time to 0.
 */
export const PhaseSchema = z
  .strictObject({
    parallel: z.boolean().optional(),
    burst: BurstSchema.optional(),
    closed: ClosedSchema.optional(),
    open: OpenSchema.optional(),
    ramp: RampSchema.optional(),
    trace: TraceSchema.optional(),
    reload: ReloadSchema.optional(),
  })
  .superRefine((v, ctx) => {
    exactlyOne(v, LOAD_ENTRY_KINDS, ctx, `exactly one of ${LOAD_ENTRY_KINDS.join(', ')}`);
    if (v.reload !== undefined && v.parallel !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['parallel'], message: 'cannot go with reload (a reload runs at its own `at`, alongside whatever phase is running)', input: v.parallel });
    }
  })
  .transform((v): ScenarioLoadEntry => {
    if (v.reload !== undefined) return v.reload;
    const parallel = v.parallel ?? false;
    const body = v.burst ?? v.closed ?? v.open ?? v.ramp ?? v.trace;
    if (body === undefined) throw new Error('unreachable: a phase without a kind passed validation');
    return { ...body, parallel } as ScenarioPhase;
  });
