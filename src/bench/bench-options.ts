import { parseArgs } from 'node:util';

/** What `npm run bench -- [--only NAME]… [--quick] [--out DIR]` asked for. */
export interface BenchOptions {
  /** Result names to measure (empty = all). */
  readonly only: readonly string[];
  readonly quick: boolean;
  /** Where bench.json and bench.md go (reports/bench). */
  readonly outDir: string;
}

/** A usage problem, every one listed; the runner prints it and exits 2. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/**
 * Parses the bench's flags. `--only` may repeat and take comma lists; each
 * name must be one of `known` or the part of one before its `@` (so
 * `--only rss` selects rss@proxy, rss@master and rss@worker). Every bad
 * flag or name is reported at once.
 */
export function parseBenchOptions(argv: readonly string[], known: readonly string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { only: { type: 'string', multiple: true }, quick: { type: 'boolean' }, out: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new BenchUsageError(`bench: ${err instanceof Error ? err.message : String(err)}`);
  }
  const only = (parsed.values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const families = new Set(known.flatMap((name) => [name, name.split('@')[0] as string]));
  const unknown = only.filter((name) => !families.has(name));
  if (unknown.length > 0) {
    throw new BenchUsageError(`bench: --only ${unknown.map((n) => JSON.stringify(n)).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not a bench figure; known: ${[...families].join(', ')}`);
  }
  return Object.freeze({ only, quick: parsed.values.quick ?? false, outDir: parsed.values.out ?? 'reports/bench' });
}

/** True when `name` (a result name) was asked for by `only`. */
export function isSelected(only: readonly string[], name: string): boolean {
  return only.length === 0 || only.includes(name) || only.includes(name.split('@')[0] as string);
}
