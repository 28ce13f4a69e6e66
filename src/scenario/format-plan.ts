import { formatDuration } from './parse-duration.js';
import type { PhasePlan, PlannedRequest, PlannedStack, RunPlan } from './plan-types.js';
import { serviceMean, type ServiceDist } from './service-dist.js';

function formatService(d: ServiceDist): string {
  const ms = formatDuration;
  switch (d.dist) {
    case 'constant': return `constant ${ms(d.value)}`;
    case 'uniform': return `uniform ${ms(d.min)}–${ms(d.max)}`;
    case 'exponential': return `exponential, mean ${ms(d.mean)}`;
    case 'lognormal': return `lognormal, median ${ms(d.median)}, sigma ${d.sigma} (mean ${ms(serviceMean(d))})`;
    case 'gamma': return `gamma, mean ${ms(d.mean)}, Cs² ${d.cs2}`;
    case 'empirical': return `empirical, ${d.values.length} values (mean ${ms(serviceMean(d))})`;
  }
}

/** The queue mode and what a full queue does in it. */
function describeQueue(s: PlannedStack): string {
  return s.queue === 'kernel'
    ? `queue kernel (beyond listen ${s.listen}, connections wait on the kernel's SYN retries: ~1s, then 3s of wall time)`
    : `queue master (beyond listen ${s.listen}, requests get 503 at once)`;
}

function describePhase(p: PhasePlan): string {
  switch (p.kind) {
    case 'burst':
      return `${p.count} requests at once, one connection each`;
    case 'closed': {
      const bound = p.amount !== null ? `until ${p.amount} requests` : `for ${formatDuration(p.durationMs)}`;
      const think = p.thinkTimeMs > 0 ? `, think time ${formatDuration(p.thinkTimeMs)}` : '';
      return `${p.clients} closed-loop clients ${bound}${think}`;
    }
    case 'open':
      return `${p.arrival} arrivals at ${p.rate}/s for ${formatDuration(p.durationMs)}`;
    case 'ramp':
      return `${p.arrival} arrivals ramping ${p.from}/s → ${p.to}/s over ${formatDuration(p.durationMs)}`;
    case 'trace':
      return `the trace ${p.file} at ${p.speed}x over ${formatDuration(p.durationMs)}, sending ${p.send === 'sample' ? "the sample app's /sleep for each logged service time" : 'the logged paths'}`;
  }
}

/** Endpoints of a trace listed by --dry-run; the rest are counted. */
const TRACE_ENDPOINTS_SHOWN = 10;

function describeRequest(r: PlannedRequest, totalWeight: number, single: boolean): string {
  const share = single ? '' : `  ${Math.round((100 * r.weight) / totalWeight)}%`;
  const service = r.service ? `  service ${formatService(r.service)}` : '';
  const body = r.body !== null ? `  body ${r.body.length} B` : '';
  return `${r.method} ${r.path}${share}${service}${body}`;
}

/**
 * The plan as readable text, for `--dry-run`: scenario, stack, time scale
 * and seed, each phase with its start, what it sends and how many requests,
 * the thresholds, and the totals. Times are scenario times; the wall time
 * is given where the time scale is not 1.
 */
export function formatPlan(plan: RunPlan): string {
  const s = plan.stack;
  const wall = plan.timeScale === 1 ? '' : ` (wall ≈ ${formatDuration(plan.totalDurationMs * plan.timeScale)})`;
  const lines = [
    `scenario   ${plan.scenario.name}${plan.scenario.file ? `  (${plan.scenario.file})` : ''}`,
    ...(plan.scenario.description ? [`           ${plan.scenario.description.replace(/\s+/g, ' ').trim()}`] : []),
    `stack      ${s.workers} worker${s.workers === 1 ? '' : 's'}, listen ${s.listen}, upstream timeout ${formatDuration(s.upstreamTimeoutMs)}, ` +
      `harakiri ${s.harakiriMs === null ? 'off' : formatDuration(s.harakiriMs)}, app ${s.app}${s.staticDir ? `, static ${s.staticDir}` : ''}`,
    `           ${describeQueue(s)}, ${s.proxyProcesses} proxy process${s.proxyProcesses === 1 ? '' : 'es'}`,
    ...(s.threads > 1 || s.maxRequests > 0 || s.reloadOnRssMb !== null
      ? [`           ${s.threads} thread${s.threads === 1 ? '' : 's'} per worker, max requests ${s.maxRequests || 'off'}, reload on RSS ${s.reloadOnRssMb === null ? 'off' : `${s.reloadOnRssMb} MiB`}`]
      : []),
    `           proxy → pool over ${s.socket === 'unix' ? 'a unix socket (a full backlog: 502 at once)' : 'TCP (a full backlog: SYN retries)'}`,
    `run        time scale ${plan.timeScale}, seed ${plan.seed}`,
    'phases',
  ];
  for (const p of plan.phases) {
    const when = `${p.parallel && p.index > 0 ? 'with previous, ' : ''}at ${formatDuration(p.startMs)}`;
    const count = p.expectedRequests === null ? 'requests: as many as the server answers' : `${p.expectedRequests} requests`;
    lines.push(`  ${p.name.padEnd(9)} ${when}: ${describePhase(p)}; ${count}`);
    const total = p.requests.reduce((n, r) => n + r.weight, 0);
    const shown = p.kind === 'trace' ? p.requests.slice(0, TRACE_ENDPOINTS_SHOWN) : p.requests;
    for (const r of shown) lines.push(`             ${describeRequest(r, total, p.requests.length === 1)}`);
    if (shown.length < p.requests.length) lines.push(`             … and ${p.requests.length - shown.length} more endpoints`);
  }
  for (const r of plan.reloads) lines.push(`  ${r.name.padEnd(9)} at ${formatDuration(r.atMs)}: the pool reloads its workers gracefully; no requests`);
  lines.push(`expect     ${plan.expect.length === 0 ? 'none' : plan.expect.map((t) => t.expr).join('; ')}`);
  lines.push(`total      ${plan.totalRequests} requests planned over ${formatDuration(plan.totalDurationMs)}${wall}, plus responses still arriving`);
  return lines.join('\n');
}
