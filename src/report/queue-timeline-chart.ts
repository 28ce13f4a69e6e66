import type { RunResult, TimelinePoint } from '../results/index.js';
import { axis, baseOptions, lineStyle } from './chart-options.js';
import type { ChartSpec, DatasetJson, MissingChart } from './chart-spec.js';
import { formatCount, formatMs } from './format-values.js';
import { DASH, SERIES_COLOR, withAlpha } from './palette.js';
import { reloadDatasets } from './reload-marks.js';

/** Above this many samples the timeline is reduced (about one point per 2 px of chart). */
export const TIMELINE_MAX_POINTS = 600;

/**
 * Reduces a timeline to at most `max` points, one per equal slice of
 * samples: the slice's largest queue depth (so queue peaks survive) and its
 * mean number of busy workers (so utilisation reads true).
 */
export function reduceTimeline(points: readonly TimelinePoint[], max = TIMELINE_MAX_POINTS): readonly TimelinePoint[] {
  if (points.length <= max) return points;
  const out: TimelinePoint[] = [];
  for (let k = 0; k < max; k += 1) {
    const from = Math.floor((k * points.length) / max);
    const to = Math.floor(((k + 1) * points.length) / max);
    let queue = 0;
    let busy = 0;
    for (let i = from; i < to; i += 1) {
      queue = Math.max(queue, points[i]!.queue);
      busy += points[i]!.busy;
    }
    out.push({ tMs: points[from]!.tMs, queue, busy: Math.round((busy / (to - from)) * 100) / 100 });
  }
  return out;
}

const STEP = { stepped: 'before', pointRadius: 0, pointHitRadius: 4 } as const;

/** A stepped queue-depth series for a timeline (shared with the compare report). */
export function queueDataset(label: string, points: readonly TimelinePoint[], color: string, dash: readonly number[]): DatasetJson {
  return { label, data: points.map((p) => ({ x: p.tMs, y: p.queue })), ...lineStyle(color, dash, STEP) };
}

/**
 * Listen-queue depth and busy workers over time, from the run's sampled
 * `timeline`, with the worker count as a reference line. An empty timeline
 * gives a `MissingChart` saying so, never an empty chart.
 */
export function buildQueueTimelineChart(result: RunResult, id = 'chart-queue'): ChartSpec | MissingChart {
  const title = 'Listen queue and busy workers over time (count)';
  if (result.timeline.length === 0) {
    return { id, title, missing: 'The pool was not sampled during this run (the timeline is empty), so queue depth and busy workers over time are unknown.' };
  }
  const points = reduceTimeline(result.timeline);
  const first = points[0]!.tMs;
  const last = points[points.length - 1]!.tMs;
  const workers = result.stack.workers;
  // With threads the timeline counts busy threads (uWSGI's cores), against workers × threads.
  const threads = result.plan.stack.threads;
  const capacity = workers * threads;
  const datasets: DatasetJson[] = [
    queueDataset('requests waiting in the listen queue', points, SERIES_COLOR.queue, DASH.solid),
    {
      label: threads > 1 ? 'busy threads' : 'busy workers',
      data: points.map((p) => ({ x: p.tMs, y: p.busy })),
      ...lineStyle(SERIES_COLOR.busy, DASH.solid, { ...STEP, borderWidth: 1, fill: 'origin', backgroundColor: withAlpha(SERIES_COLOR.busy, 0.28) }),
    },
    {
      label: threads > 1 ? `threads in the pool (${workers} workers × ${threads})` : `workers in the pool (${workers})`,
      data: [{ x: first, y: capacity }, { x: last, y: capacity }],
      ...lineStyle(SERIES_COLOR.capacity, DASH.dotted, { pointRadius: 0, borderWidth: 1.5 }),
    },
    ...reloadDatasets(result, Math.max(capacity, ...points.map((p) => p.queue)), last),
  ];
  const notes: string[] = [];
  const interval = points.length > 1 ? (last - first) / (result.timeline.length - 1) : 0;
  if (interval > 0) notes.push(`Sampled about every ${formatMs(interval)}; anything shorter between samples is not seen.`);
  if (points.length < result.timeline.length) {
    notes.push(
      `${formatCount(result.timeline.length)} samples are drawn as ${formatCount(points.length)} points: each shows the longest queue and the average number of busy workers in its interval.`,
    );
  }
  return {
    id,
    title,
    howToRead:
      'The orange line counts requests waiting for a free worker; the shaded green area counts workers busy serving one. When the green area reaches the dotted line (every worker busy), new requests have to queue.',
    notes,
    height: 300,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions({
        x: axis('linear', 'time since the run started'),
        y: axis('linear', 'requests or workers (count)', { beginAtZero: true, ticks: { precision: 0 } }),
      }),
    },
    formats: { x: 'ms', y: 'count' },
  };
}
