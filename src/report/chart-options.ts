/**
 * Small builders for the chart.js option objects every chart shares, so
 * axis titles, legends and tooltips look the same across reports.
 */

/** A titled axis. `type` is a chart.js scale type. */
export function axis(
  type: 'linear' | 'logarithmic' | 'category',
  title: string,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return { type, title: { display: true, text: title }, ...extra };
}

/** Options common to every chart: legend at the bottom, tooltips on, given scales. */
export function baseOptions(
  scales: Readonly<Record<string, unknown>>,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    scales,
    interaction: { mode: 'nearest', intersect: false },
    plugins: { legend: { position: 'bottom' }, tooltip: { enabled: true } },
    ...extra,
  };
}

/** Style for a line series: colour, dash, point marker and no fill. */
export function lineStyle(
  color: string,
  dash: readonly number[],
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    borderColor: color,
    backgroundColor: color,
    borderDash: dash,
    borderWidth: 2,
    fill: false,
    ...extra,
  };
}

/** Clamps a chart height so very small and very large charts stay usable. */
export function clampHeight(px: number, min = 220, max = 1400): number {
  return Math.round(Math.max(min, Math.min(max, px)));
}
