import type { AnyCapacityPlan } from '../plan/index.js';
import { formatMs, formatPercent, formatRps } from './format-values.js';
import { formatTextTable } from './text-table.js';

const ms = (v: number | null): string => (v === null ? '—' : formatMs(v));
const pct = (v: number | null): string => (v === null ? '—' : formatPercent(v));

/** Where the figures come from, in a sentence. */
function methodLine(plan: AnyCapacityPlan): string {
  if (plan.method === 'analytic') {
    return `method: analytic (${plan.model}), exact for Poisson arrivals and exponential service with no timeouts`;
  }
  return plan.model === 'simulation' && !('ratePerSec' in plan)
    ? 'method: simulated, replaying the scenario’s whole workload through the pool’s semantics'
    : 'method: simulated (the arrivals or service times are not those an exact model covers, or timeouts apply)';
}

/**
 * The console view of a capacity plan: the method, one row per worker count
 * (utilisation, P(wait), mean queue wait, Allen–Cunneen's approximate mean
 * wait when a simulated row has one, p99 queue wait, p99 latency, the
 * objective's statistic, refused share, verdict), then the recommendation
 * and its headroom.
 */
export function formatCapacityPlan(plan: AnyCapacityPlan): string {
  const stat = plan.slo.stat;
  const showStat = stat !== 'p99';
  const showApprox = plan.rows.some((r) => r.approxMeanWaitMs !== null);
  const rows = plan.rows.map((r) => [
    String(r.workers),
    r.utilization.toFixed(2),
    pct(r.pWait),
    ms(r.meanWaitMs),
    ...(showApprox ? [ms(r.approxMeanWaitMs)] : []),
    ms(r.p99WaitMs),
    ms(r.p99LatencyMs),
    ...(showStat ? [ms(r.sloValueMs)] : []),
    pct(r.refusedShare),
    r.stable ? (r.meetsSlo ? 'yes' : 'no') : 'no (unstable)',
  ]);
  const headers = ['workers', 'util', 'P(wait)', 'mean wait', ...(showApprox ? ['A–C mean wait'] : []), 'p99 wait', 'p99 latency', ...(showStat ? [`${stat} latency`] : []), 'refused', 'meets SLO'];
  const objective = `${stat}<${formatMs(plan.slo.limitMs)}`;
  const lines = [
    'ratePerSec' in plan
      ? `${formatRps(plan.ratePerSec)} offered, ${plan.offeredLoad.toFixed(2)} Erlangs; objective ${objective}`
      : `objective ${objective}`,
    methodLine(plan),
    '',
    formatTextTable(headers, rows),
    '',
  ];
  const rec = plan.recommended;
  if (rec === null) {
    lines.push(`recommended: none${plan.note ? ` (${plan.note})` : ''}`);
  } else {
    lines.push(`recommended: ${rec.workers} worker${rec.workers === 1 ? '' : 's'}, the smallest count that meets ${objective}`);
    if (rec.headroomRps !== null && 'ratePerSec' in plan) {
      lines.push(`headroom: ${rec.workers} workers hold ${objective} up to ${formatRps(rec.headroomRps)} (${formatPercent(rec.headroomRps / plan.ratePerSec - 1)} above the planned rate)`);
    } else if (plan.note) {
      lines.push(`note: ${plan.note}`);
    }
  }
  const unstable = plan.rows.find((r) => !r.stable && r.reason);
  if (unstable) lines.push(`${unstable.workers} worker${unstable.workers === 1 ? '' : 's'}: ${unstable.reason}`);
  for (const note of plan.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
