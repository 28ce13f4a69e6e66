import { caplabError } from '../errors.js';
import type { StackSpec } from '../experiment/index.js';
import { POOL_KINDS, PROXY_KINDS } from '../stack/index.js';

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** `a, b or c`. */
const either = (list: readonly string[]): string => `${list.slice(0, -1).join(', ')}${list.length > 1 ? ' or ' : ''}${list[list.length - 1]}`;

/**
 * Reads one stack spec, `<proxy>+<pool>` (or `embedded` alone, meaning
 * embedded+embedded). The kinds accepted are exactly PROXY_KINDS and
 * POOL_KINDS, so a new kind needs no edit here. Returns a problem in words
 * naming the bad part and what is accepted.
 */
export function parseStackSpec(text: string): StackSpec | { readonly problem: string } {
  const spec = text.trim();
  if (spec === 'embedded') return { label: 'embedded', proxy: 'embedded', pool: 'embedded' };
  const parts = spec.split('+');
  if (parts.length !== 2) return { problem: `"${text}" is not <proxy>+<pool> (e.g. nginx+${POOL_KINDS[POOL_KINDS.length - 1]}, or embedded)` };
  const [proxy, pool] = parts as [string, string];
  if (!isOneOf(PROXY_KINDS, proxy)) return { problem: `"${text}": proxy "${proxy}" must be ${either(PROXY_KINDS)}` };
  if (!isOneOf(POOL_KINDS, pool)) return { problem: `"${text}": pool "${pool}" must be ${either(POOL_KINDS)}` };
  return { label: proxy === 'embedded' && pool === 'embedded' ? 'embedded' : `${proxy}+${pool}`, proxy, pool };
}

/**
 * Reads a list of stack specs, from `--stacks a,b,c` or a scenario's
 * `stacks:`. Every problem (bad spec, repeated stack, empty list) is
 * reported at once in one one-line E_USAGE error (exit 2) that starts with
 * `where`.
 */
export function parseStackList(specs: string | readonly string[], where: string): readonly StackSpec[] {
  const items = typeof specs === 'string' ? specs.split(',') : specs;
  const problems: string[] = [];
  const out: StackSpec[] = [];
  for (const item of items) {
    const parsed = parseStackSpec(item);
    if ('problem' in parsed) problems.push(parsed.problem);
    else if (out.some((s) => s.label === parsed.label)) problems.push(`"${parsed.label}" is listed twice`);
    else out.push(parsed);
  }
  if (out.length === 0 && problems.length === 0) problems.push('lists no stack');
  if (problems.length > 0) {
    throw caplabError('E_USAGE', `${where}: ${problems.join('; ')}`);
  }
  return Object.freeze(out);
}
