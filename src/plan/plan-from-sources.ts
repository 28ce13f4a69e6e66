import { PLAN_DEFAULTS } from '../config/index.js';
import type { RunResult } from '../results/index.js';
import type { RunPlan, ServiceDist } from '../scenario/index.js';
import { reachesPool } from '../routing/index.js';
import type { CapacityPlan, ResourceLimits } from './capacity-types.js';
import type { Slo } from './parse-slo.js';
import { planCapacity } from './plan-capacity.js';
import { planScenario, type ScenarioCapacityPlan } from './plan-scenario.js';
import { PlanInputError } from './plan-input-error.js';

/** Everything `caplab plan` can be told; at least a rate and a service, or a scenario, or a results file. */
export interface PlanSources {
  readonly slo: Slo;
  readonly scenario?: RunPlan;
  /** A measured run whose service times stand in for the service distribution. */
  readonly fromResult?: RunResult;
  readonly ratePerSec?: number;
  readonly service?: ServiceDist;
  readonly listen?: number;
  readonly upstreamTimeoutMs?: number;
  readonly harakiriMs?: number;
  readonly maxWorkers?: number;
  readonly method?: 'auto' | 'analytic' | 'simulated';
  readonly seed?: number;
  /** Ca² of the arrivals (see `CapacityInput.arrivalScv`); not for whole-scenario plans. */
  readonly arrivalScv?: number;
  readonly requests?: number;
  readonly replications?: number;
  readonly limits?: ResourceLimits;
  readonly ruleOfThumbCores?: number;
  /** Threads per worker (uWSGI's `threads`); a scenario's own `stack.threads` otherwise, else 1. */
  readonly threads?: number;
}

/** A plan for a rate and a service law, or for a whole scenario; both carry `notes`. */
export type AnyCapacityPlan = CapacityPlan | ScenarioCapacityPlan;

/** The one open phase of a scenario and its one service law, when the scenario is that simple. */
function singleStream(plan: RunPlan): { rate: number; arrival: 'poisson' | 'constant'; service: ServiceDist } | null {
  if (plan.phases.length !== 1) return null;
  const phase = plan.phases[0]!;
  if (phase.kind !== 'open') return null;
  const dynamic = phase.requests.filter((r) => reachesPool(r.path, plan.stack));
  const first = dynamic[0];
  if (!first?.service || dynamic.some((r) => JSON.stringify(r.service) !== JSON.stringify(first.service))) return null;
  const share = dynamic.reduce((a, r) => a + r.weight, 0) / phase.requests.reduce((a, r) => a + r.weight, 0);
  return { rate: phase.rate * share, arrival: phase.arrival, service: first.service };
}

/**
 * Resolves what the user gave into one capacity plan:
 * - `--rate` and `--service`: planCapacity (analytic where exact);
 * - `--from results.json`: the run's measured service times, resampled, at
 *   `--rate` or the run's own arrival rate;
 * - a scenario with one open phase and one service law: planCapacity at its
 *   rate (`--rate` overrides), with its listen queue;
 * - any other scenario: planScenario, simulating the whole workload.
 * Throws E_PLAN_INVALID (a `PlanInputError`) naming the missing fields.
 */
export function planFromSources(src: PlanSources): AnyCapacityPlan {
  const common = {
    slo: src.slo,
    ...(src.maxWorkers !== undefined ? { maxWorkers: src.maxWorkers } : {}),
    ...(src.upstreamTimeoutMs !== undefined ? { upstreamTimeoutMs: src.upstreamTimeoutMs } : {}),
    ...(src.harakiriMs !== undefined ? { harakiriMs: src.harakiriMs } : {}),
    ...(src.method !== undefined ? { method: src.method } : {}),
    ...(src.seed !== undefined ? { seed: src.seed } : {}),
    ...(src.arrivalScv !== undefined ? { arrivalScv: src.arrivalScv } : {}),
    ...(src.requests !== undefined ? { requests: src.requests } : {}),
    ...(src.replications !== undefined ? { replications: src.replications } : {}),
    ...(src.limits !== undefined ? { limits: src.limits } : {}),
    ...(src.ruleOfThumbCores !== undefined ? { ruleOfThumbCores: src.ruleOfThumbCores } : {}),
    ...(src.threads !== undefined ? { threads: src.threads } : {}),
  };
  if (src.scenario) {
    const stream = singleStream(src.scenario);
    if (!stream) {
      const simulatedOnly = (
        [
          ['arrivalScv', src.arrivalScv],
          ['requests', src.requests],
          ['replications', src.replications],
          ['memoryBytes', src.limits?.memoryBytes],
          ['cores', src.limits?.cores],
          ['dbConnections', src.limits?.dbConnections],
        ] as const
      ).find(([, v]) => v !== undefined);
      if (simulatedOnly) {
        throw new PlanInputError(
          'E_PLAN_INVALID',
          `{${simulatedOnly[0]}} applies only to plans for one arrival stream; ${src.scenario.scenario.name} is planned by replaying its whole workload once`,
        );
      }
      if (src.ratePerSec !== undefined || src.service !== undefined) {
        throw new PlanInputError(
          'E_PLAN_INVALID',
          `{ratePerSec} and {service} apply only to scenarios with one open phase and one service distribution; ${src.scenario.scenario.name} is planned by simulating its whole workload`,
        );
      }
      const scenario = src.threads === undefined ? src.scenario : { ...src.scenario, stack: { ...src.scenario.stack, threads: src.threads } };
      return planScenario(scenario, { slo: src.slo, maxWorkers: src.maxWorkers ?? PLAN_DEFAULTS.maxWorkers });
    }
    return planCapacity({
      ...common,
      ratePerSec: src.ratePerSec ?? stream.rate,
      arrival: stream.arrival,
      service: src.service ?? stream.service,
      listen: src.listen ?? src.scenario.stack.listen,
      threads: src.threads ?? src.scenario.stack.threads,
    });
  }
  let service = src.service;
  let rate = src.ratePerSec;
  if (src.fromResult) {
    const samples = src.fromResult.requests.flatMap((r) => (r.serviceMs !== null && r.status > 0 && r.status < 400 ? [r.serviceMs] : []));
    if (samples.length === 0) throw new PlanInputError('E_PLAN_INVALID', '{fromResult}: the results have no successful request with a measured service time');
    service ??= { dist: 'empirical', values: samples };
    const s = src.fromResult.summary;
    rate ??= s.durationMs > 0 ? (s.count * 1000) / s.durationMs : undefined;
  }
  if (rate === undefined || service === undefined) {
    const missing = [rate === undefined ? '{ratePerSec}' : '', service === undefined ? '{service}' : ''].filter((f) => f !== '').join(' and ');
    throw new PlanInputError('E_PLAN_INVALID', `a plan needs ${missing}, or {fromResult} (a results.json), or a scenario`);
  }
  return planCapacity({ ...common, ratePerSec: rate, service, ...(src.listen !== undefined ? { listen: src.listen } : {}) });
}
