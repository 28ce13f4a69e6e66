import type { MultiResult, MultiStackRun, Summary } from '../results/index.js';
import { describeMultiDifferences } from './describe-multi.js';
import { describeThreshold } from './format-threshold.js';
import { summaryCells } from './summary-cells.js';
import { formatTextTable } from './text-table.js';

/** The columns of the side-by-side table, shared by the terminal and the HTML report. */
export const MULTI_COLUMNS = ['stack', 'requests', 'errors', 'throughput', 'p50', 'p90', 'p99', 'max', 'queue mean', 'queue p99', 'service p50'] as const;

/** One stack's cells under MULTI_COLUMNS. */
export function multiRow(stack: string, s: Summary): string[] {
  return [stack, ...summaryCells(s, 'mean')];
}

/**
 * Per stack that set thresholds: how many failed, then each failed one with
 * its measured value and limit (`  ✗ latency.p50 < 5s: measured …`). Empty
 * when no stack set a threshold.
 */
export function formatMultiThresholds(runs: readonly MultiStackRun[]): string[] {
  const lines = runs.flatMap((r) => {
    const all = r.result.thresholds;
    if (all.length === 0) return [];
    const failed = all.filter((t) => !t.ok);
    if (failed.length === 0) return [`${r.stack}: all ${all.length} thresholds met`];
    return [`${r.stack}: ${failed.length} of ${all.length} thresholds failed`, ...failed.map((t) => `  ${describeThreshold(t)}`)];
  });
  return lines.length > 0 ? ['thresholds:', ...lines] : [];
}

/**
 * The terminal summary of a multi-stack run: one row per stack that ran
 * (latency percentiles, queue wait, throughput, errors), then a line per
 * stack that did not run with its reason, then where they differ, then the
 * thresholds each stack failed (nothing when none were set).
 */
export function formatMultiTable(multi: MultiResult): string {
  const ran = multi.runs.filter((r): r is MultiStackRun => 'result' in r);
  const rows = ran.map((r) => multiRow(r.stack, r.result.summary));
  const table = rows.length > 0 ? formatTextTable(MULTI_COLUMNS, rows) : 'no stack ran';
  const why = describeMultiDifferences(multi).map((line) => `- ${line}`);
  const thresholds = formatMultiThresholds(ran);
  return [`${multi.scenario.name} on ${multi.stacks.length} stacks (seed ${multi.seed})`, '', table, '', ...why, ...(thresholds.length > 0 ? ['', ...thresholds] : [])].join('\n');
}
