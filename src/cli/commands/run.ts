import type { Command } from 'commander';
import { z } from 'zod';
import { EXIT } from '../../errors.js';
import { formatRunSummary } from '../../report/index.js';
import { reportDir, runExperiment, scaleWarning, writeRunOutputs } from '../../experiment/index.js';
import { formatPlan } from '../../scenario/index.js';
import { intFlag, parseFlags, runFlagShape } from '../parse-flags.js';
import { createProgressBar } from '../progress-bar.js';
import { onInterrupt } from '../interrupt.js';
import { planFromArgs } from '../plan-from-args.js';

const RunFlags = z.object({
  ...runFlagShape,
  workers: intFlag(1, 512).optional(),
  port: intFlag(0, 65535).optional(),
});

/** `caplab run <scenario>`: one experiment on a fresh stack. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('start proxy, pool and app, replay a scenario, and report latency and queueing')
    .argument('<scenario>', 'a scenario file, or the name of a built-in scenario (see `caplab scenarios`)')
    .option('-w, --workers <n>', 'worker processes in the pool (overrides stack.workers)')
    .option('-t, --time-scale <f>', 'multiply every scenario duration by f (0.01 runs 100x faster)')
    .option('--seed <n>', 'seed for every random draw (arrivals, mixes, service times)')
    .option('-o, --out <dir>', 'folder for results.json and report.html (default reports/<scenario>-<time>)')
    .option('--port <n>', 'port for the proxy (default: any free port)')
    .option('-q, --quiet', 'no progress bar')
    .option('--dry-run', 'print the plan and exit without starting anything')
    .option('--app <module>', 'serve a module exporting handler(req) instead of the sample app')
    .option('--proxy <kind>', 'embedded (caplab\'s own) or nginx (Debian\'s)', 'embedded')
    .option('--pool <kind>', 'embedded (caplab\'s own) or uwsgi (Debian\'s, running the Django project)', 'embedded')
    .option('--queue <mode>', 'kernel (workers accept from the kernel\'s queue; overflow waits on SYN retries) or master (overflow gets 503); overrides stack.queue')
    .option('--proxy-processes <n>', 'embedded proxy processes on one listening socket (overrides stack.proxyProcesses)')
    .option('--no-html', 'skip report.html')
    .action(async (scenarioArg: string, raw: Record<string, unknown>, cmd: Command) => {
      const flags = parseFlags(RunFlags, { ...cmd.optsWithGlobals(), ...raw });
      const plan = await planFromArgs(scenarioArg, flags);
      if (flags.dryRun) {
        process.stdout.write(`${formatPlan(plan)}\n`);
        return;
      }
      const warning = scaleWarning(plan);
      if (warning) process.stderr.write(`${warning}\n`);
      const progress = createProgressBar(!flags.quiet);
      const interrupt = onInterrupt();
      let result;
      try {
        result = await runExperiment(plan, {
          onProgress: progress.update,
          signal: interrupt.signal,
          roles: { proxy: flags.proxy, pool: flags.pool },
          ...(flags.port !== undefined ? { port: flags.port } : {}),
        });
      } finally {
        progress.done();
        interrupt.dispose();
      }
      const dir = reportDir(plan.scenario.name, flags.out);
      const files = await writeRunOutputs(result, dir, { html: flags.html });
      process.stdout.write(`${formatRunSummary(result)}\n`);
      process.stdout.write(`\nresults: ${files.json}\n${files.html ? `report:  ${files.html}\n` : ''}`);
      if (interrupt.received()) process.exitCode = EXIT.interrupted;
      else if (result.thresholds.some((t) => !t.ok)) process.exitCode = EXIT.threshold;
    });
}
