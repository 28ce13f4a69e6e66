import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CaplabError } from '../errors.js';
import { displayPath, parseScenario } from './parse-scenario.js';
import type { Scenario } from './scenario-schema.js';

/**
 * Reads and validates a scenario file (see `parseScenario` for the errors).
 * A missing or unreadable file is E_SCENARIO_NOT_FOUND.
 */
export async function loadScenario(file: string): Promise<Scenario> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code;
    throw new CaplabError('E_SCENARIO_NOT_FOUND', `scenario file not found: ${displayPath(absolute)} (${why})`, { cause: err });
  }
  return parseScenario(text, absolute);
}
