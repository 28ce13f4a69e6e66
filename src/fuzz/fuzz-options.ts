import { parseArgs } from 'node:util';
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const FlagsSchema = z.strictObject({
  seconds: z.coerce.number().positive().max(86_400).default(300),
  cases: int(1, 10_000_000).default(100_000),
  seed: int(0, 2 ** 32 - 1).default(1),
  concurrency: int(1, 256).default(8),
  'hang-ms': int(100, 600_000).default(8_000),
  workers: int(1, 64).default(2),
  'soak-requests': int(0, 10_000_000).default(100_000),
  'soak-seconds': z.coerce.number().positive().max(86_400).default(300),
  'soak-connections': int(1, 256).default(16),
  out: z.string().min(1).default('reports/fuzz'),
  /** Only the targets whose name contains one of these comma-separated words (e.g. 'proxy', 'http'). */
  only: z.string().min(1).optional(),
});

/** `npm run fuzz` flags, validated, every default filled in. */
export type FuzzFlags = Readonly<z.output<typeof FlagsSchema>>;

/** Usage text for `--help` and for bad flags. */
export const USAGE = `usage: npm run fuzz -- [--seconds 300] [--cases 100000] [--seed 1] [--concurrency 8]
  [--hang-ms 8000] [--workers 2] [--soak-requests 100000] [--soak-seconds 300]
  [--soak-connections 16] [--out reports/fuzz] [--only proxy,http]
  --seconds bounds the fuzz part, --soak-seconds the soak (0 soak requests skips it).`;

/**
 * Parses argv (without node and the script) into validated flags. Throws
 * an Error listing every bad flag with its value at once.
 */
export function parseFuzzFlags(argv: readonly string[]): FuzzFlags | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      [...Object.keys(FlagsSchema.shape), 'help'].map((k) => [k, { type: k === 'help' ? ('boolean' as const) : ('string' as const) }]),
    ),
    strict: true,
  });
  if (values['help'] === true) return 'help';
  delete values['help'];
  const parsed = FlagsSchema.safeParse(values);
  if (parsed.success) return Object.freeze(parsed.data);
  const problems = parsed.error.issues.map((i) => {
    const key = String(i.path[0] ?? '');
    return `--${key}: ${i.message}, got ${JSON.stringify((values as Record<string, unknown>)[key])}`;
  });
  throw new Error(problems.join('; '));
}
