import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isCaplabError } from '../errors.js';
import { renderRunReport, writeHtmlReport, writeJsonResult } from '../report/index.js';
import type { RunResult } from '../results/index.js';
import { runFiles } from './run-experiment.js';
import { dirSafeName } from './claim-out-dir.js';

/** What `writeRunOutputs` managed to write. */
export interface WrittenOutputs {
  /** Where results.json is: in the run's folder, or the fallback in the temp folder; null if nowhere. */
  readonly json: string | null;
  readonly html: string | null;
  /** One line on what could not be written and where the results are instead; null when all went well. */
  readonly problem: string | null;
}

/**
 * Writes `results.json` and (unless `html: false`) `report.html` into `dir`,
 * never throwing: a measurement must outlive a full disk. If results.json
 * cannot be written there, it goes to a new folder under the system's temp
 * folder instead; if report.html fails, results.json is kept. The report
 * writers remove their temporary files on failure. `problem` says what
 * happened in one line.
 */
export async function writeRunOutputs(result: RunResult, dir: string, options: { html?: boolean; tmpDir?: string } = {}): Promise<WrittenOutputs> {
  const files = runFiles(dir);
  try {
    await writeJsonResult(files.json, result);
  } catch (err) {
    const why = writeFailureReason(err);
    try {
      const fallback = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), `caplab-${dirSafeName(result.scenario.name)}-`));
      const json = await writeJsonResult(path.join(fallback, 'results.json'), result);
      return { json, html: null, problem: `results.json could not be written to ${dir} (${why}); it was saved to ${json} instead` };
    } catch (again) {
      return { json: null, html: null, problem: `results.json could not be written to ${dir} (${why}), nor to the temp folder (${writeFailureReason(again)}); only the summary above remains` };
    }
  }
  if (options.html === false) return { json: files.json, html: null, problem: null };
  try {
    await writeHtmlReport(files.html, renderRunReport(result));
    return { ...files, problem: null };
  } catch (err) {
    return { json: files.json, html: null, problem: `report.html could not be written to ${dir} (${writeFailureReason(err)}); results.json is kept at ${files.json}` };
  }
}

/** Why a write failed: the report writer's own message (it names the file and the errno), or the errno. */
export function writeFailureReason(err: unknown): string {
  if (isCaplabError(err)) return err.message;
  const e = err as NodeJS.ErrnoException;
  return e.code ?? (err instanceof Error ? err.message : String(err));
}
