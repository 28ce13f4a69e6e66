import { caplabError } from '../../errors.js';
import type { ArrivalSpec } from './arrival-spec.js';
import type { Sampler } from '../../random/index.js';
import type { SimulationInput } from './simulation-types.js';

/** A validated simulation input with every default filled in. */
export interface SimConfig {
  readonly workers: number;
  readonly listen: number;
  readonly seed: number;
  readonly harakiriMs: number;
  readonly respawnMs: number;
  readonly upstreamTimeoutMs: number;
  readonly warmupMs: number;
  readonly records: boolean;
  readonly exactLimit: number;
  readonly maxRequests: number;
  /** Threads per worker; the pool has workers × threads servers. */
  readonly threads: number;
  /** Requests a server serves between two recycles (⌈recycleAfter / threads⌉), or Infinity. */
  readonly recycleEvery: number;
  readonly recycleMs: number;
  readonly specs: readonly ArrivalSpec[];
  readonly names: readonly string[];
  readonly services: readonly Sampler[];
  /** Think-time samplers (closed specs; a zero sampler for the others). */
  readonly thinks: readonly Sampler[];
}

/**
 * Validates a simulation input once, reporting every problem at once with
 * its path and the bad value (E_PLAN_INVALID), and fills in the defaults.
 */
export function checkSimulation(input: SimulationInput): SimConfig {
  const problems: string[] = [];
  const check = (ok: boolean, path: string, rule: string, value: unknown): void => {
    if (!ok) problems.push(`${path} must be ${rule}, got ${typeof value === 'function' ? 'a function' : String(value)}`);
  };
  const count = (v: number | undefined): boolean => v === undefined || (Number.isInteger(v) && v >= 0);
  const time = (v: number | undefined): boolean => v === undefined || (Number.isFinite(v) && v >= 0);
  const limit = (v: number | undefined): boolean => v === undefined || v === Infinity || (Number.isFinite(v) && v > 0);

  check(Number.isInteger(input.workers) && input.workers >= 1, 'workers', 'a whole number ≥ 1', input.workers);
  check(input.listen === undefined || input.listen === Infinity || count(input.listen), 'listen', 'a whole number ≥ 0 or Infinity', input.listen);
  check(input.seed === undefined || Number.isFinite(input.seed), 'seed', 'a finite number', input.seed);
  check(limit(input.harakiriMs), 'harakiriMs', 'a number > 0 or Infinity', input.harakiriMs);
  check(time(input.respawnMs), 'respawnMs', 'a finite number ≥ 0', input.respawnMs);
  check(limit(input.upstreamTimeoutMs), 'upstreamTimeoutMs', 'a number > 0 or Infinity', input.upstreamTimeoutMs);
  check(time(input.warmupMs), 'warmupMs', 'a finite number ≥ 0', input.warmupMs);
  check(count(input.exactPercentilesUpTo), 'exactPercentilesUpTo', 'a whole number ≥ 0', input.exactPercentilesUpTo);
  check(input.maxRequests === undefined || (Number.isInteger(input.maxRequests) && input.maxRequests >= 1), 'maxRequests', 'a whole number ≥ 1', input.maxRequests);

  check(input.threads === undefined || (Number.isInteger(input.threads) && input.threads >= 1), 'threads', 'a whole number ≥ 1', input.threads);
  check(input.recycleAfter === undefined || input.recycleAfter === Infinity || (Number.isInteger(input.recycleAfter) && input.recycleAfter >= 1), 'recycleAfter', 'a whole number ≥ 1 or Infinity', input.recycleAfter);
  check(time(input.recycleMs), 'recycleMs', 'a finite number ≥ 0', input.recycleMs);

  const specs: readonly ArrivalSpec[] = Array.isArray(input.arrivals) ? input.arrivals : [input.arrivals as ArrivalSpec];
  check(specs.length > 0, 'arrivals', 'at least one arrival spec', 'none');
  const services: Sampler[] = [];
  const thinks: Sampler[] = [];
  const zero: Sampler = () => 0;
  specs.forEach((spec, i) => {
    const at = `arrivals[${i}]`;
    const service = spec.service ?? input.service;
    check(typeof service === 'function', `${at}.service`, 'a sampler (or give the simulation a default service)', service);
    services.push(service ?? zero);
    let think = zero;
    switch (spec.kind) {
      case 'burst':
        check(count(spec.count), `${at}.count`, 'a whole number ≥ 0', spec.count);
        check(time(spec.atMs), `${at}.atMs`, 'a finite number ≥ 0', spec.atMs);
        break;
      case 'constant':
      case 'poisson':
      case 'renewal':
        if (spec.kind === 'renewal') check(spec.scv !== undefined && Number.isFinite(spec.scv) && spec.scv > 0 && spec.scv <= 100, `${at}.scv`, 'a number in (0, 100]', spec.scv);
        check(Number.isFinite(spec.ratePerSec) && spec.ratePerSec > 0, `${at}.ratePerSec`, 'a finite number > 0', spec.ratePerSec);
        check(time(spec.durationMs), `${at}.durationMs`, 'a finite number ≥ 0', spec.durationMs);
        check(count(spec.count), `${at}.count`, 'a whole number ≥ 0', spec.count);
        check(time(spec.startMs), `${at}.startMs`, 'a finite number ≥ 0', spec.startMs);
        check(spec.durationMs !== undefined || spec.count !== undefined, `${at}`, 'bounded by durationMs or count', 'neither');
        break;
      case 'ramp':
        check(Number.isFinite(spec.fromPerSec) && spec.fromPerSec >= 0, `${at}.fromPerSec`, 'a finite number ≥ 0', spec.fromPerSec);
        check(Number.isFinite(spec.toPerSec) && spec.toPerSec >= 0, `${at}.toPerSec`, 'a finite number ≥ 0', spec.toPerSec);
        check(Number.isFinite(spec.durationMs) && spec.durationMs > 0, `${at}.durationMs`, 'a finite number > 0', spec.durationMs);
        check(time(spec.startMs), `${at}.startMs`, 'a finite number ≥ 0', spec.startMs);
        check(spec.process === undefined || spec.process === 'poisson' || spec.process === 'deterministic', `${at}.process`, "'poisson' or 'deterministic'", spec.process);
        break;
      case 'closed':
        check(Number.isInteger(spec.clients) && spec.clients >= 1, `${at}.clients`, 'a whole number ≥ 1', spec.clients);
        check(time(spec.durationMs), `${at}.durationMs`, 'a finite number ≥ 0', spec.durationMs);
        check(count(spec.amount), `${at}.amount`, 'a whole number ≥ 0', spec.amount);
        check(time(spec.startMs), `${at}.startMs`, 'a finite number ≥ 0', spec.startMs);
        check(spec.durationMs !== undefined || spec.amount !== undefined, `${at}`, 'bounded by durationMs or amount', 'neither');
        if (typeof spec.thinkTimeMs === 'function') think = spec.thinkTimeMs;
        else {
          check(time(spec.thinkTimeMs), `${at}.thinkTimeMs`, 'a finite number ≥ 0 or a sampler', spec.thinkTimeMs);
          {
            const ms = spec.thinkTimeMs ?? 0;
            think = () => ms;
          }
        }
        break;
      case 'trace':
        check(
          spec.timesMs.every((t, k) => Number.isFinite(t) && t >= 0 && (k === 0 || t >= (spec.timesMs[k - 1] as number))),
          `${at}.timesMs`,
          'finite times ≥ 0 in ascending order',
          'others',
        );
        break;
      default:
        check(false, `${at}.kind`, 'burst, constant, poisson, renewal, ramp, closed or trace', (spec as { kind: unknown }).kind);
    }
    thinks.push(think);
  });
  const listen = input.listen ?? Infinity;
  const eagerClients = specs.reduce((n, s) => n + (s.kind === 'closed' && (s.thinkTimeMs ?? 0) === 0 ? s.clients : 0), 0);
  const threads = input.threads ?? 1;
  const servers = input.workers * threads;
  if (Number.isInteger(input.workers) && eagerClients > servers + listen) {
    problems.push(
      `closed clients with no think time (${eagerClients}) must not outnumber ${threads > 1 ? 'workers × threads' : 'workers'} + listen (${servers + listen}): the extra ones would be refused and retry at the same instant forever; give them a thinkTimeMs > 0`,
    );
  }
  if (problems.length > 0) throw caplabError('E_PLAN_INVALID', `simulation: ${problems.join('; ')}`);

  return Object.freeze({
    workers: input.workers,
    listen,
    seed: input.seed ?? 1,
    harakiriMs: input.harakiriMs ?? Infinity,
    respawnMs: input.respawnMs ?? 0,
    upstreamTimeoutMs: input.upstreamTimeoutMs ?? Infinity,
    warmupMs: input.warmupMs ?? 0,
    records: input.records ?? false,
    exactLimit: input.exactPercentilesUpTo ?? 100_000,
    maxRequests: input.maxRequests ?? 100_000_000,
    threads,
    recycleEvery: input.recycleAfter === undefined || input.recycleAfter === Infinity ? Infinity : Math.ceil(input.recycleAfter / threads),
    recycleMs: input.recycleMs ?? 0,
    specs,
    names: specs.map((s, i) => s.name ?? `${s.kind}#${i}`),
    services,
    thinks,
  });
}
