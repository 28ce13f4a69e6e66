import { analyticRow } from './analytic-row.js';
import type { CapacityInput, CapacityPlan, CapacityRecommendation, CapacityRow, LimitCap, RuleOfThumb } from './capacity-types.js';
import { checkCapacityInput, type CapacityConfig } from './check-capacity-input.js';
import { findHeadroom } from './find-headroom.js';
import { formatSlo } from './parse-slo.js';
import { PlanInputError } from './plan-input-error.js';
import { describeArrivals, describeService, planNotes } from './plan-notes.js';
import { bindingCap, limitCaps } from './resource-limits.js';
import { simulatedRow } from './simulated-row.js';

/**
 * How many workers an arrival rate needs to meet a latency objective,
 * within the host's resource limits.
 *
 * Scans worker counts upwards from `minWorkers`, one row each, with the
 * closed forms (Erlang C, or M/M/c/K with a bounded listen queue) exactly
 * when arrivals are Poisson, service is exponential and there are no
 * timeouts, and with the simulator otherwise. Simulated rows are the means
 * of independent replications and carry 95 % intervals (`ci`) and a verdict
 * at 95 % (see row-verdict.ts), plus Allen–Cunneen's approximate mean wait;
 * `notes` say what those assume.
 *
 * The count the objective needs is the smallest whose row meets it (rows
 * with ρ ≥ 1 never do). The recommendation is that count when it fits every
 * resource limit (see resource-limits.ts); otherwise it is null and `note`
 * names the binding limit ("the SLO needs 14 workers; 4 GiB holds 11 at
 * 120 MiB each"). Its `interval` runs from the smallest count that may meet
 * the objective at 95 % to the smallest that surely does (the scan goes on
 * until it finds that one). Its `headroomRps` is the largest rate that
 * count still serves within the objective, found by bisection between the
 * planned rate and the rate at which ρ = 1.
 *
 * The scan stops `rowsAfterRecommended` rows after the count the objective
 * needs (and not before one meets it at 95 %, unless no request waits any
 * more, so that more workers cannot settle it), at `maxWorkers`, or early
 * when a stable row fails although no request waits and none is refused:
 * more workers cannot change such a row, because the service time alone
 * breaks the objective (`note` says so). When `maxWorkers` is at most the
 * offered load a = λ·E[S] (and `minWorkers` is not given), no count in
 * range is stable: the plan has no rows, `recommended: null`, and a note
 * saying that the load needs more than a workers.
 * With `ruleOfThumbCores`, `ruleOfThumb` gives gunicorn's (2 × cores) + 1
 * count and its row. With `threads` T (uWSGI's threads), a worker is T
 * servers of the one queue: rows count workers, the models see c × T
 * servers, and the per-thread limits (cores, database connections) divide
 * by T. Throws E_PLAN_INVALID on a bad input. Deterministic
 * under `seed`.
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
  const caps = limitCaps(cfg.limits, T);
  const binding = bindingCap(caps);
  if (cfg.tooFewWorkers) return tooFew(cfg, T, caps, binding);
  const minWorkers = Math.max(1, Math.floor(cfg.minWorkers / T));
  const maxWorkers = Math.max(minWorkers, Math.floor(cfg.maxWorkers / T));
  const evaluate = (workers: number, rate: number): CapacityRow => {
    const row = cfg.method === 'analytic' ? analyticRow(cfg, workers * T, rate) : simulatedRow(cfg, workers * T, rate);
    return T === 1 ? row : Object.freeze({ ...row, workers });
  };
  const rows: CapacityRow[] = [];
  let best: number | null = null;
  let sure: number | null = null;
  let note: string | null = null;
  for (let workers = minWorkers; workers <= maxWorkers; workers++) {
    const row = evaluate(workers, cfg.ratePerSec);
    rows.push(row);
    if (best === null && row.meetsSlo) best = workers;
    if (sure === null && row.verdict === 'meets') sure = workers;
    if (best !== null && workers - best >= cfg.rowsAfterRecommended && (sure !== null || nothingWaits(cfg, row))) break;
    if (best === null && row.stable && nothingWaits(cfg, row)) {
      note = `stopped at ${workers} workers: no request waits or is refused, yet ${formatSlo(cfg.slo)} fails (${describe(row)}); more workers cannot help`;
      break;
    }
  }
  if (best === null && note === null) {
    note = `no worker count from ${minWorkers} to ${maxWorkers} meets ${formatSlo(cfg.slo)}`;
  }
  let recommended: CapacityRecommendation | null = null;
  if (best !== null) {
    const workers = best;
    const low = rows.find((r) => r.workers <= workers && r.verdict !== 'fails')?.workers ?? workers;
    if (binding !== null && workers > binding.maxWorkers) {
      const high = sure === null ? ` or more; none up to ${rows.at(-1)?.workers ?? workers} is sure` : sure === low ? '' : `–${sure}`;
      const range = cfg.method === 'simulated' ? ` (95 %: ${low}${high})` : '';
      note = `the SLO needs ${workers} workers${range}; ${binding.detail}`;
    } else {
      const ceilingRps = (workers * T * 1000) / cfg.serviceMs;
      const analytic = cfg.method === 'analytic';
      const headroomRps = findHeadroom((rate) => evaluate(workers, rate).meetsSlo, cfg.ratePerSec, ceilingRps, analytic ? 1e-6 : 2e-3, analytic ? 60 : 12);
      recommended = Object.freeze({ workers, interval: Object.freeze({ low, high: sure }), headroomRps, spareRps: headroomRps - cfg.ratePerSec });
    }
  }
  return Object.freeze({
    ...header(cfg),
    rows: Object.freeze(rows),
    recommended,
    note,
    notes: Object.freeze([...planNotes(cfg), ...(T > 1 ? [threadsNote(T)] : [])]),
    limits: Object.freeze({ caps, binding, sloWorkers: best }),
    ruleOfThumb: ruleOfThumb(cfg, caps, rows, evaluate),
  });
}

/** What a row means with threads: each worker is T servers of the one queue (uWSGI's threads behind one listen socket). */
function threadsNote(threads: number): string {
  return `each worker runs ${threads} threads, modelled as ${threads} servers of the one queue (c × ${threads} in Erlang C and the simulator); rows count workers`;
}

/** The fields every plan starts with. */
function header(cfg: CapacityConfig): Pick<CapacityPlan, 'method' | 'model' | 'arrivals' | 'service' | 'ratePerSec' | 'slo' | 'offeredLoad'> {
  return {
    method: cfg.method,
    model: cfg.method === 'simulated' ? 'simulation' : cfg.listen === Infinity ? 'M/M/c' : 'M/M/c/K',
    arrivals: describeArrivals(cfg),
    service: describeService(cfg),
    ratePerSec: cfg.ratePerSec,
    slo: cfg.slo,
    offeredLoad: cfg.offeredLoad,
  };
}

/** gunicorn's (2 × cores) + 1, its row (from the scan, or evaluated now) and the limits it breaks. */
function ruleOfThumb(cfg: CapacityConfig, caps: readonly LimitCap[], rows: readonly CapacityRow[], evaluate: (w: number, rate: number) => CapacityRow): RuleOfThumb | null {
  if (cfg.ruleOfThumbCores === null) return null;
  const workers = 2 * cfg.ruleOfThumbCores + 1;
  const row = rows.find((r) => r.workers === workers) ?? evaluate(workers, cfg.ratePerSec);
  const breaks = caps.filter((c) => workers > c.maxWorkers).map((c) => c.limit);
  return Object.freeze({ cores: cfg.ruleOfThumbCores, workers, row, breaks: Object.freeze(breaks) });
}

const round = (x: number): number => Number(x.toPrecision(4));

/** The plan when even `maxWorkers` cannot carry the offered load: no rows, and how many workers it needs. */
function tooFew(cfg: CapacityConfig, threads: number, caps: readonly LimitCap[], binding: LimitCap | null): CapacityPlan {
  const a = cfg.offeredLoad / threads;
  return Object.freeze({
    ...header(cfg),
    rows: Object.freeze([]),
    recommended: null,
    notes: Object.freeze([]),
    note:
      `the load needs more than ${round(a)} workers${threads > 1 ? ` of ${threads} threads` : ''} to be stable (offered load ${round(cfg.ratePerSec)}/s × ${round(cfg.serviceMs)} ms = ${round(cfg.offeredLoad)} Erlangs), ` +
      `and at most ${Math.floor(cfg.maxWorkers / threads)} may be scanned; allow at least ${Math.floor(a) + 1}`,
    limits: Object.freeze({ caps, binding, sloWorkers: null }),
    ruleOfThumb: null,
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
