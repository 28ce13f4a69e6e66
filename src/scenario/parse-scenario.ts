import { statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { CaplabError } from '../errors.js';
import { formatIssues, formatValue } from './format-issues.js';
import { SCENARIO_KEYS, ScenarioSchema, type Scenario } from './scenario-schema.js';

/** How a scenario file is named in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
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
  if (typeof stack['static'] === 'string' && stack['static'] !== '' && !isKind(path.resolve(baseDir, stack['static']), true)) {
    problems.push(`stack.static must be a directory (relative to the scenario file), got ${formatValue(stack['static'])}`);
  }
  const app = stack['app'];
  if (typeof app === 'string' && app !== '' && app !== 'sample' && !isKind(path.resolve(baseDir, app), false)) {
    problems.push(`stack.app must be "sample" or an app module file (relative to the scenario file), got ${formatValue(app)}`);
  }
  return problems;
}

/**
 * Parses and validates scenario text. `file` names the scenario in messages
 * and is the base for its relative paths (the working directory when null).
 * Throws E_SCENARIO_PARSE (with line:col) for YAML syntax, and
 * E_SCENARIO_INVALID listing every problem at once, one per line:
 * `scenario seed.yaml: load[1].open.rate must be > 0, got -5`.
 * Returns a deep-frozen Scenario.
 */
export function parseScenario(text: string, file: string | null = null): Scenario {
  const label = file === null ? '<inline>' : displayPath(file);
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const [syntax] = doc.errors;
  if (syntax) {
    const pos = syntax.linePos?.[0];
    const where = pos ? `:${pos.line}:${pos.col}` : '';
    const first = (syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new CaplabError('E_SCENARIO_PARSE', `scenario ${label}${where}: YAML syntax error: ${first}`);
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    throw new CaplabError('E_SCENARIO_INVALID', `scenario ${label}: the file is empty; a scenario needs at least name and load`);
  }
  const result = ScenarioSchema.safeParse(raw, { reportInput: true });
  const problems = result.success ? [] : formatIssues(result.error.issues, SCENARIO_KEYS);
  problems.push(...fileProblems(raw, file === null ? process.cwd() : path.dirname(file)));
  if (problems.length > 0 || !result.success) {
    throw new CaplabError('E_SCENARIO_INVALID', problems.map((p) => `scenario ${label}: ${p}`).join('\n'), {
      hint: problems.length > 1 ? `${problems.length} problems; the scenario format is described in README.md` : 'the scenario format is described in README.md',
    });
  }
  return deepFreeze(result.data);
}
