import type { MultiResult, Summary } from '../results/index.js';
import { describeMultiDifferences } from './describe-multi.js';
import { formatCount, formatMs, formatRps } from './format-values.js';
import { formatTextTable } from './text-table.js';

/** The columns of the side-by-side table, shared by the terminal and the HTML report. */
export const MULTI_COLUMNS = ['stack', 'requests', 'errors', 'throughput', 'p50', 'p90', 'p99', 'max', 'queue mean', 'queue p99', 'service p50'] as const;

/** One stack's cells under MULTI_COLUMNS. */
export function multiRow(stack: string, s: Summary): string[] {
  return [
    stack,
    formatCount(s.count),
    formatCount(s.errors),
    formatRps(s.throughputRps),
    formatMs(s.latencyMs.p50),
    formatMs(s.latencyMs.p90),
    formatMs(s.latencyMs.p99),
    formatMs(s.latencyMs.max),
    s.queueMs.count ? formatMs(s.queueMs.mean) : '—',
    s.queueMs.count ? formatMs(s.queueMs.p99) : '—',
    s.serviceMs.count ? formatMs(s.serviceMs.p50) : '—',
  ];
}

/**
 * The terminal summary of a multi-stack run: one row per stack that ran
 * (latency percentiles, queue wait, throughput, errors), then a line per
 * stack that did not run with its reason, then where they differ.
 */
export function formatMultiTable(multi: MultiResult): string {
  const rows = multi.runs.flatMap((r) => ('result' in r ? [multiRow(r.stack, r.result.summary)] : []));
  const table = rows.length > 0 ? formatTextTable(MULTI_COLUMNS, rows) : 'no stack ran';
  const why = describeMultiDifferences(multi).map((line) => `- ${line}`);
  return [`${multi.scenario.name} on ${multi.stacks.length} stacks (seed ${multi.seed})`, '', table, '', ...why].join('\n');
}
