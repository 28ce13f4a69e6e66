import type { AnyCapacityPlan, CapacityPlan, CapacityRow, Interval } from '../plan/index.js';
import { formatMs, formatPercent, formatRps } from './format-values.js';
import { formatTextTable } from './text-table.js';

const ms = (v: number | null): string => (v === null ? '—' : formatMs(v));
const pct = (v: number | null): string => (v === null ? '—' : formatPercent(v));
/** A figure with its 95 % interval, `812 ms [790 ms–835 ms]`, single-spaced so table cells stay apart. */
const withCi = (v: number | null, ci: Interval | undefined): string =>
  v === null ? '—' : ci === undefined ? formatMs(v) : `${formatMs(v)} [${formatMs(Math.max(0, ci.low))}–${formatMs(ci.high)}]`;

/** `6–7`, `6` when both ends agree, `6 or more; none up to 9 is sure` when no scanned count meets the objective at 95 %. */
function countRange(low: number, high: number | null, lastScanned: number): string {
  if (high === null) return `${low} or more; none up to ${lastScanned} is sure`;
  return high === low ? String(low) : `${low}–${high}`;
}

/** Where the figures come from, in a sentence. */
function methodLine(plan: AnyCapacityPlan): string {
  if (plan.method === 'analytic') {
    return `method: analytic (${plan.model}), exact for Poisson arrivals and exponential service with no timeouts`;
  }
  return plan.model === 'simulation' && !('ratePerSec' in plan)
    ? 'method: simulated, replaying the scenario’s whole workload through the pool’s semantics'
    : 'method: simulated (the arrivals or service times are not those an exact model covers, or timeouts apply), with 95 % intervals';
}

/** The verdict cell: yes / no, or which way the figures lean when the 95 % intervals straddle the objective. */
function verdictCell(r: CapacityRow): string {
  if (!r.stable) return 'no (unstable)';
  if (r.verdict === 'uncertain') return `${r.meetsSlo ? 'yes' : 'no'} (uncertain)`;
  return r.meetsSlo ? 'yes' : 'no';
}

/** The recommendation and what bounds it: the interval, the limits, the rule of thumb. */
function recommendationLines(plan: AnyCapacityPlan, objective: string): string[] {
  const lines: string[] = [];
  const rec = plan.recommended;
  const one = 'ratePerSec' in plan ? plan : null;
  if (rec === null) {
    lines.push(`recommended: none${plan.note ? ` (${plan.note})` : ''}`);
  } else {
    const interval = 'interval' in rec && plan.method === 'simulated' ? ` (95 %: ${countRange(rec.interval.low, rec.interval.high, plan.rows.at(-1)?.workers ?? rec.workers)})` : '';
    lines.push(`recommended: ${rec.workers} worker${rec.workers === 1 ? '' : 's'}${interval}, the smallest count that meets ${objective}${one && one.limits.caps.length > 0 ? ' within every limit' : ''}`);
    if (rec.headroomRps !== null && one) {
      lines.push(`headroom: ${rec.workers} workers hold ${objective} up to ${formatRps(rec.headroomRps)} (${formatPercent(rec.headroomRps / one.ratePerSec - 1)} above the planned rate)`);
    } else if (plan.note) {
      lines.push(`note: ${plan.note}`);
    }
  }
  if (one) lines.push(...limitLines(one, objective));
  return lines;
}

/** The resource limits and gunicorn's (2 × cores) + 1 beside the recommendation. */
function limitLines(plan: CapacityPlan, objective: string): string[] {
  const lines: string[] = [];
  const { caps, binding } = plan.limits;
  if (caps.length > 0 && binding !== null) {
    lines.push(`limits: ${caps.map((c) => c.detail).join('; ')}; at most ${binding.maxWorkers} workers (${binding.limit})`);
  }
  const rule = plan.ruleOfThumb;
  if (rule !== null) {
    const r = rule.row;
    const gives = r.stable
      ? `p99 latency ${withCi(r.p99LatencyMs, r.ci?.p99LatencyMs)}, mean wait ${withCi(r.meanWaitMs, r.ci?.meanWaitMs)}, meets ${objective}: ${verdictCell(r)}`
      : `${r.reason ?? 'unstable'}; meets ${objective}: no`;
    const breaks = rule.breaks.length > 0 ? `; breaks the ${rule.breaks.join(' and ')} limit${rule.breaks.length === 1 ? '' : 's'}` : '';
    const host = caps.some((c) => c.limit === 'cores') ? '' : ' of this host';
    lines.push(`rule of thumb: gunicorn's (2 × ${rule.cores} cores${host}) + 1 = ${rule.workers} workers: ${gives}${breaks}`);
  }
  return lines;
}

/**
 * The console view of a capacity plan: the method, one row per worker count
 * (utilisation, P(wait), mean queue wait, Allen–Cunneen's approximate mean
 * wait when a simulated row has one, p99 queue wait, p99 latency, the
 * objective's statistic, refused share, verdict; simulated rows give their
 * 95 % intervals in brackets and mark a verdict the intervals leave open as
 * "uncertain"), then the recommendation with its interval and headroom, the
 * resource limits and gunicorn's (2 × cores) + 1 rule with what it gives.
 */
export function formatCapacityPlan(plan: AnyCapacityPlan): string {
  const stat = plan.slo.stat;
  const showStat = stat !== 'p99';
  const showApprox = plan.rows.some((r) => r.approxMeanWaitMs !== null);
  const rows = plan.rows.map((r) => [
    String(r.workers),
    r.utilization.toFixed(2),
    pct(r.pWait),
    withCi(r.meanWaitMs, r.ci?.meanWaitMs),
    ...(showApprox ? [ms(r.approxMeanWaitMs)] : []),
    ms(r.p99WaitMs),
    withCi(r.p99LatencyMs, r.ci?.p99LatencyMs),
    ...(showStat ? [withCi(r.sloValueMs, r.ci?.sloValueMs)] : []),
    pct(r.refusedShare),
    verdictCell(r),
  ]);
  const headers = ['workers', 'util', 'P(wait)', 'mean wait', ...(showApprox ? ['A–C mean wait'] : []), 'p99 wait', 'p99 latency', ...(showStat ? [`${stat} latency`] : []), 'refused', 'meets SLO'];
  const objective = `${stat}<${formatMs(plan.slo.limitMs)}`;
  const lines = [
    'ratePerSec' in plan
      ? `${formatRps(plan.ratePerSec)} offered, ${plan.offeredLoad.toFixed(2)} Erlangs; objective ${objective}`
      : `objective ${objective}`,
    ...('ratePerSec' in plan ? [`arrivals: ${plan.arrivals}; service: ${plan.service}`] : []),
    methodLine(plan),
    '',
    formatTextTable(headers, rows),
    '',
    ...recommendationLines(plan, objective),
  ];
  const unstable = plan.rows.find((r) => !r.stable && r.reason);
  if (unstable) lines.push(`${unstable.workers} worker${unstable.workers === 1 ? '' : 's'}: ${unstable.reason}`);
  for (const note of plan.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
