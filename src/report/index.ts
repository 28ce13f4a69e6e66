/**
 * report/: turns results into something people read: console tables
 * (`format*`), JSON files and self-contained HTML reports (`render*`,
 * `write*`). Renderers and chart configs are pure functions of result data;
 * only the `write*` functions touch the disk.
 */
export { renderRunReport } from './render-run-report.js';
export { renderSweepReport } from './render-sweep-report.js';
export { renderCompareReport, defaultCompareLabels } from './render-compare-report.js';
export { writeHtmlReport, writeJsonResult, formatJson } from './write-report-files.js';
export { formatRunSummary } from './format-run-summary.js';
export { formatSweepTable, describeRecommendation } from './format-sweep-table.js';
export { describeRun } from './describe-run.js';
export { formatMs, formatRps, formatCount, formatNumber, formatPercent } from './format-values.js';
export type { ChartSpec, MissingChart } from './chart-spec.js';
export { buildGanttChart, GANTT_MAX_REQUESTS } from './gantt-chart.js';
export { buildRunLatencyChart } from './render-run-report.js';
export { buildPercentileChart, percentilePoints } from './percentile-chart.js';
export { buildQueueTimelineChart } from './queue-timeline-chart.js';
export { buildThroughputChart } from './throughput-chart.js';
export { buildSweepLatencyChart } from './sweep-latency-chart.js';
export { buildSweepThroughputChart } from './sweep-throughput-chart.js';
export { buildSweepTimeSplitChart, buildSweepErrorsChart } from './sweep-breakdown-charts.js';
export { buildCompareLatencyChart, buildCompareQueueChart, buildCompareThroughputChart } from './compare-charts.js';
export { formatPredictions } from './format-predictions.js';
export { formatCapacityPlan } from './format-capacity-plan.js';
export { formatLittlesLaw } from './format-littles-law.js';
export { describeQueueMode, describeQueueFallback, describeListenOverflow, describeSynRetries } from './describe-overflow.js';
export { describeObserved } from './describe-observed.js';
export { describeEngine, describeDegraded, describeWorkerRecords, engineFacts } from './describe-engine.js';
export { describePoolMemory } from './describe-pool-memory.js';
export { renderMultiReport, buildMultiLatencyChart } from './render-multi-report.js';
export { formatMultiTable } from './format-multi-table.js';
export { formatTextTable, type Align } from './text-table.js';
export { describeMultiDifferences } from './describe-multi.js';
