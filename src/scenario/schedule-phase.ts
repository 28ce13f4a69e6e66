import { constantArrivals, poissonArrivals, rampArrivals } from './arrivals.js';
import type { PhasePlan, RunPlan } from './plan-types.js';
import { createRequestSource, withServiceMs, type RequestSpec } from './request-source.js';
import { createRng, type Rng } from '../random/index.js';

/** A request with the time it is meant to leave, in scenario ms from its phase's start. */
export interface ScheduledRequest extends RequestSpec {
  readonly atMs: number;
}

/** The two streams a phase draws from: one for arrival times, one for the requests (mix and service). */
export interface PhaseStreams {
  readonly arrivals: Rng;
  readonly requests: Rng;
}

/** Splits one generator into a phase's two streams (two draws from `rng`). */
export function splitStreams(rng: Rng): PhaseStreams {
  return { arrivals: createRng(rng.nextUint32()), requests: createRng(rng.nextUint32()) };
}

/**
 * Every phase's streams for a run, derived from the one generator seeded
 * with `seed`: phase i gets the i-th draw of that generator as its own
 * seed. So a phase's schedule depends only on the seed and its position,
 * and parallel phases cannot disturb each other's draws.
 */
export function planStreams(plan: Pick<RunPlan, 'seed' | 'phases'>): PhaseStreams[] {
  const root = createRng(plan.seed);
  return plan.phases.map(() => splitStreams(createRng(root.nextUint32())));
}

/** A phase's arrival offsets in ms: `count` zeros for a burst, none for a closed phase. */
export function* phaseArrivals(phase: PhasePlan, rng: Rng): Generator<number> {
  switch (phase.kind) {
    case 'burst':
      for (let i = 0; i < phase.count; i += 1) yield 0;
      return;
    case 'open':
      yield* phase.arrival === 'poisson' ? poissonArrivals(phase.rate, phase.durationMs, rng) : constantArrivals(phase.rate, phase.durationMs);
      return;
    case 'ramp':
      yield* rampArrivals(phase.from, phase.to, phase.durationMs, phase.arrival, rng);
      return;
    case 'trace':
      for (const at of phase.trace.atMs) yield at / phase.speed;
      return;
    case 'closed':
      return;
  }
}

/** What a `send: sample` replay sends for a logged path (before `ms=`): the sample app's /sleep, the logged path kept as `from=`. */
export function traceSamplePath(loggedPath: string): string {
  return `/sleep?from=${encodeURIComponent(loggedPath)}`;
}

/**
 * A trace phase's requests in trace order: the logged method, the path
 * `send` asks for, and the logged service time as `ms=`. Draws nothing.
 */
function* traceRequests(phase: Extract<PhasePlan, { kind: 'trace' }>): Generator<RequestSpec> {
  const { trace } = phase;
  const paths = trace.endpoints.map((e) => (phase.send === 'sample' ? traceSamplePath(e.path) : e.path));
  for (let i = 0; i < trace.atMs.length; i += 1) {
    const ep = trace.endpoint[i] as number;
    const method = trace.endpoints[ep]?.method ?? 'GET';
    yield { method, path: withServiceMs(paths[ep] as string, trace.serviceMs[i] as number), headers: {}, body: null };
  }
}

/** The schedule of a burst, open or ramp phase, lazily, in time order (a closed phase has none). */
export function* iterateSchedule(phase: PhasePlan, streams: PhaseStreams): Generator<ScheduledRequest> {
  if (phase.kind === 'closed') return;
  if (phase.kind === 'trace') {
    const requests = traceRequests(phase);
    for (const atMs of phaseArrivals(phase, streams.arrivals)) yield { atMs, ...(requests.next().value as RequestSpec) };
    return;
  }
  const next = createRequestSource(phase.requests, streams.requests);
  for (const atMs of phaseArrivals(phase, streams.arrivals)) yield { atMs, ...next() };
}

/** The whole schedule of one phase; deterministic for a given `rng` state. Empty for closed phases. */
export function schedulePhase(phase: PhasePlan, rng: Rng): ScheduledRequest[] {
  return [...iterateSchedule(phase, splitStreams(rng))];
}

/** One phase's schedule inside a run's schedule. */
export interface PhaseSchedule {
  readonly phase: string;
  readonly requests: readonly ScheduledRequest[];
}

/**
 * Every phase's schedule for a plan, exactly as `runLoad` will send it:
 * the same seed always gives the same times, paths and service draws.
 */
export function buildSchedule(plan: Pick<RunPlan, 'seed' | 'phases'>): PhaseSchedule[] {
  const streams = planStreams(plan);
  return plan.phases.map((phase, i) => ({ phase: phase.name, requests: [...iterateSchedule(phase, streams[i] as PhaseStreams)] }));
}
