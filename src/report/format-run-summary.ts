import type { RunResult, Stats } from '../results/index.js';
import { describeListenOverflow, describeQueueFallback, describeSynRetries } from './describe-overflow.js';
import { describeObserved } from './describe-observed.js';
import { describePoolMemory } from './describe-pool-memory.js';
import { describeRun } from './describe-run.js';
import { plural } from './describe.js';
import { describeThreshold } from './format-threshold.js';
import { formatPredictions } from './format-predictions.js';
import { formatLittlesLaw } from './format-littles-law.js';
import { formatCount, formatMs, formatRps } from './format-values.js';
import { formatTextTable } from './text-table.js';
import { describeReloads } from './reload-marks.js';

/** Runs with at most this many requests list every request on the console. */
export const CONSOLE_REQUEST_LIMIT = 30;

const dash = (v: number | null): string => (v === null ? '—' : formatMs(v));

function requestTable(result: RunResult): string {
  if (result.requests.length > CONSOLE_REQUEST_LIMIT || result.sampling.total > CONSOLE_REQUEST_LIMIT) {
    return `(${formatCount(result.sampling.total)} requests: each request is listed only for runs of ${CONSOLE_REQUEST_LIMIT} or fewer; see report.html or results.json)`;
  }
  // The proxy's connect time is shown only when some request waited on a SYN retry.
  const connect = (result.synRetries?.requests ?? 0) > 0;
  const rows = [...result.requests]
    .sort((a, b) => a.id - b.id)
    .map((r) => [
      String(r.id),
      r.worker === null ? '—' : String(r.worker),
      r.status === 0 ? 'none' : String(r.status),
      ...(connect ? [dash(r.connectMs ?? null)] : []),
      dash(r.queueMs),
      dash(r.serviceMs),
      formatMs(r.latencyMs),
    ]);
  return formatTextTable(['request', 'worker', 'status', ...(connect ? ['connect'] : []), 'queue wait', 'service', 'total'], rows);
}

function statsRow(name: string, s: Stats): string[] {
  return s.count === 0 ? [name, '—', '—', '—', '—'] : [name, formatMs(s.p50), formatMs(s.p90), formatMs(s.p99), formatMs(s.max)];
}

function phaseTable(result: RunResult): string {
  const rows = result.phases.map((p) => [
    p.name,
    p.kind,
    formatCount(p.summary.count),
    formatCount(p.summary.errors),
    formatRps(p.summary.throughputRps),
    formatMs(p.summary.latencyMs.p50),
    formatMs(p.summary.latencyMs.p99),
    formatMs(p.summary.queueMs.p99),
  ]);
  return formatTextTable(['phase', 'kind', 'requests', 'errors', 'throughput', 'p50', 'p99', 'queue p99'], rows);
}

/**
 * The console summary of a run: a one-line header, one line when the pool
 * fell back to the master-held queue, one when the queue or busy workers
 * were not seen exactly (`stack.observed`), one with the workers' peak RSS
 * when the result has it, and a plain-language summary (the run command
 * adds the Locust engine's line and its "degraded: …" itself); each request's worker, status, queue wait, service and total
 * (for runs of up to `CONSOLE_REQUEST_LIMIT` requests, else a note);
 * p50/p90/p99/max of latency, queue wait and service; the kernel's listen
 * overflows and the requests that waited on a SYN retry, when there were
 * any; a per-phase table; one line per reload of the pool;
 * predicted against measured figures when the result has them; and each threshold's verdict (✓/✗) with measured value and limit.
 */
export function formatRunSummary(result: RunResult): string {
  const st = result.stack;
  const queue = st.queue === undefined ? '' : ` (${st.queue} queue)`;
  const proxies = st.proxyProcesses !== undefined && st.proxyProcesses > 1 ? ` ×${st.proxyProcesses}` : '';
  const link = st.socket === 'unix' ? ' (unix socket)' : '';
  const threads = result.plan.stack.threads > 1 ? ` × ${result.plan.stack.threads} threads` : '';
  const header = `${result.scenario.name}: ${plural(st.workers, 'worker')}${threads}, listen ${st.listen}${queue}, proxy ${st.proxy}${proxies} →${link} pool ${st.pool} → app ${st.app}, time scale ${st.timeScale}, seed ${result.seed}`;
  const s = result.summary;
  const statuses = Object.entries(s.status)
    .map(([code, n]) => ({ code: Number(code), n }))
    .sort((a, b) => (a.code === 0 ? 1000 : a.code) - (b.code === 0 ? 1000 : b.code))
    .map(({ code, n }) => `${code === 0 ? 'no response' : code} × ${formatCount(n)}`)
    .join(', ');
  const memory = describePoolMemory(result);
  const notes = [
    describeQueueFallback(result.stack),
    describeObserved(result.stack),
    memory !== null ? `worker memory: ${memory}` : null,
  ].filter((l) => l !== null);
  const overflow = [describeListenOverflow(result), describeSynRetries(result)].filter((l) => l !== null);
  const sections = [
    [header, ...notes, describeRun(result)].join('\n'),
    requestTable(result),
    formatTextTable(['', 'p50', 'p90', 'p99', 'max'], [
      statsRow('latency', s.latencyMs),
      statsRow('queue wait', s.queueMs),
      statsRow('service', s.serviceMs),
    ]),
    `throughput ${formatRps(s.throughputRps)}; ${formatCount(s.ok)} ok, ${formatCount(s.errors)} failed${statuses ? ` (${statuses})` : ''}`,
  ];
  const littles = formatLittlesLaw(result);
  if (littles) sections[sections.length - 1] += `\n${littles}`;
  if (overflow.length > 0) sections.push(overflow.join('\n'));
  if (result.phases.length > 0) sections.push(phaseTable(result));
  const reloads = describeReloads(result);
  if (reloads.length > 0) sections.push(reloads.join('\n'));
  const predictions = formatPredictions(result);
  if (predictions) sections.push(predictions);
  sections.push(
    result.thresholds.length === 0
      ? 'thresholds: none set'
      : ['thresholds:', ...result.thresholds.map((t) => `  ${describeThreshold(t)}`)].join('\n'),
  );
  return sections.join('\n\n');
}
