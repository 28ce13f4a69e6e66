import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** `['load', 1, 'open', 'rate']` → `load[1].open.rate`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** A short rendering of a bad value: strings quoted, structures as truncated JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

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

function suggest(key: string, vocabulary: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const word of vocabulary) {
    const d = distance(key, word);
    if (d < bestDistance) [best, bestDistance] = [word, d];
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, below: boolean): string {
  const op = below ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return `${op} ${String(below ? issue.minimum : issue.maximum)}`;
}

/** The predicate part of a problem: "must be > 0", "is required", … */
function predicate(issue: Issue): string {
  if (/^(must|is|cannot|has|expects) /.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int') return 'must be a whole number';
      if (issue.expected === 'object') return 'must be a mapping (key: value)';
      if (issue.expected === 'array') return 'must be a list';
      return `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${bound(issue, true)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} item(s)`;
      return `must be ${bound(issue, false)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return `is invalid (${issue.message})`;
  }
}

/**
 * Turns zod issues into one line per problem: `<path> <predicate>, got <value>`,
 * e.g. `load[1].open.rate must be > 0, got -5`. Unknown keys get one line
 * each, with a "did you mean" from `vocabulary` when a known key is close.
 */
export function formatIssues(issues: readonly Issue[], vocabulary: readonly string[] = []): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const where = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${formatPath([...issue.path, key])} is not a known key${suggest(key, vocabulary)}`);
      continue;
    }
    const bare = issue.code === 'custom' && (issue.params as { bare?: boolean } | undefined)?.bare === true;
    const got = !bare && 'input' in issue && issue.input !== undefined ? `, got ${formatValue(issue.input)}` : '';
    lines.push(`${where === '' ? 'the file' : where} ${predicate(issue)}${got}`);
  }
  return lines;
}
