import { caplabError } from '../errors.js';
import { drainWallMs, groupPhases, phaseBudgetWallMs } from '../load/index.js';
import { buildSchedule, LIMITS, type PhasePlan, type PlannedRequest, type RunPlan, type ScheduledRequest, type ServiceDist } from '../scenario/index.js';

/** What one request of a scheduled phase sends besides its path. */
export interface LocustRequestShape {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

/**
 * Burst, open and ramp phases: caplab's own schedule (`buildSchedule`), as
 * data. Each entry is `[wall seconds from the group's start, index into
 * mix, path with its drawn ms=]`.
 */
export interface LocustScheduledPhase {
  readonly name: string;
  readonly kind: 'scheduled';
  readonly budgetS: number;
  readonly mix: readonly LocustRequestShape[];
  readonly schedule: readonly (readonly [number, number, string])[];
}

/** A closed phase: `clients` virtual users (greenlets) with think time, the mix drawn in Python from the same distributions. */
export interface LocustClosedPhase {
  readonly name: string;
  readonly kind: 'closed';
  readonly clients: number;
  readonly amount: number | null;
  readonly durationS: number;
  readonly thinkS: number;
  readonly budgetS: number;
  readonly seed: number;
  readonly mix: readonly (LocustRequestShape & { readonly path: string; readonly weight: number; readonly service: ServiceDist | null })[];
}

export type LocustPhase = LocustScheduledPhase | LocustClosedPhase;

/** The data a locustfile carries: every time in wall seconds (scenario time × time scale). */
export interface LocustPlan {
  readonly scenario: string;
  readonly seed: number;
  readonly timeScale: number;
  /** The default target (`--host` overrides it). */
  readonly host: string;
  /** How long one request may take before it is given up (caplab's drain). */
  readonly drainS: number;
  /** The sum of every group's budget: after this the shape stops the test whatever happened. */
  readonly hardLimitS: number;
  readonly maxServiceMs: number;
  /** Phase indices that start together; groups run one after another. */
  readonly groups: readonly (readonly number[])[];
  readonly phases: readonly LocustPhase[];
}

/** How each phase kind runs on Locust, for the export's README and `--dry-run`. */
export type LocustFidelity = 'exact' | 'approximate';

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function scheduled(phase: PhasePlan, requests: readonly ScheduledRequest[], plan: RunPlan): LocustScheduledPhase {
  const mix: LocustRequestShape[] = [];
  const index = new Map<string, number>();
  const schedule = requests.map((r): [number, number, string] => {
    const key = JSON.stringify([r.method, r.headers, r.body]);
    let i = index.get(key);
    if (i === undefined) {
      i = mix.push({ method: r.method, headers: r.headers, body: r.body }) - 1;
      index.set(key, i);
    }
    return [round6((r.atMs * plan.timeScale) / 1000), i, r.path];
  });
  return { name: phase.name, kind: 'scheduled', budgetS: round6(phaseBudgetWallMs(plan, phase) / 1000), mix, schedule };
}

function closedMix(requests: readonly PlannedRequest[]): LocustClosedPhase['mix'] {
  return requests.map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: r.body, weight: r.weight, service: r.service }));
}

/**
 * How a phase kind runs on Locust. Scheduled kinds send caplab's own
 * schedule at its planned times (exact); closed phases are virtual users
 * (greenlets) with think time whose mix and service times are drawn by Python's generator
 * from the same distributions (approximate: other draws, other order).
 * Exhaustive: a new phase kind must say here whether Locust can run it.
 */
export function locustFidelity(phase: PhasePlan): LocustFidelity {
  switch (phase.kind) {
    case 'burst':
    case 'open':
    case 'ramp':
    case 'trace':
      return 'exact';
    case 'closed':
      return 'approximate';
    default:
      return refuse(phase satisfies never);
  }
}

/**
 * The one refusal for a phase Locust cannot run. The switches over phase
 * kinds here are exhaustive (`satisfies never`): a kind added to caplab
 * does not compile until it has a case. A kind whose requests come from
 * `buildSchedule` joins the scheduled cases (exact); one Locust cannot
 * reproduce (a change to the stack mid-run, say) gets `return refuse(phase)`.
 */
function refuse(phase: { readonly name: string; readonly kind: string }): never {
  throw caplabError('E_LOCUST_UNSUPPORTED', `phase ${phase.name} (${phase.kind}) cannot run on Locust`, {
    hint: 'run it on caplab\'s own engine (--engine caplab), or drop the phase for the Locust run',
  });
}

/**
 * Turns a run plan into the data of its locustfile: caplab's exact
 * schedule for burst, open, ramp and trace phases (the same seed gives the same
 * times, paths and service draws as `caplab run`), closed phases as their
 * parameters, each phase's deadline budget as caplab's own engine computes
 * it, and the groups of phases that run together. Throws
 * E_LOCUST_UNSUPPORTED for a phase kind Locust cannot run.
 */
export function locustPlan(plan: RunPlan, host: string): LocustPlan {
  const schedules = buildSchedule(plan);
  const phases = plan.phases.map((phase, i): LocustPhase => {
    switch (phase.kind) {
      case 'burst':
      case 'open':
      case 'ramp':
      case 'trace':
        return scheduled(phase, schedules[i]?.requests ?? [], plan);
      case 'closed':
        return {
          name: phase.name,
          kind: 'closed',
          clients: phase.clients,
          amount: phase.amount,
          durationS: round6((phase.durationMs * plan.timeScale) / 1000),
          thinkS: round6((phase.thinkTimeMs * plan.timeScale) / 1000),
          budgetS: round6(phaseBudgetWallMs(plan, phase) / 1000),
          seed: plan.seed * 1000 + phase.index,
          mix: closedMix(phase.requests),
        };
      default:
        return refuse(phase satisfies never);
    }
  });
  const groups = groupPhases(plan.phases).map((g) => g.map((p) => p.index));
  const hardLimitS = groups.reduce((sum, g) => sum + Math.max(...g.map((i) => phases[i]?.budgetS ?? 0)), 0);
  return {
    scenario: plan.scenario.name,
    seed: plan.seed,
    timeScale: plan.timeScale,
    host,
    drainS: round6(drainWallMs(plan) / 1000),
    hardLimitS: round6(hardLimitS),
    maxServiceMs: LIMITS.serviceMs,
    groups,
    phases,
  };
}
