import { CaplabError } from '../errors.js';
import { formatDuration } from '../scenario/index.js';
import { meanScv } from './distribution-math.js';

/** The chosen window and the arrival figures inside it. */
export interface ArrivalFit {
  readonly startMs: number;
  readonly endMs: number;
  readonly how: string;
  /** Index range [first, end) of the window's arrivals in the sorted array. */
  readonly first: number;
  readonly end: number;
  readonly ratePerSec: number;
  readonly ca2: number;
  readonly ca2Method: string;
  readonly dispersion: number;
  readonly perMinute: number[];
  /** The width of a `perMinute` bin: a minute, or more for logs longer than about 69 days. */
  readonly rateBinMs: number;
  readonly perSecondMax: number;
  readonly perSecondMean: number;
}

/** First index i with sorted[i] >= t. */
export function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts of arrivals per `binMs` from `startMs` to `endMs`. */
function countBins(sorted: Float64Array, startMs: number, endMs: number, binMs: number): Uint32Array {
  const bins = new Uint32Array(Math.max(1, Math.ceil((endMs - startMs) / binMs)));
  for (let i = lowerBound(sorted, startMs); i < sorted.length && (sorted[i] as number) < endMs; i += 1) {
    const b = Math.floor(((sorted[i] as number) - startMs) / binMs);
    bins[Math.min(bins.length - 1, b)] = (bins[Math.min(bins.length - 1, b)] as number) + 1;
  }
  return bins;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Most bins of the rate-over-time series (a minute each up to about 69 days, wider beyond). */
const MAX_RATE_BINS = 100_000;
/** Longest range the busiest window is searched in, per second: 62 days (5.4 million counts). */
const MAX_PEAK_RANGE_MS = 62 * 86_400_000;

/**
 * Mean and index of dispersion (variance / mean) of per-second counts from
 * `startMs` for `seconds` seconds, from the run lengths of the sorted
 * arrivals: no array per second, whatever the span.
 */
function perSecondStats(sorted: Float64Array, startMs: number, seconds: number): { mean: number; dispersion: number; max: number } {
  const endMs = startMs + seconds * 1000;
  let total = 0;
  let sumSq = 0;
  let max = 0;
  let i = lowerBound(sorted, startMs);
  while (i < sorted.length && (sorted[i] as number) < endMs) {
    const second = Math.floor(((sorted[i] as number) - startMs) / 1000);
    let c = 0;
    while (i < sorted.length && (sorted[i] as number) < endMs && Math.floor(((sorted[i] as number) - startMs) / 1000) === second) {
      c += 1;
      i += 1;
    }
    total += c;
    sumSq += c * c;
    max = Math.max(max, c);
  }
  const mean = total / seconds;
  const variance = sumSq / seconds - mean * mean;
  return { mean, dispersion: mean > 0 ? Math.max(0, variance) / mean : 0, max };
}

/**
 * Fits the arrival process of pool-bound requests (`sorted`, epoch ms,
 * ascending). The window is `--from/--to` (default: the whole log), and
 * within it, with `peakMs`, the busiest window of that length, found on
 * per-second counts. Ca² is the squared CV of inter-arrival times when
 * arrivals have ms resolution; at 1 s resolution those gaps are mostly 0,
 * so Ca² is estimated by the index of dispersion of per-second counts
 * (equal to Ca² for a renewal process over windows much longer than a
 * gap). Impossible windows are E_LOG_INVALID naming the log's span.
 */
export function fitArrivals(
  sorted: Float64Array,
  options: { readonly peakMs?: number; readonly fromMs?: number; readonly toMs?: number; readonly msResolution: boolean; readonly where: string },
): ArrivalFit {
  const spanStart = sorted[0] as number;
  const spanEnd = Math.max((sorted[sorted.length - 1] as number) + 1, spanStart + 1000);
  const span = `${iso(spanStart)} to ${iso(spanEnd)}`;
  const from = options.fromMs ?? spanStart;
  const to = options.toMs ?? spanEnd;
  if (from >= to) throw new CaplabError('E_LOG_INVALID', `${options.where}: --from ${iso(from)} is not before --to ${iso(to)}`);
  if (from >= spanEnd || to <= spanStart) throw new CaplabError('E_LOG_INVALID', `${options.where}: the window ${iso(from)} to ${iso(to)} is outside the log, which spans ${span}`);
  const lo = Math.max(from, spanStart);
  const hi = Math.min(to, spanEnd);
  const rateBinMs = Math.max(60_000, Math.ceil((spanEnd - spanStart) / MAX_RATE_BINS / 60_000) * 60_000);
  const perMinute = Array.from(countBins(sorted, spanStart, spanEnd, rateBinMs));

  let startMs = lo;
  let endMs = hi;
  let how = options.fromMs !== undefined || options.toMs !== undefined ? 'the --from/--to range' : 'the whole log';
  if (options.peakMs !== undefined) {
    if (options.peakMs <= 0 || options.peakMs > hi - lo + 1000) {
      throw new CaplabError('E_LOG_INVALID', `${options.where}: a ${formatDuration(options.peakMs)} peak window is longer than the ${formatDuration(hi - lo)} of log it is chosen from (${iso(lo)} to ${iso(hi)})`);
    }
    if (hi - lo > MAX_PEAK_RANGE_MS) {
      throw new CaplabError('E_LOG_INVALID', `${options.where}: the log spans ${formatDuration(hi - lo)} (${iso(lo)} to ${iso(hi)}); narrow the busiest-window search to at most 62 days with --from/--to`);
    }
    const perSecond = countBins(sorted, lo, hi, 1000);
    const k = Math.min(perSecond.length, Math.max(1, Math.round(options.peakMs / 1000)));
    let sum = 0;
    for (let i = 0; i < k; i += 1) sum += perSecond[i] as number;
    let best = sum;
    let bestAt = 0;
    for (let i = k; i < perSecond.length; i += 1) {
      sum += (perSecond[i] as number) - (perSecond[i - k] as number);
      if (sum > best) {
        best = sum;
        bestAt = i - k + 1;
      }
    }
    startMs = lo + bestAt * 1000;
    endMs = startMs + options.peakMs;
    how = `the busiest ${formatDuration(options.peakMs)} (by per-second counts)`;
  }
  const first = lowerBound(sorted, startMs);
  const end = lowerBound(sorted, endMs);
  const count = end - first;
  const ratePerSec = count / ((endMs - startMs) / 1000);
  const { dispersion } = perSecondStats(sorted, startMs, Math.max(1, Math.round((endMs - startMs) / 1000)));
  let ca2 = dispersion;
  let ca2Method = 'index of dispersion of per-second counts (arrivals have 1 s resolution)';
  if (options.msResolution && count >= 3) {
    const gaps = new Float64Array(count - 1);
    for (let i = first + 1; i < end; i += 1) gaps[i - first - 1] = (sorted[i] as number) - (sorted[i - 1] as number);
    ca2 = meanScv(gaps).scv;
    ca2Method = 'squared CV of inter-arrival times';
  }
  const all = perSecondStats(sorted, spanStart, Math.max(1, Math.ceil((spanEnd - spanStart) / 1000)));
  return { startMs, endMs, how, first, end, ratePerSec, ca2, ca2Method, dispersion, perMinute, rateBinMs, perSecondMax: all.max, perSecondMean: all.mean };
}
