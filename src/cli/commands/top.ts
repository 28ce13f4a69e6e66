import type { Command } from 'commander';
import { z } from 'zod';
import { CaplabError, caplabError } from '../../errors.js';
import { runTop, statsSource } from '../../live/index.js';
import { durationToMs } from '../../scenario/index.js';
import { intFlag, parseFlags } from '../parse-flags.js';
import { signalExitCode } from '../interrupt.js';

/** The refresh interval's bounds: at least ten reads a second at most, one a minute at least. */
const MIN_INTERVAL_MS = 100;
const MAX_INTERVAL_MS = 60_000;

const TopFlags = z.object({
  stats: z.string().optional(),
  url: z.string().optional(),
  interval: z
    .string()
    .default('1s')
    .transform((text, ctx) => {
      const ms = durationToMs(text);
      if (ms === undefined || ms < MIN_INTERVAL_MS || ms > MAX_INTERVAL_MS) {
        ctx.addIssue({ code: 'custom', message: `must be a duration from ${MIN_INTERVAL_MS}ms to ${MAX_INTERVAL_MS / 1000}s` });
        return z.NEVER;
      }
      return ms;
    }),
  iterations: intFlag(1, 1_000_000).optional(),
});

/** `caplab top`: a live view of a pool's workers, from its stats server. */
export function registerTop(program: Command): void {
  program
    .command('top')
    .description('a live view of a pool\'s workers (in the spirit of uwsgitop), from caplab\'s pool or real uWSGI\'s stats server; gunicorn has no stats server to read')
    .option('--stats <host:port>', 'a stats server answering one JSON document per connection: caplab\'s pool (`caplab serve` prints it) or uWSGI\'s --stats')
    .option('--url <url>', 'an HTTP URL answering the stats JSON: uWSGI\'s --stats-http, or http://HOST:PORT/ on caplab\'s stats port')
    .option('--interval <duration>', 'time between refreshes', '1s')
    .option('-n, --iterations <n>', 'stop after n refreshes (default: until q or Ctrl-C)')
    .action(async (raw: Record<string, unknown>) => {
      const flags = parseFlags(TopFlags, raw);
      const source = statsSource(flags);
      const ending = await runTop({ source, intervalMs: flags.interval, iterations: flags.iterations });
      if (ending.reason === 'quit') return;
      if (ending.reason !== 'done') {
        throw new CaplabError('E_INTERRUPTED', `top stopped by ${ending.reason}`, { exitCode: signalExitCode(ending.reason) });
      }
      if (!ending.everRead) throw caplabError('E_POOL_STATS', `stats source ${source.label}: no read worked in ${flags.iterations ?? 0} tries; the last: ${ending.lastError ?? 'no answer'}`);
    });
}
