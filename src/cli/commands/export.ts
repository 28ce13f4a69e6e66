import type { Command } from 'commander';
import { z } from 'zod';
import { checkLocustTarget, exportLocust } from '../../locust/index.js';
import { caplabError } from '../../errors.js';
import { parseFlags, positiveFlag, intFlag, textFlag } from '../parse-flags.js';
import { planFromArgs } from '../plan-from-args.js';

const ExportFlags = z.object({
  out: textFlag(),
  host: textFlag().default('http://127.0.0.1:8080'),
  timeScale: positiveFlag(1000).default(1),
  seed: intFlag(0, 2 ** 32 - 1).optional(),
  allowRemote: z.boolean().default(false),
  debug: z.boolean().default(false),
});

const ENGINES = ['locust'] as const;

/** `caplab export locust <scenario> -o DIR`: a self-contained locustfile.py and a README snippet. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write a scenario for another load engine: `export locust SCENARIO -o DIR` writes locustfile.py and README.md')
    .argument('<engine>', 'the engine to export for: locust')
    .argument('<scenario>', 'a scenario file, or the name of a built-in scenario')
    .requiredOption('-o, --out <dir>', 'folder for locustfile.py and README.md (created if needed)')
    .option('--host <url>', 'the target the locustfile loads by default (Locust\'s --host overrides it)', 'http://127.0.0.1:8080')
    .option('-t, --time-scale <f>', 'multiply every scenario duration by f')
    .option('--seed <n>', 'seed for every random draw (the same schedule as `caplab run --seed n`)')
    .option('--allow-remote', 'allow a --host that is not a loopback address')
    .action(async (engine: string, scenarioArg: string, raw: Record<string, unknown>, cmd: Command) => {
      if (!(ENGINES as readonly string[]).includes(engine)) {
        throw caplabError('E_USAGE', `caplab export writes for ${ENGINES.join(', ')}, got ${JSON.stringify(engine)}`, { hint: 'caplab export locust SCENARIO -o DIR' });
      }
      const flags = parseFlags(ExportFlags, { ...cmd.optsWithGlobals(), ...raw });
      const host = checkLocustTarget(flags.host, flags.allowRemote);
      const plan = await planFromArgs(scenarioArg, { timeScale: flags.timeScale, seed: flags.seed });
      const written = await exportLocust(plan, flags.out, host);
      process.stdout.write(`locustfile: ${written.locustfile}\nreadme:     ${written.readme}\n`);
    });
}
