import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderMultiReport, writeHtmlReport, writeJsonResult } from '../report/index.js';
import type { MultiResult } from '../results/index.js';
import { dirSafeName } from './claim-out-dir.js';
import { MULTI_FILES } from './run-multi.js';
import type { WrittenOutputs } from './write-run-outputs.js';
import { writeFailureReason } from './write-run-outputs.js';

/**
 * Writes `multi.json` and (unless `html: false`) `report.html` into `dir`,
 * never throwing, with the same fallbacks as `writeRunOutputs`: multi.json
 * goes to a new temp folder when `dir` fails, and a failed report keeps
 * multi.json. `problem` says what happened in one line.
 */
export async function writeMultiOutputs(multi: MultiResult, dir: string, options: { html?: boolean } = {}): Promise<WrittenOutputs> {
  const files = { json: path.join(dir, MULTI_FILES.json), html: path.join(dir, MULTI_FILES.html) };
  try {
    await writeJsonResult(files.json, multi);
  } catch (err) {
    const why = writeFailureReason(err);
    try {
      const fallback = await mkdtemp(path.join(os.tmpdir(), `caplab-${dirSafeName(multi.scenario.name)}-`));
      const json = await writeJsonResult(path.join(fallback, MULTI_FILES.json), multi);
      return { json, html: null, problem: `multi.json could not be written to ${dir} (${why}); it was saved to ${json} instead` };
    } catch (again) {
      return { json: null, html: null, problem: `multi.json could not be written to ${dir} (${why}), nor to the temp folder (${writeFailureReason(again)}); only the summary above remains` };
    }
  }
  if (options.html === false) return { json: files.json, html: null, problem: null };
  try {
    await writeHtmlReport(files.html, renderMultiReport(multi));
    return { ...files, problem: null };
  } catch (err) {
    return { json: files.json, html: null, problem: `report.html could not be written to ${dir} (${writeFailureReason(err)}); multi.json is kept at ${files.json}` };
  }
}
