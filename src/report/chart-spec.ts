/**
 * The plain-data description of one chart. Builders produce it from result
 * data without a browser; the page script turns it into a chart.js chart,
 * adding what JSON cannot carry (tick formatters, tooltips, fill patterns).
 */

/** How the values on an axis are printed, in ticks and tooltips. */
export type ValueFormat = 'ms' | 'count' | 'number' | 'rps' | 'percent' | 'percentile' | 'workers';

/** Fill patterns drawn over a colour, so fills differ without colour too. */
export type PatternName = 'hatch' | 'crosshatch' | 'dots';

/**
 * Text for each bar of a dataset ('' = none). Labels go inside a bar when
 * they fit; otherwise, with `outside`, beside a horizontal bar or above a
 * vertical one, and not at all without it.
 */
export interface BarLabels {
  readonly texts: readonly string[];
  readonly outside: boolean;
}

/** One chart.js dataset, as JSON. */
export interface DatasetJson {
  readonly label: string;
  readonly data: readonly unknown[];
  readonly [option: string]: unknown;
}

/** A chart.js configuration made only of JSON values. */
export interface ChartConfigJson {
  readonly type: 'bar' | 'line';
  readonly data: { readonly labels?: readonly string[]; readonly datasets: readonly DatasetJson[] };
  readonly options: Readonly<Record<string, unknown>>;
}

/** One chart: its words (title, how to read it, notes), size, config and what the page adds. */
export interface ChartSpec {
  /** DOM id of the chart's canvas; unique within a page. */
  readonly id: string;
  /** Title with units, e.g. `Latency by percentile (ms / s)`. */
  readonly title: string;
  /** One sentence telling a newcomer how to read the chart. */
  readonly howToRead: string;
  /** Caveats shown under the chart: sampling, missing data, aggregation. */
  readonly notes: readonly string[];
  /** Height of the chart area in CSS pixels. */
  readonly height: number;
  readonly config: ChartConfigJson;
  /** Value format per scale id (`x`, `y`). */
  readonly formats: Readonly<Record<string, ValueFormat>>;
  /** Tooltip text per dataset index, one string per data point. */
  readonly tooltips?: Readonly<Record<number, readonly string[]>>;
  /** Fill pattern per dataset index: one for all bars, or one per bar (null = solid). */
  readonly patterns?: Readonly<Record<number, PatternName | readonly (PatternName | null)[]>>;
  /** Text drawn on bars, per dataset index. */
  readonly barLabels?: Readonly<Record<number, BarLabels>>;
  /**
   * Category indexes, per scale id, where a new group of rows begins (a
   * worker's thread rows); the page draws a darker grid line before each.
   */
  readonly groupStarts?: Readonly<Record<string, readonly number[]>>;
}

/** A chart that could not be drawn, with the reason shown in its place. */
export interface MissingChart {
  readonly id: string;
  readonly title: string;
  readonly missing: string;
}

/** True when a builder returned a reason instead of a chart. */
export function isMissingChart(c: ChartSpec | MissingChart): c is MissingChart {
  return 'missing' in c;
}
