import type { z } from 'zod';
import { CaplabError, type ErrorCode } from '../errors.js';
import { countIssueLines, issueLines, type PathNamer } from './format-issues.js';

/** Problems listed one by one before the rest are only counted. */
export const PROBLEMS_LISTED = 20;

/** How `parseConfig` names and reports what it validates. */
export interface ParseConfigOptions {
  /** Starts every line: `scenario seed.yaml`, `pool options`, `flags`. */
  readonly label: string;
  /** The error's code (default E_USAGE); an issue whose params carry `errorCode` overrides it (see `issueCode`). */
  readonly code?: ErrorCode;
  /** One line added under the problems; default: none. */
  readonly hint?: string;
  /** Known keys, for "did you mean" on unknown ones. */
  readonly vocabulary?: readonly string[];
  /** Names a path in messages (default `load[1].open.rate`). */
  readonly nameOf?: PathNamer;
  /** Problems found outside the schema (e.g. missing files), listed after the schema's. */
  readonly extraProblems?: readonly string[];
  /** Most lines listed (default PROBLEMS_LISTED); the rest end in "… and N more". */
  readonly maxListed?: number;
}

/**
 * Params for a custom or refine issue that decides the error's code, e.g.
 * `{ params: issueCode('E_NOT_LOOPBACK') }`: codes are matched on this
 * field, never on message text.
 */
export function issueCode(code: ErrorCode): { readonly errorCode: ErrorCode } {
  return Object.freeze({ errorCode: code });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The lines of a config error: the first `maxListed` problems, each prefixed by the label, then "… and N more". */
export function problemLines(label: string, lines: Iterable<string>, total: number, maxListed = PROBLEMS_LISTED): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (out.length >= maxListed) break;
    out.push(`${label}: ${line}`);
  }
  if (total > out.length) out.push(`${label}: … and ${total - out.length} more`);
  return out;
}

/**
 * caplab's one way to validate a config: parses `input` with `schema` and
 * returns the result deep-frozen, or throws one CaplabError listing every
 * problem (the first 20, then "… and N more"), one per line, each as
 * `<label>: <path> <predicate>, got <value>`. The code is `options.code`
 * (E_USAGE by default) unless an issue carries an `errorCode` param
 * (`issueCode`), such as a loopback refusal's E_NOT_LOOPBACK.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, options: ParseConfigOptions): Readonly<z.output<S>> {
  const parsed = schema.safeParse(input, { reportInput: true });
  const extra = options.extraProblems ?? [];
  if (parsed.success && extra.length === 0) return deepFreeze(parsed.data);
  const issues = parsed.success ? [] : parsed.error.issues;
  const byIssue = issues.map((i) => (i.code === 'custom' ? (i.params as { errorCode?: ErrorCode } | undefined)?.errorCode : undefined)).find((c) => c !== undefined);
  const total = countIssueLines(issues) + extra.length;
  const all = (function* () {
    yield* issueLines(issues, { ...(options.vocabulary ? { vocabulary: options.vocabulary } : {}), ...(options.nameOf ? { nameOf: options.nameOf } : {}) });
    yield* extra;
  })();
  const lines = problemLines(options.label, all, total, options.maxListed);
  const count = total > 1 ? `${total} problems` : '';
  const hint = [count, options.hint].filter((s) => s !== undefined && s !== '').join('; ');
  throw new CaplabError(byIssue ?? options.code ?? 'E_USAGE', lines.join('\n'), hint === '' ? {} : { hint });
}
