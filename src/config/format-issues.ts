import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** How a path is written in a message: `load[1].open.rate` by default; the CLI writes `--max-workers`. */
export type PathNamer = (path: readonly PropertyKey[]) => string;

/** Options for `formatIssues`. */
export interface FormatIssuesOptions {
  /**
   * Known keys as paths from the root (`stack.workers`, `load[].open.rate`;
   * see `keyPaths`), for "did you mean" on unknown ones. A key is suggested
   * by its name where it belongs under the same parent, and by its whole
   * path where it belongs elsewhere (`workers` at the top: "stack.workers").
   */
  readonly vocabulary?: readonly string[];
  /** Names a path (default `formatPath`); an empty path is "the input" unless named otherwise. */
  readonly nameOf?: PathNamer;
}

/** `['load', 1, 'open', 'rate']` → `load[1].open.rate`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${formatValue(String(seg))}]`;
  }
  return out;
}

const SHOWN_CHARS = 60;

/**
 * A short rendering of a bad value, as messages quote it: strings in JSON
 * quotes (control characters escaped, so binary input never garbles a
 * terminal), numbers and booleans as they are, structures as JSON; all cut
 * to about 60 characters, with the full length said for long strings.
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const cut = value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS - 3)}...` : value;
    const quoted = JSON.stringify(cut).replace(/[\u007f-\u009f\ufffd\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return value.length > SHOWN_CHARS ? `${quoted} (${value.length} characters)` : quoted;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = Object.prototype.toString.call(value);
  }
  return json.length > SHOWN_CHARS ? `${json.slice(0, SHOWN_CHARS - 3)}...` : json;
}

/** Edit distance, case-insensitive; only called on short keys (see `suggest`). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diag = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const up = row[j] ?? 0;
      row[j] = Math.min(up + 1, (row[j - 1] ?? 0) + 1, diag + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length] ?? 0;
}

/** A key's parent as vocabulary paths write it: `['load', 0, 'open']` → `load[].open`. */
function parentPattern(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? '[]' : out === '' ? String(seg) : `.${String(seg)}`;
  return out;
}

/** A vocabulary path split at its last key: `load[].open.rate` → [`load[].open`, `rate`]. */
function splitPath(entry: string): [parent: string, key: string] {
  const dot = entry.lastIndexOf('.');
  return dot < 0 ? ['', entry] : [entry.slice(0, dot), entry.slice(dot + 1)];
}

/**
 * ` (did you mean "rate"?)` for a key close to one known under the same
 * parent; ` (did you mean "stack.workers"?)` for one known (or close to one
 * known) elsewhere, by its whole path with list items as `[n]` (up to three
 * places, when it is known in several); nothing for keys over 40 characters.
 * A nearer match wins; at equal distance, the same parent does.
 */
function suggest(key: string, parent: string, vocabulary: readonly string[]): string {
  if (key.length > 40) return '';
  const limit = Math.max(1, Math.floor(key.length / 3)) + 1;
  let local: string | undefined;
  let localDistance = limit;
  let elsewhere: string[] = [];
  let elsewhereDistance = limit;
  for (const entry of vocabulary) {
    const [where, word] = splitPath(entry);
    const d = distance(key, word);
    if (where === parent) {
      if (d > 0 && d < localDistance) [local, localDistance] = [word, d];
    } else if (d < elsewhereDistance) {
      [elsewhere, elsewhereDistance] = [[entry], d];
    } else if (d === elsewhereDistance && d < limit) {
      elsewhere.push(entry);
    }
  }
  if (local !== undefined && localDistance <= elsewhereDistance) return ` (did you mean "${local}"?)`;
  if (elsewhere.length === 0) return '';
  const named = elsewhere.slice(0, 3).map((e) => `"${e.replaceAll('[]', '[n]')}"`);
  return named.length === 1 ? ` (did you mean ${named[0]}?)` : ` (did you mean one of ${named.join(', ')}${elsewhere.length > 3 ? ', …' : ''}?)`;
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, below: boolean): string {
  const op = below ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return `${op} ${String(below ? issue.minimum : issue.maximum)}`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  record: 'a mapping (key: value)',
};

/** Whether a message was written by caplab (a predicate) rather than zod (e.g. "Too small: expected…"). */
function isPredicate(message: string): boolean {
  return /^(must|is|are|cannot|has|have|expects|needs|gives) /.test(message);
}

/** The predicate part of a problem: "must be > 0", "is required", …; never zod's own wording. */
function predicate(issue: Issue): string {
  if (isPredicate(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int' && typeof issue.input === 'number') return 'must be a whole number';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${String(issue.minimum)} characters long`;
      return `must be ${bound(issue, true)}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${String(issue.maximum)} item(s)`;
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters long`;
      return `must be ${bound(issue, false)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${formatValue(issue.values[0])}` : `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `must match ${String((issue as { pattern?: unknown }).pattern)}` : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_key':
      return 'is not an accepted key';
    case 'invalid_element':
      return 'has an invalid element';
    case 'invalid_union':
      return 'matches none of the accepted forms';
    default:
      return 'is invalid';
  }
}

/**
 * Keeps one issue per path for zod's paired bound checks: `1e23` against
 * `.int().lte(512)` fails both the safe-integer bound and 512; only the
 * tighter bound is reported. Other issues are kept as they are.
 */
function dedupe(issues: readonly Issue[]): Issue[] {
  const kept: Issue[] = [];
  const boundAt = new Map<string, number>();
  for (const issue of issues) {
    if (issue.code !== 'too_big' && issue.code !== 'too_small') {
      kept.push(issue);
      continue;
    }
    const key = `${issue.code}\u0000${issue.path.map(String).join('\u0000')}`;
    const at = boundAt.get(key);
    if (at === undefined) {
      boundAt.set(key, kept.length);
      kept.push(issue);
      continue;
    }
    const prev = kept[at] as Issue & { maximum?: unknown; minimum?: unknown };
    const cur = issue as Issue & { maximum?: unknown; minimum?: unknown };
    const tighter = issue.code === 'too_big' ? Number(cur.maximum) < Number(prev.maximum) : Number(cur.minimum) > Number(prev.minimum);
    if (tighter) kept[at] = issue;
  }
  return kept;
}

/**
 * caplab's one rendering of zod issues, one line per problem:
 * `<path> <predicate>, got <value>`, e.g. `load[1].open.rate must be > 0, got -5`.
 * Unknown keys get a line each, with a "did you mean" when a known key is
 * close. A custom issue whose `params` has `bare: true` already says what it
 * found and gets no ", got …". Lazy: callers that list only the first lines
 * pay only for those (a file of 40,000 unknown keys is not formatted 40,000 times).
 */
export function* issueLines(issues: readonly Issue[], options: FormatIssuesOptions = {}): Generator<string> {
  const nameOf = options.nameOf ?? ((p: readonly PropertyKey[]) => (p.length === 0 ? 'the input' : formatPath(p)));
  const vocabulary = options.vocabulary ?? [];
  for (const issue of dedupe(issues)) {
    if (issue.code === 'unrecognized_keys') {
      const parent = parentPattern(issue.path);
      for (const key of issue.keys) yield `${nameOf([...issue.path, key])} is not a known key${suggest(key, parent, vocabulary)}`;
      continue;
    }
    const bare = issue.code === 'custom' && (issue.params as { bare?: boolean } | undefined)?.bare === true;
    const got = !bare && 'input' in issue && issue.input !== undefined ? `, got ${formatValue(issue.input)}` : '';
    yield `${nameOf(issue.path)} ${predicate(issue)}${got}`;
  }
}

/** How many lines `issueLines` gives for these issues, without formatting them. */
export function countIssueLines(issues: readonly Issue[]): number {
  let n = 0;
  for (const issue of dedupe(issues)) n += issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
  return n;
}

/** Every line of `issueLines`, as an array (for small inputs such as flags and options). */
export function formatIssues(issues: readonly Issue[], options: FormatIssuesOptions = {}): string[] {
  return [...issueLines(issues, options)];
}
