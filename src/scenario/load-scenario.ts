import { open } from 'node:fs/promises';
import path from 'node:path';
import { CaplabError } from '../errors.js';
import { LIMITS } from './limits.js';
import { displayPath, parseScenario } from './parse-scenario.js';
import type { Scenario } from './scenario-schema.js';

/**
 * Reads and validates a scenario file (see `parseScenario` for the errors).
 * A missing or unreadable file is E_SCENARIO_NOT_FOUND; a file over
 * LIMITS.fileBytes is refused (E_SCENARIO_PARSE) from its size, before it
 * is read.
 */
export async function loadScenario(file: string): Promise<Scenario> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    const handle = await open(absolute, 'r');
    try {
      const { size } = await handle.stat();
      if (size > LIMITS.fileBytes) {
        throw new CaplabError('E_SCENARIO_PARSE', `scenario ${displayPath(absolute)}: the file is ${size} bytes, more than the limit of ${LIMITS.fileBytes} (1 MiB)`, {
          hint: 'a scenario describes load in a few lines; generate large request lists in code instead',
        });
      }
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof CaplabError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code;
    throw new CaplabError('E_SCENARIO_NOT_FOUND', `scenario file not found: ${displayPath(absolute)} (${why})`, { cause: err });
  }
  return parseScenario(text, absolute);
}
