import { formatNumber } from './format-values.js';

/**
 * Wording helpers for the plain-language parts of reports: statuses,
 * plurals and status classes, so console and HTML say things the same way.
 */

/** `no response` for status 0, else `status 502`. */
export function describeStatus(status: number): string {
  return status === 0 ? 'no response' : `status ${status}`;
}

/** `1 worker`, `2 workers`; `plural(3, 'request')`. Irregular plurals take `many`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The status classes charts and tables group responses into, in display order. */
export const STATUS_CLASSES = ['2xx–3xx', '4xx', '5xx', 'no response'] as const;

/** One of `STATUS_CLASSES`. */
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** The class of an HTTP status; 0 (and anything outside 100–599) is `no response`. */
export function statusClass(status: number): StatusClass {
  if (status >= 100 && status < 400) return '2xx–3xx';
  if (status >= 400 && status < 500) return '4xx';
  if (status >= 500 && status < 600) return '5xx';
  return 'no response';
}

/**
 * Lists failing statuses from a summary's status counts, most frequent
 * first: `3 × 502, 1 × no response`. Empty when nothing failed.
 */
export function describeFailures(status: Readonly<Record<string, number>>): string {
  return Object.entries(status)
    .map(([code, n]) => ({ code: Number(code), n }))
    .filter(({ code, n }) => n > 0 && (code === 0 || code >= 400))
    .sort((a, b) => b.n - a.n || a.code - b.code)
    .map(({ code, n }) => `${n.toLocaleString('en-US')} × ${code === 0 ? 'no response' : code}`)
    .join(', ');
}

/**
 * Explains a time scale for the header: `1 (times are wall-clock)`, or
 * `0.01 (the run went 100× faster than written; every time shown is scenario time)`.
 */
export function describeTimeScale(timeScale: number): string {
  if (timeScale === 1) return '1 (scenario time is wall-clock time)';
  if (timeScale < 1 && timeScale > 0) {
    return `${timeScale} (the run went ${formatNumber(1 / timeScale)}× faster than written; every time shown is scenario time)`;
  }
  return `${timeScale} (the run went ${formatNumber(timeScale)}× slower than written; every time shown is scenario time)`;
}
