import type { MultiStackRun, ThresholdVerdict } from '../results/index.js';
import { formatThresholdValue, verdictMark } from './format-threshold.js';
import { htmlTable, tableSection, type Cell } from './html-blocks.js';
import { escapeHtml } from './html-escape.js';

/** Every threshold expression set on any stack, in the order first seen. */
export function multiThresholdExprs(runs: readonly MultiStackRun[]): string[] {
  return [...new Set(runs.flatMap((r) => r.result.thresholds.map((t) => t.expr)))];
}

/** One stack's cell for a threshold: `✓ measured 20.0 s`, `✗ measured 10.0 s (failed)`, or `—` when the stack did not set it. */
function verdictCell(expr: string, t: ThresholdVerdict | undefined): Cell {
  if (!t) return '—';
  const text = `${verdictMark(t)} measured ${formatThresholdValue(expr, t.actual)}${t.ok ? '' : ' (failed)'}`;
  return { html: `<span class="${t.ok ? 'verdict-ok' : 'verdict-bad'}">${escapeHtml(text)}</span>` };
}

/**
 * The thresholds card of a multi-stack report: one row per threshold
 * expression, one column per stack that ran, each cell pass/fail with the
 * measured value. An empty string when no stack set a threshold.
 */
export function multiThresholdSection(runs: readonly MultiStackRun[]): string {
  const exprs = multiThresholdExprs(runs);
  if (exprs.length === 0) return '';
  const rows = exprs.map((expr) => [expr, ...runs.map((r) => verdictCell(expr, r.result.thresholds.find((t) => t.expr === expr)))]);
  return tableSection(
    'Thresholds',
    'One row per threshold from the scenario’s expect:, one column per stack. ✓ means the stack met it, ✗ that it failed; the value is what that stack measured, and the limit is in the expression.',
    htmlTable(['threshold', ...runs.map((r) => r.stack)], rows),
    'thresholds',
  );
}
