import { statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { formatPath, formatValue, parseConfig } from '../config/index.js';
import { CaplabError } from '../errors.js';
import { findDuplicateKey } from './duplicate-key.js';
import { LIMITS } from './limits.js';
import { loadTraces } from './load-traces.js';
import { SCENARIO_KEYS, ScenarioSchema, type Scenario } from './scenario-schema.js';

/** How a scenario file is named in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Problems with the files a scenario points at (`stack.static`, `stack.app`), resolved from `baseDir`. */
function fileProblems(raw: unknown, baseDir: string): string[] {
  const stack = (raw as { stack?: Record<string, unknown> } | null)?.stack;
  if (stack === null || typeof stack !== 'object') return [];
  const problems: string[] = [];
  const isKind = (p: string, dir: boolean): boolean => {
    try {
      const st = statSync(p);
      return dir ? st.isDirectory() : st.isFile();
    } catch {
      return false;
    }
  };
  const usable = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length <= LIMITS.filePathChars && !v.includes('\0');
  if (usable(stack['static']) && !isKind(path.resolve(baseDir, stack['static']), true)) {
    problems.push(`stack.static must be a directory (relative to the scenario file), got ${formatValue(stack['static'])}`);
  }
  const app = stack['app'];
  if (usable(app) && app !== 'sample' && !isKind(path.resolve(baseDir, app), false)) {
    problems.push(`stack.app must be "sample" or an app module file (relative to the scenario file), got ${formatValue(app)}`);
  }
  return problems;
}

/** A scenario is text: NUL bytes or invalid UTF-8 (decoded as U+FFFD) mean a binary file. */
function looksBinary(text: string): boolean {
  return text.includes('\0') || text.includes('\ufffd');
}

/**
 * Parses and validates scenario text. `file` names the scenario in messages
 * and is the base for its relative paths (the working directory when null).
 * Throws E_SCENARIO_PARSE (with line:col) for YAML syntax, a duplicate key,
 * binary content or text over LIMITS.fileBytes, and E_SCENARIO_INVALID
 * listing every problem at once (the first 20, then "… and N more"), one
 * per line: `scenario seed.yaml: load[1].open.rate must be > 0, got -5`.
 * Returns a deep-frozen Scenario, with each `trace` phase's trace file
 * read (see `loadTraces`). Time is linear in the size of the text.
 */
export function parseScenario(text: string, file: string | null = null): Scenario {
  const label = file === null ? '<inline>' : displayPath(file);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.fileBytes) {
    throw new CaplabError('E_SCENARIO_PARSE', `scenario ${label}: the file is ${bytes} bytes, more than the limit of ${LIMITS.fileBytes} (1 MiB)`, {
      hint: 'a scenario describes load in a few lines; generate large request lists in code instead',
    });
  }
  if (looksBinary(text)) {
    throw new CaplabError('E_SCENARIO_PARSE', `scenario ${label}: not a text file (it holds NUL bytes or invalid UTF-8)`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: true, lineCounter });
  const [syntax] = doc.errors;
  if (syntax) {
    const pos = syntax.linePos?.[0];
    const where = pos ? `:${pos.line}:${pos.col}` : '';
    const first = (syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new CaplabError('E_SCENARIO_PARSE', `scenario ${label}${where}: YAML syntax error: ${first}`);
  }
  const duplicate = findDuplicateKey(doc);
  if (duplicate) {
    const pos = lineCounter.linePos(duplicate.offset);
    throw new CaplabError('E_SCENARIO_PARSE', `scenario ${label}:${pos.line}:${pos.col}: YAML syntax error: the key ${formatValue(duplicate.key)} appears twice in one mapping`);
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (raw === null || raw === undefined) {
    throw new CaplabError('E_SCENARIO_INVALID', `scenario ${label}: the file is empty; a scenario needs at least name and load`);
  }
  const baseDir = file === null ? process.cwd() : path.dirname(file);
  const scenario = parseConfig(ScenarioSchema, raw, {
    label: `scenario ${label}`,
    code: 'E_SCENARIO_INVALID',
    vocabulary: SCENARIO_KEYS,
    nameOf: (p) => (p.length === 0 ? 'the file' : formatPath(p)),
    extraProblems: fileProblems(raw, baseDir),
    hint: 'the scenario format is described in README.md',
  });
  return loadTraces(scenario, baseDir, `scenario ${label}`);
}
