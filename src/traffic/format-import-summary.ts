import { formatDuration, serviceMean } from '../scenario/index.js';
import type { ImportSummary, ServiceFit } from './log-types.js';

const n3 = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : '-');
const pct = (part: number, whole: number): string => (whole === 0 ? '0%' : `${n3((100 * part) / whole)}%`);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A fit in a few words: `lognormal median 12.1ms σ 0.52`. */
export function describeFit(fit: ServiceFit): string {
  const d = fit.dist;
  switch (d.dist) {
    case 'lognormal': return `lognormal median ${formatDuration(d.median)} σ ${n3(d.sigma)}`;
    case 'gamma': return `gamma mean ${formatDuration(d.mean)} Cs² ${n3(d.cs2)}`;
    case 'constant': return `constant ${formatDuration(d.value)}`;
    case 'empirical': return `empirical (${d.values.length} quantiles, mean ${formatDuration(serviceMean(d))})`;
    default: return d.dist;
  }
}

/** Per-minute rates as a line of block characters, at most `width` wide (each block the busiest minute it covers). */
function sparkline(perMinute: readonly number[], width: number): string {
  const bars = '▁▂▃▄▅▆▇█';
  const step = Math.max(1, Math.ceil(perMinute.length / width));
  const cols: number[] = [];
  for (let i = 0; i < perMinute.length; i += step) cols.push(Math.max(...perMinute.slice(i, i + step)));
  const max = Math.max(1, ...cols);
  return cols.map((c) => bars[Math.min(7, Math.floor((c / max) * 7.999))]).join('');
}

/**
 * The import summary as terminal text: what was read and dropped, the rate
 * over time, the window and its arrival figures, the per-endpoint service
 * fits and the warnings. With `maxEndpoints`, longer endpoint lists are cut
 * (the scenario's description has a length limit).
 */
export function formatImportSummary(s: ImportSummary, options: { readonly maxEndpoints?: number } = {}): string {
  const c = s.counts;
  const lines: string[] = [];
  lines.push(`Imported ${s.files.join(', ')} (${s.format})`);
  lines.push(
    `  lines: ${c.lines} read, ${c.parsed} parsed, ${c.bad} bad${c.firstBad ? ` (first: ${c.firstBad})` : ''}`,
  );
  lines.push(
    `  shares: static ${pct(c.staticHits, c.parsed)} (not sent to the pool), 4xx ${pct(c.status4xx, c.parsed)}, 5xx ${pct(c.status5xx, c.parsed)}, 499 ${pct(c.status499, c.parsed)}; retried ${c.retried} (${c.retryAttempts} extra attempts, the last one's time used)`,
  );
  if (c.untimed > 0) lines.push(`  dropped from the service fits: ${c.untimed} pool-bound requests without a service time`);
  lines.push(`  arrivals: ${s.arrivalSource === 'msec-minus-request-time' ? '$msec − $request_time (ms resolution)' : 'log timestamps (1 s resolution)'}; service: ${s.serviceSource}`);
  lines.push(`  span: ${iso(s.span.startMs)} to ${iso(s.span.endMs)}; per second mean ${n3(s.perSecondMean)}, max ${s.perSecondMax}`);
  const bin = s.rateBinMs === 60_000 ? 'min' : formatDuration(s.rateBinMs);
  lines.push(`  per ${bin === 'min' ? 'minute' : bin}: ${sparkline(s.perMinute, 60)} (max ${s.perMinute.reduce((m, c) => Math.max(m, c), 0)}/${bin})`);
  lines.push(`Window: ${s.window.how}, ${iso(s.window.startMs)} to ${iso(s.window.endMs)} (${formatDuration(s.window.endMs - s.window.startMs)})`);
  lines.push(`  λ = ${n3(s.ratePerSec)}/s over ${s.windowRequests} pool-bound requests; Ca² = ${n3(s.ca2)} (${s.ca2Method}); dispersion ${n3(s.dispersion)} (1 for Poisson)`);
  lines.push(`  service: mean ${formatDuration(s.serviceMeanMs)}, Cs² ${n3(s.serviceCs2)}; fit ${describeFit(s.service)} — ${s.service.reason}`);
  const shown = s.endpoints.slice(0, options.maxEndpoints ?? s.endpoints.length);
  lines.push('Endpoints (window):');
  for (const e of shown) {
    const fit = e.fit ? describeFit(e.fit) : 'no service times';
    lines.push(`  ${e.method} ${e.path}: ${e.count} (${pct(e.count, s.windowRequests)}), mean ${e.timed ? formatDuration(e.meanMs) : '-'}, p99 ${e.timed ? formatDuration(e.p99Ms) : '-'}, Cs² ${n3(e.cs2)}; ${fit}`);
  }
  if (shown.length < s.endpoints.length) lines.push(`  … and ${s.endpoints.length - shown.length} more`);
  for (const w of s.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
