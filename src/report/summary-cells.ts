import type { Summary } from '../results/index.js';
import { formatCount, formatMs, formatRps } from './format-values.js';

/**
 * A summary's cells in the order the run report's phase table and the
 * multi-stack table use: requests, errors, throughput, latency p50, p90,
 * p99 and max, the queue wait's `queueCentre` (mean or p50) and p99, and
 * the service p50; '—' where no request carried timing headers.
 */
export function summaryCells(s: Summary, queueCentre: 'mean' | 'p50'): string[] {
  return [
    formatCount(s.count),
    formatCount(s.errors),
    formatRps(s.throughputRps),
    formatMs(s.latencyMs.p50),
    formatMs(s.latencyMs.p90),
    formatMs(s.latencyMs.p99),
    formatMs(s.latencyMs.max),
    s.queueMs.count ? formatMs(s.queueMs[queueCentre]) : '—',
    s.queueMs.count ? formatMs(s.queueMs.p99) : '—',
    s.serviceMs.count ? formatMs(s.serviceMs.p50) : '—',
  ];
}
