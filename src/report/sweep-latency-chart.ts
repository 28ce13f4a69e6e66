import type { SweepPredicted, SweepResult, SweepRun } from '../results/index.js';
import { axis, baseOptions, lineStyle } from './chart-options.js';
import type { ChartSpec, DatasetJson } from './chart-spec.js';
import { DASH, SERIES_COLOR } from './palette.js';

/** The sweep's runs in ascending worker order. */
export function runsByWorkers(sweep: SweepResult): SweepRun[] {
  return [...sweep.runs].sort((a, b) => a.workers - b.workers);
}

/** Worker counts as category labels, in ascending order. */
export function workerLabels(sweep: SweepResult): string[] {
  return runsByWorkers(sweep).map((r) => String(r.workers));
}

/** The figures a sweep run's prediction may carry. */
export type PredictedKey = Exclude<keyof SweepPredicted, 'source'>;

/** A run's `predicted[key]`, or null when the run has no prediction or the model no figure (a gap in the curve). */
export function predictedAt(run: SweepRun, key: PredictedKey): number | null {
  return run.predicted?.[key] ?? null;
}

const MEASURED = [
  { key: 'p50', predictedKey: 'p50LatencyMs', label: 'p50 (median)', color: SERIES_COLOR.p50, pointStyle: 'circle' },
  { key: 'p90', predictedKey: null, label: 'p90', color: SERIES_COLOR.p90, pointStyle: 'rect' },
  { key: 'p99', predictedKey: 'p99LatencyMs', label: 'p99', color: SERIES_COLOR.p99, pointStyle: 'triangle' },
] as const;

/**
 * Latency p50, p90 and p99 against the number of workers (solid lines with
 * distinct markers), plus a dashed "predicted" curve for each percentile
 * that any run carries in `predicted` (`p50LatencyMs`, `p99LatencyMs`; the
 * models give no p90).
 */
export function buildSweepLatencyChart(sweep: SweepResult, id = 'chart-sweep-latency'): ChartSpec {
  const runs = runsByWorkers(sweep);
  const datasets: DatasetJson[] = [];
  for (const m of MEASURED) {
    datasets.push({
      label: `${m.label}, measured`,
      data: runs.map((r) => r.summary.latencyMs[m.key]),
      ...lineStyle(m.color, DASH.solid, { pointStyle: m.pointStyle, pointRadius: 5 }),
    });
  }
  for (const m of MEASURED) {
    if (m.predictedKey === null) continue;
    const key = m.predictedKey;
    const predicted = runs.map((r) => predictedAt(r, key));
    if (predicted.every((v) => v === null)) continue;
    datasets.push({
      label: `${m.label}, predicted`,
      data: predicted,
      // A large ✕ marker stays visible where it falls on the measured point.
      ...lineStyle(m.color, DASH.dashed, { pointStyle: 'crossRot', pointRadius: 8, pointBorderWidth: 2, borderWidth: 1.5, spanGaps: false }),
    });
  }
  const hasPrediction = datasets.length > MEASURED.length;
  const values = datasets.flatMap((d) => d.data).filter((v): v is number => typeof v === 'number' && v > 0);
  // Latencies across worker counts often span orders of magnitude (60 s
  // overloaded, 400 ms not); on a linear axis the good runs would sit on zero.
  const log = values.length > 0 && Math.max(...values) / Math.min(...values) > 30;
  return {
    id,
    title: 'Latency percentiles by number of workers (ms / s)',
    howToRead:
      'Each line shows how long requests took at one percentile as workers are added: p50 is the typical request, p99 the slowest 1 in 100. Lines flattening out mean more workers no longer help.' +
      (hasPrediction ? ' Dashed lines are what the queueing model predicted; gaps mean it predicted no steady state (overload).' : ''),
    notes: log ? ['The vertical axis is logarithmic: each gridline step multiplies the time, so fast and slow runs both stay readable.'] : [],
    height: 320,
    config: {
      type: 'line',
      data: { labels: workerLabels(sweep), datasets },
      options: baseOptions(
        {
          x: axis('category', 'workers (processes in the pool)'),
          y: log ? axis('logarithmic', 'latency (ms / s, log scale)') : axis('linear', 'latency (ms / s)', { beginAtZero: true }),
        },
        { interaction: { mode: 'index', intersect: false } },
      ),
    },
    formats: { y: 'ms' },
  };
}
