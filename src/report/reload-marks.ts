import type { RunResult } from '../results/index.js';
import type { DatasetJson } from './chart-spec.js';
import { formatMs } from './format-values.js';
import { lineStyle } from './chart-options.js';
import { DASH, OKABE_ITO, withAlpha } from './palette.js';

/** The colour of reload marks on every timeline. */
const RELOAD_COLOR = OKABE_ITO.reddishPurple;

/**
 * One line per reload of the pool during the run, for the terminal and the
 * report: when it was planned, when the workers were replaced (start → end,
 * scenario time), the pids before and after, and the requests in flight
 * meanwhile that failed. Empty when the run had no reload.
 */
export function describeReloads(result: RunResult): string[] {
  return (result.reloads ?? []).map((r) => {
    const when = `${r.name} at ${(r.atMs / 1000).toFixed(1)} s`;
    if (r.endMs === null) return `${when}: the reload failed at ${formatMs(r.startMs)}: ${r.error ?? 'unknown error'}; ${r.failedRequests} of ${r.requestsDuring} requests in flight failed`;
    const pids = r.pidsBefore.length > 0 ? ` (pids ${r.pidsBefore.join(', ')} → ${r.pidsAfter.join(', ')})` : '';
    return `${when}: workers replaced from ${formatMs(r.startMs)} to ${formatMs(r.endMs)}${pids}; ${r.failedRequests} of ${r.requestsDuring} requests in flight failed`;
  });
}

/**
 * A shaded box per reload over a timeline chart, from its start to its end
 * (or to `lastMs` if it failed) and up to `top`, labelled with its name; a
 * legend entry a reader can switch off.
 */
export function reloadDatasets(result: RunResult, top: number, lastMs: number): DatasetJson[] {
  return (result.reloads ?? []).map((r) => {
    const end = r.endMs ?? lastMs;
    return {
      label: `${r.name}: workers reloaded (${formatMs(r.startMs)} → ${r.endMs === null ? 'failed' : formatMs(end)})`,
      data: [
        { x: r.startMs, y: 0 },
        { x: r.startMs, y: top },
        { x: end, y: top },
        { x: end, y: 0 },
      ],
      ...lineStyle(RELOAD_COLOR, DASH.dashed, { pointRadius: 0, borderWidth: 1, fill: 'origin', backgroundColor: withAlpha(RELOAD_COLOR, 0.12) }),
    };
  });
}
