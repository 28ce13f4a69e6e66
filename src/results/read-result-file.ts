import { readFile } from 'node:fs/promises';
import { caplabError } from '../errors.js';
import type { RunResult, SweepResult } from './types.js';

/**
 * Reads a `results.json` (caplab.run/1) or `sweep.json` (caplab.sweep/1).
 * A missing file, bad JSON or another schema is an E_RESULTS_INVALID error
 * (exit 2) naming the file.
 */
export async function readResultFile(file: string): Promise<RunResult | SweepResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw caplabError('E_RESULTS_INVALID', `cannot read ${file}: no such file`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw caplabError('E_RESULTS_INVALID', `${file} is not valid JSON (${(err as Error).message})`);
  }
  const schema = (data as { schema?: unknown } | null)?.schema;
  if (schema === 'caplab.run/1') {
    const run = data as RunResult;
    if (!Array.isArray(run.requests) || typeof run.summary !== 'object') {
      throw caplabError('E_RESULTS_INVALID', `${file} says caplab.run/1 but has no requests[] or summary`);
    }
    return run;
  }
  if (schema === 'caplab.sweep/1') {
    const sweep = data as SweepResult;
    if (!Array.isArray(sweep.runs)) throw caplabError('E_RESULTS_INVALID', `${file} says caplab.sweep/1 but has no runs[]`);
    return sweep;
  }
  throw caplabError('E_RESULTS_INVALID', `${file} is not a caplab results file (schema ${JSON.stringify(schema)}; expected caplab.run/1 or caplab.sweep/1)`);
}
