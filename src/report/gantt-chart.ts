import { isOk, sampleRecords, type RequestRecord, type RunResult } from '../results/index.js';
import { axis, baseOptions, clampHeight } from './chart-options.js';
import type { BarLabels, ChartSpec, DatasetJson, PatternName } from './chart-spec.js';
import { describeStatus, plural } from './describe.js';
import { formatCount, formatMs } from './format-values.js';
import { SERIES_COLOR, withAlpha } from './palette.js';
import { assignThreadLanes, laneOverlap, type LaneOverlap, type ServiceInterval, type ThreadLanes } from './thread-lanes.js';

/** Above this many requests the timeline draws a uniform sample. */
export const GANTT_MAX_REQUESTS = 2000;

/** Runs with at most this many requests get each bar labelled with its request id. */
export const GANTT_LABEL_IDS_UP_TO = 50;

/** Label of the lane for requests no worker answered. */
export const FAILED_LANE = 'unserved / failed';

/** The lane label for a worker id. */
export function workerLane(worker: number): string {
  return `worker ${worker}`;
}

/** The sub-lane label for one of a worker's threads (1-based), used when the pool ran threads > 1. */
export function threadLane(worker: number, thread: number): string {
  return `${workerLane(worker)} · thread ${thread}`;
}

interface Bar {
  readonly x: readonly [number, number];
  readonly y: string;
}

/** Worker lanes in id order; fills in idle workers when ids look like 1..workers. */
function workerIds(records: readonly RequestRecord[], workers: number): number[] {
  const seen = new Set<number>();
  for (const r of records) if (r.worker !== null) seen.add(r.worker);
  const fitsOneBased = [...seen].every((w) => w >= 1 && w <= workers);
  if (fitsOneBased) for (let w = 1; w <= workers; w += 1) seen.add(w);
  return [...seen].sort((a, b) => a - b);
}

function tooltip(r: RequestRecord, queue: number, service: number, lane: string | null): string {
  const who = lane ?? 'no worker';
  return [
    `request #${r.id}: ${r.method} ${r.path}`,
    `${who}, ${describeStatus(r.status)}${r.error ? ` (${r.error})` : ''}`,
    `sent at ${formatMs(r.sentMs)}; waited ${formatMs(queue)}; served ${formatMs(service)}; total ${formatMs(r.latencyMs)}`,
  ].join('\n');
}

interface Series {
  readonly bars: Bar[];
  readonly tips: string[];
  readonly labels: string[];
}

const series = (): Series => ({ bars: [], tips: [], labels: [] });

/** Queue wait and service of a served request; service falls back to what the latency leaves. */
function timing(r: RequestRecord): { q: number; s: number } {
  const q = r.queueMs ?? 0;
  return { q, s: r.serviceMs ?? Math.max(0, r.latencyMs - q - (r.sentMs - r.scheduledMs)) };
}

/** The rows of the chart for served requests, and each served request's row. */
interface Rows {
  readonly lanes: string[];
  readonly laneOf: (r: RequestRecord, worker: number) => string;
  readonly sub: ThreadLanes | null;
  /** Workers whose rows are their recorded threads (see `recordedCoreWorkers`), in id order. */
  readonly recorded: readonly number[];
  /** How far requests on the same recorded thread row overlap by their recorded times. */
  readonly overlap: LaneOverlap;
  /** Workers with drawn requests whose rows are caplab's placement, in id order. */
  readonly placed: readonly number[];
  /** Index of each worker's first thread row after the first worker's; empty with threads = 1. */
  readonly groupStarts: number[];
}

const NO_OVERLAP: LaneOverlap = { overlapping: 0, maxOverlapMs: 0 };

/**
 * Workers every one of whose drawn requests names the thread that served it
 * (`core`, from the embedded pool's X-Caplab-Core) within `threads`: their
 * requests can go on the pool's own thread rows. A worker with one request
 * lacking it (real pools, results older than the header) is left out.
 */
function recordedCoreWorkers(kept: readonly RequestRecord[], threads: number): Set<number> {
  const known = new Set<number>();
  const unknown = new Set<number>();
  for (const r of kept) {
    if (r.worker === null) continue;
    const fits = typeof r.core === 'number' && Number.isInteger(r.core) && r.core >= 0 && r.core < threads;
    (fits ? known : unknown).add(r.worker);
  }
  for (const w of unknown) known.delete(w);
  return known;
}

/**
 * One row per worker; with threads > 1, one sub-row per thread within each
 * worker: exactly `threads` of them, each request on the thread that served
 * it, for a worker whose drawn requests all recorded their thread (`core`,
 * 0-based, drawn as thread core + 1); otherwise each request on the first
 * row free at its service start (`assignThreadLanes`), with more than
 * `threads` rows where that placement needed them.
 */
function rows(kept: readonly RequestRecord[], ordered: readonly RequestRecord[], workers: number, threads: number): Rows {
  const ids = workerIds(ordered, workers);
  if (threads <= 1) return { lanes: ids.map(workerLane), laneOf: (_r, worker) => workerLane(worker), sub: null, recorded: [], overlap: NO_OVERLAP, placed: [], groupStarts: [] };
  const recorded = recordedCoreWorkers(kept, threads);
  const interval = (r: RequestRecord, worker: number): ServiceInterval => {
    const { q, s } = timing(r);
    return { id: r.id, worker, startMs: r.sentMs + q, endMs: r.sentMs + q + s };
  };
  const intervals = kept.flatMap((r) => (r.worker === null || recorded.has(r.worker) ? [] : [interval(r, r.worker)]));
  const known = kept.flatMap((r) => (r.worker !== null && recorded.has(r.worker) ? [{ ...interval(r, r.worker), lane: (r.core ?? 0) + 1 }] : []));
  const sub = assignThreadLanes(intervals, threads);
  const lanes: string[] = [];
  const groupStarts: number[] = [];
  for (const w of ids) {
    if (lanes.length > 0) groupStarts.push(lanes.length);
    const n = recorded.has(w) ? threads : Math.max(threads, sub.lanesOf.get(w) ?? 0);
    for (let t = 1; t <= n; t += 1) lanes.push(threadLane(w, t));
  }
  const laneOf = (r: RequestRecord, worker: number): string =>
    recorded.has(worker) && typeof r.core === 'number' ? threadLane(worker, r.core + 1) : threadLane(worker, sub.laneOf.get(r.id) ?? 1);
  const placed = [...sub.lanesOf.keys()].sort((a, b) => a - b);
  return { lanes, laneOf, sub, recorded: [...recorded].sort((a, b) => a - b), overlap: laneOverlap(known), placed, groupStarts };
}

const ONE_THREAD_HOW_TO_READ =
  'Each row is one worker process, which serves one request at a time. Within a row, the upper orange bars are requests waiting in the listen queue for that worker to become free, and the lower blue bars are the worker serving them. Hatched red bars failed (status ≥ 400 or no response); requests no worker took are on the last row, labelled with their status. In small runs each bar carries its request number (#3); hover a bar for its numbers.';

/** How the requests were put on thread rows: all as recorded, all placed by caplab, or some of each. */
type Placement = 'recorded' | 'placed' | 'mixed';

const PLACEMENT_HOW_TO_READ: Record<Placement, string> = {
  recorded: "Each request is drawn on the row of the thread that served it, as the pool named it (X-Caplab-Core): the rows are the pool's own threads.",
  placed:
    "Results name the worker that served a request, not the thread, so each request is drawn on the first of its worker's rows that was free when its service began: how many rows are busy at once is measured, which thread is which is caplab's placement.",
  mixed:
    "Where the pool named the thread that served each request (X-Caplab-Core), the rows are its own threads; for the other workers each request is drawn on the first of the worker's rows free when its service began (see the note).",
};

function threadsHowToRead(threads: number, placement: Placement): string {
  return `Each worker process has ${threads} rows between darker lines, one per thread (uWSGI's cores), and a thread serves one request at a time. ${PLACEMENT_HOW_TO_READ[placement]} Within a row, the upper orange bars are requests waiting in the listen queue until that worker took them, and the lower blue bars are the requests being served. Hatched red bars failed (status ≥ 400 or no response); requests no worker took are on the last row, labelled with their status. In small runs each bar carries its request number (#3); hover a bar for its numbers.`;
}

/**
 * The per-request timeline: one lane per worker, each request a queue-wait
 * bar (from `sentMs`, `queueMs` long) then a service bar (`serviceMs` long)
 * on the lane of the worker that served it; within a lane, waits sit on the
 * upper half and service on the lower half, so they never hide each other.
 * A served request with status >= 400 has a hatched red service bar.
 * Requests no worker served go on the `FAILED_LANE`, hatched and labelled
 * with their status. Above `maxRequests` a uniform sample in send order is
 * drawn, and a note says so. Datasets present, in order: queue, served,
 * then (only when non-empty) served-but-failed and unserved.
 *
 * When the plan ran threads > 1 (`plan.stack.threads`), each worker's row
 * splits into one sub-lane per thread (`worker 1 · thread 2`), its queue bar
 * with it. When every drawn request of a worker recorded the thread that
 * served it (`core`, which only the embedded pool sends), each goes on that
 * thread's sub-lane and the worker has exactly `threads` of them; a note
 * says the rows are the pool's own threads. Otherwise (real pools, older
 * results) each request goes on the first sub-lane free at its service
 * start (see `assignThreadLanes`), and a worker whose recorded requests
 * overlap more than `threads` deep gets extra sub-lanes, and a note says
 * so. With threads = 1 the chart is one lane per worker.
 */
export function buildGanttChart(result: RunResult, options: { maxRequests?: number; id?: string } = {}): ChartSpec {
  const cap = options.maxRequests ?? GANTT_MAX_REQUESTS;
  const ordered = [...result.requests].sort((a, b) => a.sentMs - b.sentMs || a.id - b.id);
  const { kept, sampling } = sampleRecords(ordered, cap);
  const idLabel = (r: RequestRecord): string => (kept.length <= GANTT_LABEL_IDS_UP_TO ? `#${r.id} ` : '');
  const threads = result.plan.stack.threads;
  const { lanes, laneOf, sub, recorded, overlap, placed, groupStarts } = rows(kept, ordered, result.stack.workers, threads);
  const placement: Placement = recorded.length > 0 && placed.length === 0 ? 'recorded' : recorded.length > 0 ? 'mixed' : 'placed';
  const queue = series();
  const served = series();
  const servedFailed = series();
  const unserved = series();
  for (const r of kept) {
    if (r.worker === null) {
      unserved.bars.push({ x: [r.sentMs, Math.max(r.sentMs, r.scheduledMs + r.latencyMs)], y: FAILED_LANE });
      unserved.tips.push(tooltip(r, r.queueMs ?? 0, r.serviceMs ?? 0, null));
      unserved.labels.push(`${idLabel(r)}${r.status === 0 ? 'no response' : String(r.status)}`);
      continue;
    }
    const lane = laneOf(r, r.worker);
    const { q, s } = timing(r);
    if (q > 0) {
      queue.bars.push({ x: [r.sentMs, r.sentMs + q], y: lane });
      queue.tips.push(tooltip(r, q, s, lane));
      queue.labels.push(idLabel(r) ? `${idLabel(r)}waiting` : '');
    }
    const target = isOk(r) ? served : servedFailed;
    target.bars.push({ x: [r.sentMs + q, r.sentMs + q + s], y: lane });
    target.tips.push(tooltip(r, q, s, lane));
    target.labels.push(isOk(r) ? idLabel(r).trim() : `${idLabel(r)}${r.status}`);
  }
  if (unserved.bars.length > 0) {
    if (sub !== null && lanes.length > 0) groupStarts.push(lanes.length);
    lanes.push(FAILED_LANE);
  }
  // White borders separate neighbouring bars in small runs but would wash out
  // bars only a pixel or two wide in large ones.
  const bar = { borderWidth: kept.length <= 200 ? 1 : 0, borderColor: '#ffffff', categoryPercentage: 0.92, barPercentage: 0.96 };
  const datasets: DatasetJson[] = [];
  const tooltips: Record<number, readonly string[]> = {};
  const patterns: Record<number, PatternName> = {};
  const barLabels: Record<number, BarLabels> = {};
  const add = (s: Series, label: string, color: string, extra: Record<string, unknown>, pattern?: PatternName, outside = false): number => {
    const index = datasets.length;
    datasets.push({ label, data: s.bars, backgroundColor: color, ...bar, ...extra });
    tooltips[index] = s.tips;
    if (s.labels.some((l) => l !== '')) barLabels[index] = { texts: s.labels, outside };
    if (pattern) patterns[index] = pattern;
    return index;
  };
  add(queue, 'waiting in the listen queue', withAlpha(SERIES_COLOR.queue, 0.9), { stack: 'queue' });
  add(served, sub === null ? 'being served by the worker' : 'being served by the worker (one of its threads)', SERIES_COLOR.service, { stack: 'service', minBarLength: 1 });
  if (servedFailed.bars.length > 0) {
    add(servedFailed, 'served, but failed (status ≥ 400)', SERIES_COLOR.failed, { stack: 'service', minBarLength: 4 }, 'hatch');
  }
  if (unserved.bars.length > 0) {
    add(unserved, 'failed, no worker took it (last row)', SERIES_COLOR.failed, { grouped: false, minBarLength: 4 }, 'hatch', true);
  }
  const notes: string[] = [];
  if (sampling.sampled) {
    notes.push(
      `Showing ${formatCount(sampling.kept)} of ${formatCount(sampling.total)} requests, sampled uniformly in send order, so the chart stays readable.`,
    );
  }
  if (result.sampling.sampled) {
    notes.push(`results.json itself keeps a uniform sample of ${formatCount(result.sampling.kept)} of ${formatCount(result.sampling.total)} requests.`);
  }
  if (recorded.length > 0) {
    const overlapping =
      overlap.overlapping === 0
        ? ''
        : ` By the recorded times, ${plural(overlap.overlapping, 'request')} ${overlap.overlapping === 1 ? 'starts' : 'start'} before the previous one on ${overlap.overlapping === 1 ? 'its' : 'their'} thread has ended, by at most ${formatMs(overlap.maxOverlapMs)}: a thread serves one request at a time, but start times are measured at the load generator, so requests served back to back can appear to overlap by the varying delay between it and the pool.`;
    notes.push(
      (placement === 'recorded'
        ? "The thread rows are the pool's own threads: each request is drawn on the thread that served it, as the pool named it in X-Caplab-Core."
        : `The thread rows of ${recorded.map(workerLane).join(', ')} are the pool's own threads (X-Caplab-Core); the requests of ${placed.map(workerLane).join(', ')} did not all say which thread served them, so caplab placed them.`) + overlapping,
    );
  }
  if (sub !== null && sub.overfull.length > 0) {
    const one = sub.overfull.length === 1;
    notes.push(
      `${plural(sub.beyond, 'request')} of ${sub.overfull.map(workerLane).join(', ')} ${sub.beyond === 1 ? 'is' : 'are'} drawn on extra thread rows rather than overlapping: by the recorded times, more than ${threads} requests were in service at once on ${one ? 'that worker' : 'those workers'}, by at most ${formatMs(sub.maxExcessMs)}. Start times are measured at the load generator, so requests served back to back on one thread can appear to overlap by the varying delay between it and the pool.`,
    );
  }
  if (kept.length === 0) notes.push('The run recorded no requests.');
  const rowPx = lanes.length <= 8 ? 46 : lanes.length <= 32 ? 24 : 12;
  return {
    id: options.id ?? 'chart-gantt',
    title: `Every request over time, by worker${sub === null ? '' : ' and thread'} (time in ms / s)`,
    howToRead: sub === null ? ONE_THREAD_HOW_TO_READ : threadsHowToRead(threads, placement),
    notes,
    height: clampHeight(110 + lanes.length * rowPx),
    config: {
      type: 'bar',
      data: { labels: lanes, datasets },
      options: baseOptions(
        {
          x: axis('linear', 'time since the run started', { min: 0, stacked: false }),
          y: axis('category', sub === null ? 'worker' : 'worker · thread'),
        },
        { indexAxis: 'y', interaction: { mode: 'nearest', intersect: true } },
      ),
    },
    formats: { x: 'ms' },
    tooltips,
    patterns,
    barLabels,
    ...(groupStarts.length > 0 ? { groupStarts: { y: groupStarts } } : {}),
  };
}
