import { formatMs, formatNumber } from '../../report/index.js';
import type { TopView, WorkerView } from './top-model.js';

const BARS = '▁▂▃▄▅▆▇█';
const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', inverse: '\x1b[7m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', blue: '\x1b[34m', dim: '\x1b[2m' } as const;

/** Busy workers per second as a one-line sparkline, scaled to `workers` (a blank for a second without a read). */
export function sparkline(history: readonly (number | null)[], workers: number): string {
  const top = Math.max(1, workers);
  return history.map((b) => (b === null ? ' ' : BARS[Math.min(BARS.length - 1, Math.round((b / top) * (BARS.length - 1)))])).join('');
}

function bytes(n: number): string {
  if (n <= 0) return '-';
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** "unreachable", or "answered something else" when the source answered with what is not a stats document. */
function failure(error: string): string {
  return /^(not JSON|not a stats document)/.test(error) ? 'answered something else' : 'unreachable';
}

function clock(ms: number): string {
  return ms > 0 ? new Date(ms).toTimeString().slice(0, 8) : '--:--:--';
}

/** The worker table's columns; `counted` false (a source that cannot see requests) shows its counts as '-'. */
const COLUMNS: readonly { readonly title: string; readonly width: number; readonly cell: (w: WorkerView, counted: boolean) => string }[] = [
  { title: 'WID', width: 4, cell: (w) => String(w.id) },
  { title: 'PID', width: 8, cell: (w) => (w.pid > 0 ? String(w.pid) : '-') },
  { title: 'STATUS', width: 11, cell: (w) => w.status },
  { title: 'REQ AGE', width: 9, cell: (w) => (w.requestAgeMs === null ? '-' : formatMs(w.requestAgeMs)) },
  { title: 'REQS', width: 9, cell: (w, c) => (c ? formatNumber(w.requests) : '-') },
  { title: 'EXC', width: 6, cell: (w, c) => (c ? String(w.exceptions) : '-') },
  { title: 'HARAKIRI', width: 9, cell: (w, c) => (c ? String(w.harakiri) : '-') },
  { title: 'RESPAWNS', width: 9, cell: (w, c) => (c ? String(w.respawns) : '-') },
  { title: 'AVG', width: 10, cell: (w, c) => (c && w.requests > 0 ? formatMs(w.avgMs) : '-') },
  { title: 'RSS', width: 10, cell: (w) => bytes(w.rss) },
];

function row(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 2 ? ` ${c.padEnd(COLUMNS[i]!.width - 1)}` : c.padStart(COLUMNS[i]!.width))).join(' ');
}

function statusColor(status: string): string {
  if (status === 'busy') return ANSI.yellow;
  if (status === 'idle') return ANSI.green;
  if (status === 'cheap') return ANSI.blue;
  return ANSI.red;
}

/** Cuts `text` (no escape codes) to `width` characters. */
function fit(text: string, width: number): string {
  return text.length > width ? text.slice(0, Math.max(0, width)) : text;
}

/**
 * The full-screen view: a header (source, program, master pid, time), the
 * pool line (listen queue and its size, the deepest seen, requests per
 * second, busy workers), the last minute's busy sparkline, then one row per
 * worker. A failed read shows a red line saying the source is unreachable
 * and retrying, above the last view. Lines are cut to `width`; `color`
 * false leaves out every escape code.
 */
export function renderTopScreen(view: TopView, options: { readonly width: number; readonly color: boolean; readonly intervalMs: number }): string[] {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const w = options.width;
  const lines: string[] = [];
  const program = view.version ? `${view.version}, master pid ${view.masterPid}` : 'waiting for the first read';
  lines.push(paint(ANSI.bold, fit(`caplab top - ${view.source} - ${program} - ${clock(view.atMs)}   (q quits)`, w)));
  if (view.error !== null) {
    lines.push(paint(ANSI.red + ANSI.inverse, fit(`stats source ${view.source} ${failure(view.error)} (${view.error}), retrying every ${formatMs(options.intervalMs)}`, w)));
  }
  const rps = view.rps === null ? '-' : formatNumber(view.rps);
  const total = view.workers.reduce((s, x) => s + x.requests, 0);
  const requests = view.counted ? `requests ${formatNumber(total)}` : 'requests not visible from outside';
  lines.push(fit(`listen queue ${view.queue}/${view.queueMax} (peak ${view.queuePeak})   req/s ${rps}   busy ${view.busy}/${view.workers.length}   ${requests}`, w));
  lines.push(fit(`busy workers, last 60 s: `, w) + paint(ANSI.yellow, fit(sparkline(view.busyHistory, view.workers.length), Math.max(0, w - 25))));
  lines.push('');
  lines.push(paint(ANSI.inverse, fit(row(COLUMNS.map((c) => c.title)).padEnd(w), w)));
  for (const worker of view.workers) {
    const cells = COLUMNS.map((c) => c.cell(worker, view.counted));
    const text = fit(row(cells), w);
    const at = COLUMNS[0]!.width + COLUMNS[1]!.width + 3;
    const status = text.slice(at, at + COLUMNS[2]!.width - 1);
    lines.push(options.color ? `${text.slice(0, at)}${paint(statusColor(worker.status), status)}${text.slice(at + status.length)}` : text);
  }
  return lines;
}

/**
 * One plain line per refresh, for output that is not a terminal:
 * `HH:MM:SS queue=Q/MAX rps=R busy=B/N w1=busy(1.2 s,REQS) w2=idle(REQS) …`,
 * or `HH:MM:SS stats source S unreachable (reason), retrying` (or
 * "answered something else" when it answered what is not a stats document).
 */
export function renderTopLine(view: TopView, nowMs: number): string {
  if (view.error !== null) return `${clock(nowMs)} stats source ${view.source} ${failure(view.error)} (${view.error}), retrying`;
  const workers = view.workers.map((x) => `w${x.id}=${x.status}(${x.requestAgeMs !== null ? `${formatMs(x.requestAgeMs)},` : ''}${view.counted ? x.requests : '-'} req)`);
  return `${clock(view.atMs)} queue=${view.queue}/${view.queueMax} rps=${view.rps === null ? '-' : formatNumber(view.rps)} busy=${view.busy}/${view.workers.length} ${workers.join(' ')}`;
}
