import { analyticRow } from './analytic-row.js';
import type { CapacityInput, CapacityPlan, CapacityRow } from './capacity-types.js';
import { checkCapacityInput, type CapacityConfig } from './check-capacity-input.js';
import { findHeadroom } from './find-headroom.js';
import { formatSlo } from './parse-slo.js';
import { PlanInputError } from './plan-input-error.js';
import { simulatedRow } from './simulated-row.js';

/**
 * How many workers an arrival rate needs to meet a latency objective.
 *
 * Scans worker counts upwards from `minWorkers`, one row each, with the
 * closed forms (Erlang C, or M/M/c/K with a bounded listen queue) exactly
 * when arrivals are Poisson, service is exponential and there are no
 * timeouts, and with the simulator otherwise. Simulated rows carry
 * Allen–Cunneen's approximate mean wait beside the simulated one, and
 * `notes` says what that approximation assumes. The recommendation is the
 * smallest count whose row meets the objective (see row-verdict.ts); rows
 * with ρ ≥ 1 never do. Its `headroomRps` is the largest rate that count
 * still serves within the objective, found by bisection between the planned
 * rate and the rate at which ρ = 1.
 *
 * The scan stops `rowsAfterRecommended` rows after the recommendation, at
 * `maxWorkers`, or early when a stable row fails although no request waits
 * and none is refused: more workers cannot change such a row, because the
 * service time alone breaks the objective (`note` says so).
 * When `maxWorkers` is at most the offered load a = λ·E[S] (and
 * `minWorkers` is not given), no count in range is stable: the plan has no
 * rows, `recommended: null`, and a note saying that the load needs more
 * than a workers.
 * Throws E_PLAN_INVALID on a bad input. Deterministic under `seed`.
 */
export function planCapacity(input: CapacityInput): CapacityPlan {
  // Threads (uWSGI's `threads`): a worker of T threads is T servers of the one queue; rows count workers.
  const T = input.threads ?? 1;
  if (!Number.isInteger(T) || T < 1) throw new PlanInputError('E_PLAN_INVALID', `capacity plan: {threads} must be a whole number ≥ 1, got ${T}`);
  const cfg = checkCapacityInput({
    ...input,
    ...(input.minWorkers !== undefined ? { minWorkers: input.minWorkers * T } : {}),
    ...(input.maxWorkers !== undefined ? { maxWorkers: input.maxWorkers * T } : {}),
  });
  if (cfg.tooFewWorkers) return tooFew(cfg, T);
  const minWorkers = Math.max(1, Math.floor(cfg.minWorkers / T));
  const maxWorkers = Math.max(minWorkers, Math.floor(cfg.maxWorkers / T));
  const evaluate = (workers: number, rate: number): CapacityRow => {
    const row = cfg.method === 'analytic' ? analyticRow(cfg, workers * T, rate) : simulatedRow(cfg, workers * T, rate);
    return T === 1 ? row : Object.freeze({ ...row, workers });
  };
  const rows: CapacityRow[] = [];
  let best: number | null = null;
  let note: string | null = null;
  for (let workers = minWorkers; workers <= maxWorkers; workers++) {
    const row = evaluate(workers, cfg.ratePerSec);
    rows.push(row);
    if (best === null && row.meetsSlo) best = workers;
    if (best !== null && workers - best >= cfg.rowsAfterRecommended) break;
    if (best === null && row.stable && nothingWaits(cfg, row)) {
      note = `stopped at ${workers} workers: no request waits or is refused, yet ${formatSlo(cfg.slo)} fails (${describe(row)}); more workers cannot help`;
      break;
    }
  }
  if (best === null && note === null) {
    note = `no worker count from ${minWorkers} to ${maxWorkers} meets ${formatSlo(cfg.slo)}`;
  }
  const offeredLoad = (cfg.ratePerSec / 1000) * cfg.serviceMs;
  let recommended: CapacityPlan['recommended'] = null;
  if (best !== null) {
    const workers = best;
    const ceilingRps = (workers * T * 1000) / cfg.serviceMs;
    const analytic = cfg.method === 'analytic';
    const headroomRps = findHeadroom((rate) => evaluate(workers, rate).meetsSlo, cfg.ratePerSec, ceilingRps, analytic ? 1e-6 : 2e-3, analytic ? 60 : 12);
    recommended = Object.freeze({ workers, headroomRps, spareRps: headroomRps - cfg.ratePerSec });
  }
  return Object.freeze({
    method: cfg.method,
    model: cfg.method === 'simulated' ? 'simulation' : cfg.listen === Infinity ? 'M/M/c' : 'M/M/c/K',
    ratePerSec: cfg.ratePerSec,
    slo: cfg.slo,
    offeredLoad,
    rows: Object.freeze(rows),
    recommended,
    note,
    notes: Object.freeze([...(cfg.method === 'simulated' ? approximationNotes(cfg) : []), ...(T > 1 ? [threadsNote(T)] : [])]),
  });
}

/** What a row means with threads: each worker is T servers of the one queue (uWSGI's threads behind one listen socket). */
function threadsNote(threads: number): string {
  return `each worker runs ${threads} threads, modelled as ${threads} servers of the one queue (c × ${threads} in Erlang C and the simulator); rows count workers`;
}

/**
 * What a simulated plan's `approxMeanWaitMs` is: Allen–Cunneen with the
 * plan's Ca² and Cs², exact only for M/M/c and M/G/1, and blind to a
 * bounded listen queue and to timeouts.
 */
function approximationNotes(cfg: CapacityConfig): readonly string[] {
  const arrival = cfg.arrival === 'poisson' ? 'Poisson arrivals' : 'constant spacing';
  const notes = [
    `A–C mean wait is the Allen–Cunneen approximation E[Wq] ≈ E[Wq](M/M/c)·(Ca² + Cs²)/2 with Ca² = ${cfg.arrivalScv} (${arrival}) ` +
      `and Cs² = ${round(cfg.serviceScv)} (${cfg.service.dist} service): exact for M/M/c and M/G/1, an approximation otherwise (best in heavy traffic); ` +
      'the simulated mean wait is the figure the verdict uses',
  ];
  if (cfg.listen !== Infinity || cfg.upstreamTimeoutMs !== Infinity || cfg.harakiriMs !== Infinity) {
    notes.push('A–C assumes an unbounded listen queue and no timeouts, so it overstates the wait where requests are refused, killed or time out');
  }
  return Object.freeze(notes);
}

const round = (x: number): number => Number(x.toPrecision(4));

/** The plan when even `maxWorkers` cannot carry the offered load: no rows, and how many workers it needs. */
function tooFew(cfg: CapacityConfig, threads: number): CapacityPlan {
  const a = cfg.offeredLoad / threads;
  return Object.freeze({
    method: cfg.method,
    model: cfg.method === 'simulated' ? 'simulation' : cfg.listen === Infinity ? 'M/M/c' : 'M/M/c/K',
    ratePerSec: cfg.ratePerSec,
    slo: cfg.slo,
    offeredLoad: a,
    rows: Object.freeze([]),
    recommended: null,
    notes: Object.freeze([]),
    note:
      `the load needs more than ${round(a)} workers${threads > 1 ? ` of ${threads} threads` : ''} to be stable (offered load ${round(cfg.ratePerSec)}/s × ${round(cfg.serviceMs)} ms = ${round(cfg.offeredLoad)} Erlangs), ` +
      `and at most ${Math.floor(cfg.maxWorkers / threads)} may be scanned; allow at least ${Math.floor(a) + 1}`,
  });
}

/** True when the row shows (almost) no waiting and no refusals: 0 in a simulation, under 1e-12 in a model. */
function nothingWaits(cfg: CapacityConfig, row: CapacityRow): boolean {
  const eps = cfg.method === 'analytic' ? 1e-12 : 0;
  return row.pWait !== null && row.pWait <= eps && row.refusedShare !== null && row.refusedShare <= eps;
}

function describe(row: CapacityRow): string {
  const value = row.sloValueMs === null ? 'n/a' : `${Math.round(row.sloValueMs * 10) / 10} ms`;
  return `objective statistic ${value}, error share ${row.errorShare ?? 'n/a'}`;
}
