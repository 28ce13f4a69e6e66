import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { EXIT } from '../../errors.js';
import { formatSweepTable, renderSweepReport, writeHtmlReport, writeJsonResult } from '../../report/index.js';
import { reportDir, runSweep, scaleWarning } from '../../experiment/index.js';
import { formatPlan } from '../../scenario/index.js';
import { parseFlags, runFlagShape } from '../parse-flags.js';
import { parseWorkerList } from '../parse-worker-list.js';
import { createProgressBar } from '../progress-bar.js';
import { onInterrupt } from '../interrupt.js';
import { planFromArgs } from '../plan-from-args.js';

const SweepFlags = z.object({ ...runFlagShape, workers: z.string({ message: 'is required' }).transform(parseWorkerList) });

/** `caplab sweep <scenario> --workers 1,2,4,8`: one run per worker count, each on a fresh stack. */
export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run a scenario once per worker count and compare throughput, latency and queueing')
    .argument('<scenario>', 'a scenario file, or the name of a built-in scenario')
    .requiredOption('-w, --workers <list>', 'worker counts: 1,2,4,8 or 1..16')
    .option('-t, --time-scale <f>', 'multiply every scenario duration by f')
    .option('--seed <n>', 'seed for every random draw (the same for every run)')
    .option('-o, --out <dir>', 'folder for sweep.json, report.html and one folder per run')
    .option('-q, --quiet', 'no progress output')
    .option('--dry-run', 'print the plan for each worker count and exit')
    .option('--app <module>', 'serve a module exporting handler(req) instead of the sample app')
    .option('--proxy <kind>', 'embedded (caplab\'s own) or nginx (Debian\'s)', 'embedded')
    .option('--pool <kind>', 'embedded (caplab\'s own) or uwsgi (Debian\'s, running the Django project)', 'embedded')
    .option('--queue <mode>', 'kernel (workers accept from the kernel\'s queue; overflow waits on SYN retries) or master (overflow gets 503); overrides stack.queue')
    .option('--proxy-processes <n>', 'embedded proxy processes on one listening socket (overrides stack.proxyProcesses)')
    .option('--no-html', 'skip the HTML reports')
    .action(async (scenarioArg: string, raw: Record<string, unknown>, cmd: Command) => {
      const flags = parseFlags(SweepFlags, { ...cmd.optsWithGlobals(), ...raw });
      const plan = await planFromArgs(scenarioArg, {
        timeScale: flags.timeScale,
        seed: flags.seed,
        app: flags.app,
        queue: flags.queue,
        proxyProcesses: flags.proxyProcesses,
      });
      if (flags.dryRun) {
        process.stdout.write(`${formatPlan(plan)}\nsweep over workers: ${flags.workers.join(', ')}\n`);
        return;
      }
      const warning = scaleWarning(plan);
      if (warning) process.stderr.write(`${warning}\n`);
      const dir = reportDir(`${plan.scenario.name}-sweep`, flags.out);
      const interrupt = onInterrupt();
      let sweep;
      try {
        let progress = createProgressBar(false);
        sweep = await runSweep(plan, flags.workers, dir, {
          signal: interrupt.signal,
          roles: { proxy: flags.proxy, pool: flags.pool },
          html: flags.html,
          onRunStart: (workers, i, total) => {
            progress.done();
            if (!flags.quiet) process.stderr.write(`run ${i + 1}/${total}: ${workers} worker${workers === 1 ? '' : 's'}\n`);
            progress = createProgressBar(!flags.quiet);
          },
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.done();
      } finally {
        interrupt.dispose();
      }
      const json = path.join(dir, 'sweep.json');
      await writeJsonResult(json, sweep);
      const html = flags.html ? await writeHtmlReport(path.join(dir, 'report.html'), renderSweepReport(sweep)) : null;
      process.stdout.write(`${formatSweepTable(sweep)}\n\nsweep:  ${json}\n${html ? `report: ${html}\n` : ''}`);
      if (interrupt.received()) process.exitCode = EXIT.interrupted;
      else if (plan.expect.length > 0 && sweep.recommended === null) process.exitCode = EXIT.threshold;
    });
}
