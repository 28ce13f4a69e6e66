import type { MultiResult, MultiStackRun, RunResult } from '../results/index.js';
import { describeFailures } from './describe.js';
import { formatCount, formatMs, formatNumber } from './format-values.js';

/** What each pool does with a connection no worker is free for (REFERENCE.md); a kind not listed gets no sentence. */
const POOL_QUEUES: Readonly<Record<string, string>> = {
  uwsgi: 'uWSGI’s workers accept from the kernel’s accept queue (listen); its master only watches the queue',
  gunicorn: 'gunicorn’s sync workers accept from the shared socket’s kernel backlog; there is no master queue',
  runserver: 'Django’s runserver starts a thread per connection with no limit, so requests share the CPU (and the GIL) instead of queueing',
};

/** Per-request CPU cost of each proxy (REFERENCE.md, measured on the lab's 2-core machine). */
const PROXY_COST: Readonly<Record<string, string>> = {
  embedded: 'caplab’s embedded proxy spends about 300 µs of CPU per request',
  nginx: 'nginx spends about 64 µs',
};

/** How a run's pool queues, or null for a pool kind the lab has no sentence for. */
function poolQueue(r: RunResult): string | null {
  if (r.stack.pool !== 'embedded') return POOL_QUEUES[r.stack.pool] ?? null;
  return r.stack.queue === 'master'
    ? 'caplab’s embedded master holds a FIFO queue and answers 503 the moment it is full'
    : 'caplab’s embedded workers accept from the kernel’s accept queue, as uWSGI’s do';
}

const ran = (m: MultiResult): MultiStackRun[] => m.runs.filter((r): r is MultiStackRun => 'result' in r);
const status = (r: RunResult, code: number): number => r.summary.status[String(code)] ?? 0;

/** `×1.50` as a ratio of b to a, or null when a is 0. */
function times(a: number, b: number): string | null {
  return a === 0 ? null : `×${formatNumber(b / a)}`;
}

function queueSentence(run: MultiStackRun): string | null {
  const r = run.result;
  const refused = status(r, 503);
  if (refused > 0 && r.stack.queue === 'master') {
    return `${run.stack}: ${formatCount(refused)} requests got 503 at once, because the embedded master holds the listen queue itself and refuses a connection the moment it is full.`;
  }
  if (r.synRetries && r.synRetries.requests > 0) {
    return `${run.stack}: ${formatCount(r.synRetries.requests)} requests waited on a SYN retry: a kernel accept queue that is full drops the SYN and the client’s kernel retries about 1 s, then 3 s later (wall time), so they were late rather than refused.`;
  }
  const bad = [502, 504].map((c) => [c, status(r, c)] as const).filter(([, n]) => n > 0);
  if (bad.length > 0) {
    return `${run.stack}: ${bad.map(([c, n]) => `${formatCount(n)} × ${c}`).join(', ')} from the proxy (504 = the upstream timeout fired; 502 = the pool refused, reset or killed the request, e.g. a full unix-socket backlog or a worker timeout).`;
  }
  return null;
}

/**
 * Where the stacks of a multi-stack run differ, and why, in plain
 * sentences built from the data and the lab's reference facts: throughput
 * and p99 against the first stack that ran, refusals (503 from a master
 * queue) against delays (SYN retries on a kernel queue) and proxy errors,
 * the proxies' own cost when the proxies differ, how each pool queues, and
 * which stacks did not run and why.
 */
export function describeMultiDifferences(multi: MultiResult): string[] {
  const runs = ran(multi);
  const out: string[] = [];
  const base = runs[0];
  if (base) {
    out.push(`Every stack replayed the same schedule (seed ${multi.seed}), so differences come from the stacks, not the load.`);
    for (const other of runs.slice(1)) {
      const [a, b] = [base.result.summary, other.result.summary];
      const tput = times(a.throughputRps, b.throughputRps);
      const p99 = times(a.latencyMs.p99, b.latencyMs.p99);
      const parts = [
        ...(tput ? [`throughput ${tput}`] : []),
        ...(p99 ? [`p99 latency ${p99} (${formatMs(a.latencyMs.p99)} → ${formatMs(b.latencyMs.p99)})`] : []),
        a.queueMs.count > 0 && b.queueMs.count > 0
          ? `queue wait p99 ${formatMs(a.queueMs.p99)} → ${formatMs(b.queueMs.p99)}`
          : `queue wait not measured on ${a.queueMs.count > 0 ? other.stack : b.queueMs.count > 0 ? base.stack : 'either'} (no timing headers)`,
        ...(a.errors !== b.errors ? [`errors ${formatCount(a.errors)} → ${formatCount(b.errors)}`] : []),
      ];
      out.push(`${other.stack} against ${base.stack}: ${parts.join(', ')}.`);
    }
  }
  for (const run of runs) {
    const sentence = queueSentence(run);
    if (sentence) out.push(sentence);
    else if (run.result.summary.errors > 0) out.push(`${run.stack}: ${formatCount(run.result.summary.errors)} failed (${describeFailures(run.result.summary.status)}).`);
  }
  const proxies = [...new Set(runs.map((r) => r.result.stack.proxy))];
  if (proxies.length > 1) {
    const costs = proxies.flatMap((p) => (PROXY_COST[p] ? [PROXY_COST[p]] : []));
    out.push(
      `The proxies differ: ${costs.join(', ')}. With requests that take milliseconds this hardly shows; at thousands of requests per second the proxy’s own cost caps throughput and adds to latency.`,
    );
  }
  const pools = [...new Map(runs.map((r) => [r.result.stack.pool, r.result] as const)).values()];
  if (pools.length > 1) out.push(`The pools differ: ${pools.flatMap((r) => poolQueue(r) ?? []).join('; ')}.`);
  for (const failed of multi.runs) if ('error' in failed) out.push(`${failed.stack} did not run: ${failed.error}`);
  return out;
}
