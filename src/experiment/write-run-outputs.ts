import { renderRunReport, writeHtmlReport, writeJsonResult } from '../report/index.js';
import type { RunResult } from '../results/index.js';
import { runFiles } from './run-experiment.js';

/** Writes `results.json` and (unless `html: false`) `report.html` into `dir`; returns their paths. */
export async function writeRunOutputs(
  result: RunResult,
  dir: string,
  options: { html?: boolean } = {},
): Promise<{ json: string; html: string | null }> {
  const files = runFiles(dir);
  await writeJsonResult(files.json, result);
  if (options.html === false) return { json: files.json, html: null };
  await writeHtmlReport(files.html, renderRunReport(result));
  return files;
}
