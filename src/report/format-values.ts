/**
 * Value formatters shared by the console reporter, the HTML tables and the
 * charts in the browser. Each function is self-contained (no imports, no
 * module-level references) because the HTML page embeds their source with
 * `Function.prototype.toString`, so page and console format alike.
 */

/**
 * Formats scenario milliseconds for people: `0 ms`, `0.25 ms`, `4.2 ms`,
 * `850 ms` below one second, then seconds with three significant digits:
 * `1.25 s`, `10.0 s`, `125 s`. Non-finite input gives `—`.
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 0) return '-' + formatMs(-ms);
  if (ms === 0) return '0 ms';
  if (ms < 1) return String(Number(ms.toPrecision(2))) + ' ms';
  if (ms < 10 && ms.toFixed(1) !== '10.0') return ms.toFixed(1) + ' ms';
  if (Math.round(ms) < 1000) return String(Math.round(ms)) + ' ms';
  const s = ms / 1000;
  if (s < 10 && s.toFixed(2) !== '10.00') return s.toFixed(2) + ' s';
  if (s < 100 && s.toFixed(1) !== '100.0') return s.toFixed(1) + ' s';
  return String(Math.round(s)) + ' s';
}

/**
 * Formats a plain number with three significant digits below 100 and as a
 * rounded integer with thousands separators from 100 on: `0.5`, `12.3`, `3,000`.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  return String(Number(x.toPrecision(3)));
}

/** Formats a rate in requests per second: `0.15 req/s`, `1.50 req/s`, `14.0 req/s`, `5,513 req/s`. */
export function formatRps(rps: number): string {
  if (!Number.isFinite(rps)) return '—';
  const a = Math.abs(rps);
  const digits =
    a >= 99.95 ? Math.round(rps).toLocaleString('en-US') : a >= 9.995 ? rps.toFixed(1) : a >= 1 ? rps.toFixed(2) : String(Number(rps.toPrecision(2)));
  return digits + ' req/s';
}

/** Formats a ratio (0.012) as a percentage with up to three significant digits: `1.2%`. */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return String(Number((ratio * 100).toPrecision(3))) + '%';
}

/**
 * Labels a point on an HdrHistogram-style percentile axis, where
 * x = 1 / (1 − q): 1 → `0%`, 2 → `50%`, 10 → `90%`, 1000 → `99.9%`,
 * 1.5 → `33.3%`. It keeps the decimals that tell tail percentiles apart.
 */
export function formatPercentileTick(x: number): string {
  if (!Number.isFinite(x) || x < 1) return '';
  const q = 100 - 100 / x;
  const decimals = Math.min(6, Math.max(1, Math.ceil(-Math.log10(100 / x)) + 1));
  return String(Number(q.toFixed(decimals))) + '%';
}

/** Formats a count as an integer with thousands separators: `3,000`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.round(n).toLocaleString('en-US');
}
