import type { Sampler } from '../random/index.js';
import { iterateSchedule, planStreams, serviceSampler, type PhasePlan, type PhaseStreams, type PlannedRequest, type RunPlan, type TracePhasePlan } from '../scenario/index.js';
import { heldMs } from '../app/index.js';
import { reachesPool, type StaticSiteChoice } from '../routing/index.js';
import type { ArrivalSpec } from './sim/arrival-spec.js';

/** The pool-side workload of a scenario, as the simulator takes it. */
export interface ScenarioWorkload {
  readonly arrivals: ArrivalSpec[];
  /** Why the simulation differs from the run, one line each (may be empty). */
  readonly notes: string[];
}

/**
 * How long one request of the mix holds a worker: its service distribution,
 * else `heldMs` of its path (the app's own overhead is not modelled).
 * Requests that do not reach the pool (`reachesPool`: static files, when
 * the stack has a static directory) return null.
 */
function requestSampler(req: PlannedRequest, site: StaticSiteChoice): Sampler | null {
  if (!reachesPool(req.path, site)) return null;
  if (req.service) return serviceSampler(req.service);
  const held = heldMs(req.path);
  return () => held;
}

/** A phase's mix as one sampler (choose by weight, then draw), and the share that reaches the pool. */
function mixSampler(requests: readonly PlannedRequest[], site: StaticSiteChoice): { sampler: Sampler; poolShare: number } | null {
  const parts = requests.flatMap((r) => {
    const s = requestSampler(r, site);
    return s ? [{ s, w: r.weight }] : [];
  });
  if (parts.length === 0) return null;
  const total = parts.reduce((a, p) => a + p.w, 0);
  const all = requests.reduce((a, r) => a + r.weight, 0);
  if (parts.length === 1) return { sampler: parts[0]!.s, poolShare: total / all };
  const sampler: Sampler = (rng) => {
    let pick = rng.next() * total;
    for (const p of parts) {
      pick -= p.w;
      if (pick < 0) return p.s(rng);
    }
    return parts[parts.length - 1]!.s(rng);
  };
  return { sampler, poolShare: total / all };
}

/**
 * A trace phase as the simulator's trace: each request at its replayed
 * time, holding a worker for what the run will ask of the app (`heldMs`
 * of the path it sends: the logged service time with `send: sample`, 0 for
 * a user's own app, whose times caplab does not know).
 */
function traceArrivals(phase: TracePhasePlan): ArrivalSpec {
  const times: number[] = [];
  const held: number[] = [];
  for (const req of iterateSchedule(phase, planStreams({ seed: 0, phases: [phase] })[0] as PhaseStreams)) {
    times.push(phase.startMs + req.atMs);
    held.push(heldMs(req.path));
  }
  // The simulator draws one service per arrival, in order, for every arrival of a trace; a plan
  // simulates the same spec once per worker count (and replication), so the draws wrap around
  // to the first request when the next simulation starts.
  let next = 0;
  return { kind: 'trace', name: phase.name, timesMs: times, service: () => held[next++ % held.length] ?? 0 };
}

function phaseArrivals(phase: PhasePlan, sampler: Sampler, share: number): ArrivalSpec {
  const common = { name: phase.name, service: sampler, startMs: phase.startMs };
  switch (phase.kind) {
    case 'burst':
      return { kind: 'burst', name: phase.name, service: sampler, count: Math.round(phase.count * share), atMs: phase.startMs };
    case 'open':
      return { ...common, kind: phase.arrival, ratePerSec: phase.rate * share, durationMs: phase.durationMs };
    case 'ramp':
      return {
        ...common,
        kind: 'ramp',
        fromPerSec: phase.from * share,
        toPerSec: phase.to * share,
        durationMs: phase.durationMs,
        process: phase.arrival === 'poisson' ? 'poisson' : 'deterministic',
      };
    case 'trace':
      return traceArrivals(phase);
    case 'closed':
      return {
        ...common,
        kind: 'closed',
        clients: phase.clients,
        thinkTimeMs: phase.thinkTimeMs,
        ...(phase.amount !== null ? { amount: phase.amount } : { durationMs: phase.durationMs }),
      };
  }
}

/**
 * Maps a run plan onto the simulator's arrival processes, phase by phase,
 * at each phase's planned start. Requests for static files are left out
 * (the proxy serves them), and rates are thinned by the share that reaches
 * the pool.
 */
export function scenarioWorkload(plan: RunPlan): ScenarioWorkload {
  const notes: string[] = [];
  const arrivals: ArrivalSpec[] = [];
  for (const phase of plan.phases) {
    const mix = mixSampler(phase.requests, plan.stack);
    if (!mix) {
      notes.push(`${phase.name} only requests static files, which the proxy serves without the pool`);
      continue;
    }
    if (mix.poolShare < 1) notes.push(`${phase.name}: ${Math.round((1 - mix.poolShare) * 100)} % of requests are static files, left out`);
    if (phase.kind === 'trace' && phase.send === 'logged') {
      notes.push(`${phase.name} sends the logged paths (send: logged), whose service times on the app caplab does not know: the prediction holds each worker 0 ms for them`);
    }
    if (phase.kind === 'closed' && mix.poolShare < 1) notes.push(`${phase.name}: closed clients are simulated as if every request reached the pool`);
    arrivals.push(phaseArrivals(phase, mix.sampler, phase.kind === 'closed' ? 1 : mix.poolShare));
  }
  if (plan.phases.some((p, i) => i > 0 && !p.parallel)) {
    notes.push('phases start at their planned times; in a run, a phase also waits for the previous one’s responses');
  }
  return { arrivals, notes };
}
