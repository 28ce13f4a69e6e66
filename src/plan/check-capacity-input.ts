import { formatIssues, PLAN_DEFAULTS } from '../config/index.js';
import { ServiceSchema, serviceMean, serviceScv, type ServiceDist } from '../scenario/index.js';
import type { CapacityInput, ResourceLimits } from './capacity-types.js';
import { SLO_QUANTILE, type Slo } from './parse-slo.js';
import { PlanInputError } from './plan-input-error.js';
import { limitProblems } from './resource-limits.js';

/** A validated `CapacityInput` with defaults filled in and the derived figures the planner uses. */
export interface CapacityConfig {
  readonly ratePerSec: number;
  /** 'renewal' is gamma gaps with Ca² `arrivalScv`. */
  readonly arrival: 'poisson' | 'constant' | 'renewal';
  readonly service: ServiceDist;
  readonly serviceMs: number;
  /** Squared coefficients of variation: Ca² of the inter-arrival times (1 Poisson, 0 constant) and Cs² of the service times. */
  readonly arrivalScv: number;
  readonly serviceScv: number;
  readonly slo: Slo;
  readonly listen: number;
  readonly upstreamTimeoutMs: number;
  readonly harakiriMs: number;
  readonly respawnMs: number;
  readonly maxErrorShare: number;
  readonly minWorkers: number;
  readonly maxWorkers: number;
  /** The offered load a = λ·E[S] in Erlangs; a pool needs more than a workers to be stable. */
  readonly offeredLoad: number;
  /** True when `maxWorkers` is below what the load needs (⌊a⌋ workers or fewer): no row can be stable. */
  readonly tooFewWorkers: boolean;
  readonly rowsAfterRecommended: number;
  readonly method: 'analytic' | 'simulated';
  readonly requests: number;
  readonly replications: number;
  readonly warmupShare: number;
  readonly seed: number;
  readonly limits: ResourceLimits;
  readonly ruleOfThumbCores: number | null;
}

/**
 * Validates a capacity input, reporting every problem at once with the bad
 * value (E_PLAN_INVALID, fields named as in `CapacityInput`, see
 * `PlanInputError`), and resolves the method: analytic exactly when arrivals
 * are Poisson, service is exponential and neither timeout is set. Asking
 * for 'analytic' where that does not hold is an error. A `maxWorkers`
 * below the load's need is not: the plan then says how many are needed.
 */
export function checkCapacityInput(input: CapacityInput): CapacityConfig {
  const problems: string[] = [];
  const check = (ok: boolean, what: string, value: unknown): void => {
    if (!ok) problems.push(`${what}, got ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  };
  const whole = (v: number | undefined, min: number): boolean => v === undefined || (Number.isInteger(v) && v >= min);
  const limit = (v: number | undefined): boolean => v === undefined || v === Infinity || (Number.isFinite(v) && v > 0);
  check(Number.isFinite(input.ratePerSec) && input.ratePerSec > 0, '{ratePerSec} must be a finite number > 0', input.ratePerSec);
  check(input.arrival === undefined || input.arrival === 'poisson' || input.arrival === 'constant', "arrival must be 'poisson' or 'constant'", input.arrival);
  check(input.arrivalScv === undefined || (Number.isFinite(input.arrivalScv) && input.arrivalScv >= 0 && input.arrivalScv <= PLAN_DEFAULTS.maxArrivalScv), `{arrivalScv} must be a number from 0 to ${PLAN_DEFAULTS.maxArrivalScv}`, input.arrivalScv);
  const service = ServiceSchema.safeParse(input.service, { reportInput: true });
  if (!service.success) problems.push(...formatIssues(service.error.issues, { nameOf: (p) => ['{service}', ...p.map(String)].join('.') }));
  const slo = input.slo as Slo | undefined;
  check(slo !== undefined && (slo.stat === 'mean' || slo.stat in SLO_QUANTILE), '{slo} stat must be p50, p90, p95, p99, p999 or mean', slo?.stat);
  check(slo !== undefined && Number.isFinite(slo.limitMs) && slo.limitMs > 0, '{slo} limit must be a finite number of ms > 0', slo?.limitMs);
  check(input.listen === undefined || input.listen === Infinity || whole(input.listen, 0), '{listen} must be a whole number ≥ 0 or Infinity', input.listen);
  check(limit(input.upstreamTimeoutMs), '{upstreamTimeoutMs} must be > 0 or Infinity', input.upstreamTimeoutMs);
  check(limit(input.harakiriMs), '{harakiriMs} must be > 0 or Infinity', input.harakiriMs);
  check(input.respawnMs === undefined || (Number.isFinite(input.respawnMs) && input.respawnMs >= 0), 'respawnMs must be a finite number ≥ 0', input.respawnMs);
  check(input.maxErrorShare === undefined || (input.maxErrorShare >= 0 && input.maxErrorShare <= 1), 'maxErrorShare must be in [0, 1]', input.maxErrorShare);
  check(whole(input.minWorkers, 1), '{minWorkers} must be a whole number ≥ 1', input.minWorkers);
  check(whole(input.maxWorkers, 1) && (input.maxWorkers ?? 0) <= PLAN_DEFAULTS.maxWorkersLimit, `{maxWorkers} must be a whole number from 1 to ${PLAN_DEFAULTS.maxWorkersLimit}`, input.maxWorkers);
  check(whole(input.rowsAfterRecommended, 0), 'rowsAfterRecommended must be a whole number ≥ 0', input.rowsAfterRecommended);
  check(whole(input.requests, 100), '{requests} must be a whole number ≥ 100', input.requests);
  check(whole(input.replications, 2) && (input.replications ?? 0) <= PLAN_DEFAULTS.maxReplications, `{replications} must be a whole number from 2 to ${PLAN_DEFAULTS.maxReplications}`, input.replications);
  check(input.replications === undefined || input.requests === undefined || input.requests >= 50 * input.replications, '{requests} must be at least 50 per replication', input.requests);
  problems.push(...limitProblems(input.limits ?? {}));
  check(input.ruleOfThumbCores === undefined || whole(input.ruleOfThumbCores, 1), 'ruleOfThumbCores must be a whole number ≥ 1', input.ruleOfThumbCores);
  check(input.warmupShare === undefined || (input.warmupShare >= 0 && input.warmupShare < 1), 'warmupShare must be in [0, 1)', input.warmupShare);
  check(input.seed === undefined || Number.isFinite(input.seed), '{seed} must be a finite number', input.seed);
  check(input.method === undefined || ['auto', 'analytic', 'simulated'].includes(input.method), "{method} must be 'auto', 'analytic' or 'simulated'", input.method);
  if (problems.length > 0 || !service.success) throw new PlanInputError('E_PLAN_INVALID', `capacity plan: ${problems.join('; ')}`);

  const dist = service.data;
  const scv = input.arrivalScv;
  const arrival = scv === undefined ? (input.arrival ?? 'poisson') : scv === 1 ? 'poisson' : scv === 0 ? 'constant' : 'renewal';
  const upstreamTimeoutMs = input.upstreamTimeoutMs ?? Infinity;
  const harakiriMs = input.harakiriMs ?? Infinity;
  const analyticFits = arrival === 'poisson' && dist.dist === 'exponential' && upstreamTimeoutMs === Infinity && harakiriMs === Infinity;
  if (input.method === 'analytic' && !analyticFits) {
    throw new PlanInputError('E_PLAN_INVALID', 'capacity plan: the analytic {method} needs Poisson arrivals, exponential service and no timeouts; use auto or simulated');
  }
  const serviceMs = serviceMean(dist);
  const a = (input.ratePerSec / 1000) * serviceMs;
  const neededMin = Math.max(1, Math.floor(a));
  const maxWorkers = input.maxWorkers ?? Math.max(PLAN_DEFAULTS.maxWorkers, 4 * Math.ceil(a), (input.minWorkers ?? neededMin) + PLAN_DEFAULTS.maxWorkers - 1);
  const tooFewWorkers = input.minWorkers === undefined && maxWorkers <= Math.floor(a);
  const minWorkers = input.minWorkers ?? (tooFewWorkers ? maxWorkers : neededMin);
  if (maxWorkers < minWorkers) throw new PlanInputError('E_PLAN_INVALID', `capacity plan: {maxWorkers} (${maxWorkers}) must be ≥ {minWorkers} (${minWorkers})`);
  return Object.freeze({
    ratePerSec: input.ratePerSec,
    arrival,
    service: dist,
    serviceMs,
    arrivalScv: scv ?? (arrival === 'poisson' ? 1 : 0),
    serviceScv: serviceScv(dist),
    slo: input.slo,
    listen: input.listen ?? Infinity,
    upstreamTimeoutMs,
    harakiriMs,
    respawnMs: input.respawnMs ?? 0,
    maxErrorShare: input.maxErrorShare ?? PLAN_DEFAULTS.maxErrorShare,
    minWorkers,
    maxWorkers,
    offeredLoad: a,
    tooFewWorkers,
    rowsAfterRecommended: input.rowsAfterRecommended ?? PLAN_DEFAULTS.rowsAfterRecommended,
    method: input.method === 'simulated' || !analyticFits ? 'simulated' : 'analytic',
    requests: input.requests ?? PLAN_DEFAULTS.requests,
    replications: input.replications ?? PLAN_DEFAULTS.replications,
    limits: Object.freeze({ ...input.limits }),
    ruleOfThumbCores: input.ruleOfThumbCores ?? input.limits?.cores ?? null,
    warmupShare: input.warmupShare ?? PLAN_DEFAULTS.warmupShare,
    seed: input.seed ?? PLAN_DEFAULTS.seed,
  });
}
