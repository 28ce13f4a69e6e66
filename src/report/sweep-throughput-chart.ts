import { uslPeakInSight } from '../plan/index.js';
import type { SweepResult } from '../results/index.js';
import { axis, baseOptions, lineStyle } from './chart-options.js';
import type { ChartSpec, DatasetJson } from './chart-spec.js';
import { formatRps } from './format-values.js';
import { DASH, SERIES_COLOR } from './palette.js';
import { predictedAt, runsByWorkers, workerLabels } from './sweep-latency-chart.js';

/**
 * Throughput against the number of workers, with the offered rate
 * (`sweep.offeredRps`) as a dotted horizontal line when the sweep records
 * one (otherwise a note says it is omitted), and a dashed predicted curve
 * when runs carry `predicted.throughputRps`.
 */
export function buildSweepThroughputChart(sweep: SweepResult, id = 'chart-sweep-throughput'): ChartSpec {
  const runs = runsByWorkers(sweep);
  const datasets: DatasetJson[] = [
    {
      label: 'throughput, measured',
      data: runs.map((r) => r.summary.throughputRps),
      ...lineStyle(SERIES_COLOR.throughput, DASH.solid, { pointStyle: 'circle', pointRadius: 5 }),
    },
  ];
  const offered = sweep.offeredRps;
  const notes: string[] = [];
  if (offered !== null) {
    datasets.push({
      label: `offered rate (${formatRps(offered)})`,
      data: runs.map(() => offered),
      ...lineStyle(SERIES_COLOR.offered, DASH.dotted, { pointRadius: 0 }),
    });
  } else {
    notes.push('The sweep did not record an offered rate (offeredRps), so no offered-rate line is drawn.');
  }
  const predicted = runs.map((r) => predictedAt(r, 'throughputRps'));
  if (predicted.some((v) => v !== null)) {
    datasets.push({
      label: 'throughput, predicted',
      data: predicted,
      ...lineStyle(SERIES_COLOR.throughput, DASH.dashed, { pointStyle: 'circle', pointRadius: 3, borderWidth: 1.5 }),
    });
  }
  const usl = uslCurve(sweep, runs.map((r) => r.workers));
  if (usl) {
    datasets.push({
      label: 'Universal Scalability Law fit',
      data: usl.values,
      ...lineStyle(SERIES_COLOR.offered, DASH.dashed, { pointRadius: 0, borderWidth: 1.5 }),
    });
    notes.push(usl.note);
  }
  return {
    id,
    title: 'Throughput by number of workers (req/s)',
    howToRead:
      'How many requests per second completed with each worker count. While throughput is below the offered rate (the dotted line) the pool is the bottleneck and requests pile up in the queue; once it meets the line, more workers add no throughput.',
    notes,
    height: 300,
    config: {
      type: 'line',
      data: { labels: workerLabels(sweep), datasets },
      options: baseOptions(
        {
          x: axis('category', 'workers (processes in the pool)'),
          y: axis('linear', 'completed requests per second', { beginAtZero: true }),
        },
        { interaction: { mode: 'index', intersect: false } },
      ),
    },
    formats: { y: 'rps' },
  };
}

/**
 * The USL fit a sweep carries (`usl`: lambda, sigma, kappa, peakN), evaluated
 * at the sweep's worker counts, X(N) = λN / (1 + σ(N−1) + κN(N−1)), with a
 * sentence giving the fitted contention and coherency; null without a fit.
 */
function uslCurve(sweep: SweepResult, workers: readonly number[]): { values: number[]; note: string } | null {
  const usl = sweep.usl;
  if (usl === null) return null;
  const { lambda, sigma, kappa } = usl;
  const values = workers.map((n) => (lambda * n) / (1 + sigma * (n - 1) + kappa * n * (n - 1)));
  const peak = uslPeakInSight(usl.peakN, Math.max(...workers));
  const fit = `Universal Scalability Law fit: contention σ = ${sigma.toFixed(3)}, coherency κ = ${kappa.toFixed(4)}, R² = ${usl.rSquared.toFixed(3)}`;
  const note = `${fit}${peak === null ? '; no peak in sight: throughput keeps rising within 10× the largest count swept.' : `; throughput peaks near ${Math.round(peak)} workers.`}`;
  return { values, note };
}
