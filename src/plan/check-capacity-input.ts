import { caplabError } from '../errors.js';
import type { CapacityInput } from './capacity-types.js';
import { SLO_QUANTILE, type Slo } from './parse-slo.js';
import { serviceMeanMs, serviceSpecProblems, type ServiceSpec } from './service-spec.js';

/** A validated `CapacityInput` with defaults filled in and the derived figures the planner uses. */
export interface CapacityConfig {
  readonly ratePerSec: number;
  readonly arrival: 'poisson' | 'constant';
  readonly service: ServiceSpec;
  readonly serviceMs: number;
  readonly slo: Slo;
  readonly listen: number;
  readonly upstreamTimeoutMs: number;
  readonly harakiriMs: number;
  readonly respawnMs: number;
  readonly maxErrorShare: number;
  readonly minWorkers: number;
  readonly maxWorkers: number;
  readonly rowsAfterRecommended: number;
  readonly method: 'analytic' | 'simulated';
  readonly requests: number;
  readonly warmupShare: number;
  readonly seed: number;
}

/**
 * Validates a capacity input, reporting every problem at once with the bad
 * value (E_PLAN_INVALID), and resolves the method: analytic exactly when
 * arrivals are Poisson, service is exponential and neither timeout is set.
 * Asking for 'analytic' where that does not hold is an error.
 */
export function checkCapacityInput(input: CapacityInput): CapacityConfig {
  const problems: string[] = [];
  const check = (ok: boolean, what: string, value: unknown): void => {
    if (!ok) problems.push(`${what}, got ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  };
  const whole = (v: number | undefined, min: number): boolean => v === undefined || (Number.isInteger(v) && v >= min);
  const limit = (v: number | undefined): boolean => v === undefined || v === Infinity || (Number.isFinite(v) && v > 0);
  check(Number.isFinite(input.ratePerSec) && input.ratePerSec > 0, 'ratePerSec must be a finite number > 0', input.ratePerSec);
  check(input.arrival === undefined || input.arrival === 'poisson' || input.arrival === 'constant', "arrival must be 'poisson' or 'constant'", input.arrival);
  problems.push(...serviceSpecProblems(input.service));
  const slo = input.slo as Slo | undefined;
  check(slo !== undefined && (slo.stat === 'mean' || slo.stat in SLO_QUANTILE), 'slo.stat must be p50, p90, p95, p99, p999 or mean', slo?.stat);
  check(slo !== undefined && Number.isFinite(slo.limitMs) && slo.limitMs > 0, 'slo.limitMs must be a finite number > 0', slo?.limitMs);
  check(input.listen === undefined || input.listen === Infinity || whole(input.listen, 0), 'listen must be a whole number ≥ 0 or Infinity', input.listen);
  check(limit(input.upstreamTimeoutMs), 'upstreamTimeoutMs must be > 0 or Infinity', input.upstreamTimeoutMs);
  check(limit(input.harakiriMs), 'harakiriMs must be > 0 or Infinity', input.harakiriMs);
  check(input.respawnMs === undefined || (Number.isFinite(input.respawnMs) && input.respawnMs >= 0), 'respawnMs must be a finite number ≥ 0', input.respawnMs);
  check(input.maxErrorShare === undefined || (input.maxErrorShare >= 0 && input.maxErrorShare <= 1), 'maxErrorShare must be in [0, 1]', input.maxErrorShare);
  check(whole(input.minWorkers, 1), 'minWorkers must be a whole number ≥ 1', input.minWorkers);
  check(whole(input.maxWorkers, 1), 'maxWorkers must be a whole number ≥ 1', input.maxWorkers);
  check(whole(input.rowsAfterRecommended, 0), 'rowsAfterRecommended must be a whole number ≥ 0', input.rowsAfterRecommended);
  check(whole(input.requests, 100), 'requests must be a whole number ≥ 100', input.requests);
  check(input.warmupShare === undefined || (input.warmupShare >= 0 && input.warmupShare < 1), 'warmupShare must be in [0, 1)', input.warmupShare);
  check(input.seed === undefined || Number.isFinite(input.seed), 'seed must be a finite number', input.seed);
  check(input.method === undefined || ['auto', 'analytic', 'simulated'].includes(input.method), "method must be 'auto', 'analytic' or 'simulated'", input.method);
  if (problems.length > 0) throw caplabError('E_PLAN_INVALID', `capacity plan: ${problems.join('; ')}`);

  const arrival = input.arrival ?? 'poisson';
  const upstreamTimeoutMs = input.upstreamTimeoutMs ?? Infinity;
  const harakiriMs = input.harakiriMs ?? Infinity;
  const analyticFits = arrival === 'poisson' && input.service.dist === 'exponential' && upstreamTimeoutMs === Infinity && harakiriMs === Infinity;
  if (input.method === 'analytic' && !analyticFits) {
    throw caplabError('E_PLAN_INVALID', 'capacity plan: the analytic method needs Poisson arrivals, exponential service and no timeouts; use method auto or simulated');
  }
  const serviceMs = serviceMeanMs(input.service);
  const a = (input.ratePerSec / 1000) * serviceMs;
  const minWorkers = input.minWorkers ?? Math.max(1, Math.floor(a));
  const maxWorkers = input.maxWorkers ?? Math.max(64, 4 * Math.ceil(a), minWorkers + 63);
  if (maxWorkers < minWorkers) throw caplabError('E_PLAN_INVALID', `capacity plan: maxWorkers (${maxWorkers}) must be ≥ minWorkers (${minWorkers})`);
  return Object.freeze({
    ratePerSec: input.ratePerSec,
    arrival,
    service: input.service,
    serviceMs,
    slo: input.slo,
    listen: input.listen ?? Infinity,
    upstreamTimeoutMs,
    harakiriMs,
    respawnMs: input.respawnMs ?? 0,
    maxErrorShare: input.maxErrorShare ?? 0.01,
    minWorkers,
    maxWorkers,
    rowsAfterRecommended: input.rowsAfterRecommended ?? 2,
    method: input.method === 'simulated' || !analyticFits ? 'simulated' : 'analytic',
    requests: input.requests ?? 200_000,
    warmupShare: input.warmupShare ?? 0.1,
    seed: input.seed ?? 1,
  });
}
