import type { RunResult, SweepResult } from '../results/index.js';
import { formatRunSummary } from './format-run-summary.js';
import { formatSweepTable } from './format-sweep-table.js';
import { renderRunReport } from './render-run-report.js';
import { renderSweepReport } from './render-sweep-report.js';
import { formatJson } from './write-report-files.js';

/**
 * The one interface every reporter shares: a name and a pure `render`
 * from result data to text. Writing the text anywhere is the caller's
 * business (`writeJsonResult`, `writeHtmlReport`, stdout).
 */
export interface Reporter<T> {
  readonly name: 'console' | 'json' | 'html';
  /** The file extension its output belongs in (`.txt` for the console). */
  readonly extension: '.txt' | '.json' | '.html';
  render(data: T): string;
}

/** Reporters for a run's `RunResult`, by name. */
export const runReporters: Readonly<Record<Reporter<RunResult>['name'], Reporter<RunResult>>> = Object.freeze({
  console: { name: 'console', extension: '.txt', render: formatRunSummary },
  json: { name: 'json', extension: '.json', render: formatJson },
  html: { name: 'html', extension: '.html', render: renderRunReport },
});

/** Reporters for a sweep's `SweepResult`, by name. */
export const sweepReporters: Readonly<Record<Reporter<SweepResult>['name'], Reporter<SweepResult>>> = Object.freeze({
  console: { name: 'console', extension: '.txt', render: formatSweepTable },
  json: { name: 'json', extension: '.json', render: formatJson },
  html: { name: 'html', extension: '.html', render: renderSweepReport },
});
