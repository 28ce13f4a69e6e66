import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { caplabError } from '../errors.js';
import { RunResultSchema } from './run-result-schema.js';
import { SweepResultSchema } from './sweep-result-schema.js';
import { MultiResultSchema } from './multi-result-schema.js';
import type { MultiResult, RunResult, SweepResult } from './types.js';

const SCHEMAS = { 'caplab.run/1': RunResultSchema, 'caplab.sweep/1': SweepResultSchema, 'caplab.multi/1': MultiResultSchema } as const;

const isKnownTag = (tag: unknown): tag is keyof typeof SCHEMAS => typeof tag === 'string' && Object.hasOwn(SCHEMAS, tag);

/** Why a file could not be read, in words, by its errno code. */
function unreadable(file: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'no such file'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'it is a directory'
    : `${code ?? 'error'}: ${(err as Error).message}`;
  return caplabError('E_RESULTS_INVALID', `cannot read ${file}: ${why}`, { cause: err });
}

/** The first zod issue as `<path>: <problem>` or `<path> is missing (expected <type>)`, e.g. `summary.latencyMs.p99: expected number, received null`. */
function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? z.core.toDotPath(issue.path) : 'the top level';
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(issue.message);
  if (missing) return `${where} is missing (expected ${missing[1]})`;
  const what = issue.message.replace(/^Invalid input: /, '');
  return `${where}: ${what.charAt(0).toLowerCase()}${what.slice(1)}`;
}

/**
 * Validates parsed JSON as a caplab result: a `caplab.run/1`,
 * `caplab.sweep/1` or `caplab.multi/1` document that matches its schema. Anything else is an
 * E_RESULTS_INVALID error (exit 2) whose one-line message names `file` and
 * either says it is not caplab JSON or names the first bad field by path.
 */
export function parseResult(data: unknown, file: string): RunResult | SweepResult | MultiResult {
  const tag = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as { schema?: unknown }).schema : undefined;
  if (!isKnownTag(tag)) {
    throw caplabError(
      'E_RESULTS_INVALID',
      `${file} is not caplab JSON (its "schema" is ${tag === undefined ? 'missing' : JSON.stringify(tag)}; expected caplab.run/1, caplab.sweep/1 or caplab.multi/1)`,
    );
  }
  const parsed = SCHEMAS[tag].safeParse(data);
  if (!parsed.success) throw caplabError('E_RESULTS_INVALID', `${file} is a broken ${tag} file: ${firstProblem(parsed.error)}`);
  return parsed.data;
}

/**
 * Reads and validates a `results.json` (caplab.run/1), `sweep.json`
 * (caplab.sweep/1) or `multi.json` (caplab.multi/1). Every failure is an E_RESULTS_INVALID error (exit 2)
 * that tells apart a missing file, one that may not be read, one that is
 * not caplab JSON, and one that is but has a bad field (named by path).
 */
export async function readResultFile(file: string): Promise<RunResult | SweepResult | MultiResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw unreadable(file, err);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw caplabError('E_RESULTS_INVALID', `${file} is not caplab JSON (not valid JSON: ${(err as Error).message})`);
  }
  return parseResult(data, file);
}
