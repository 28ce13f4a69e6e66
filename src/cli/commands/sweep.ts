import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { formatSweepTable, renderSweepReport, writeHtmlReport, writeJsonResult } from '../../report/index.js';
import {
  assertScaleFloor,
  claimOutDir,
  describeRoleDeath,
  runSweep,
  scaleWarning,
  stackCostWarning,
  writeFailureReason,
  type RoleDeathReport,
} from '../../experiment/index.js';
import { formatPlan } from '../../scenario/index.js';
import { requireLocust } from '../../locust/index.js';
import { assertAppFitsPool } from '../../stack/index.js';
import { parseFlags, runFlagShape } from '../parse-flags.js';
import { parseWorkerList } from '../parse-worker-list.js';
import { createProgressBar } from '../progress-bar.js';
import { onInterrupt, signalExitCode } from '../interrupt.js';
import { planFromArgs } from '../plan-from-args.js';
import { addStackOptions } from '../stack-options.js';
import { describeSampleFailures, endOfRunError } from '../end-of-run.js';
import { addEngineOptions, describeLocustMaster, engineFlagShape, engineFromFlags } from '../engine-flags.js';

const SweepFlags = z.object({ ...runFlagShape, workers: z.string({ message: 'is required' }).transform(parseWorkerList), ...engineFlagShape });

/** `caplab sweep <scenario> --workers 1,2,4,8`: one run per worker count, each on a fresh stack. */
export function registerSweep(program: Command): void {
  const command = program
    .command('sweep')
    .description('run a scenario once per worker count and compare throughput, latency and queueing')
    .argument('<scenario>', 'a scenario file, or the name of a built-in scenario')
    .requiredOption('-w, --workers <list>', 'worker counts: 1,2,4,8 or 1..16')
    .option('-t, --time-scale <f>', 'multiply every scenario duration by f')
    .option('--seed <n>', 'seed for every random draw (the same for every run)')
    .option('-o, --out <dir>', 'folder for sweep.json, report.html and one folder per run; never overwrites an earlier sweep')
    .option('-q, --quiet', 'no progress output')
    .option('--dry-run', 'print the plan for each worker count and exit');
  addStackOptions(command)
    .option('--no-html', 'skip the HTML reports');
  addEngineOptions(command)
    .action(async (scenarioArg: string, raw: Record<string, unknown>, cmd: Command) => {
      const flags = parseFlags(SweepFlags, { ...cmd.optsWithGlobals(), ...raw });
      const engine = engineFromFlags(flags);
      // Before anything starts: a missing Locust is one line, not a stack started for nothing.
      if (engine.name === 'locust' && !flags.dryRun) requireLocust();
      const plan = await planFromArgs(scenarioArg, {
        timeScale: flags.timeScale,
        seed: flags.seed,
        app: flags.app,
        queue: flags.queue,
        proxyProcesses: flags.proxyProcesses,
        socket: flags.socket,
        threads: flags.threads,
        maxRequests: flags.maxRequests,
        reloadOnRss: flags.reloadOnRss,
        wsgi: flags.wsgi,
        chdir: flags.chdir,
        pythonpath: flags.pythonpath,
      });
      assertAppFitsPool({ pool: flags.pool, app: plan.stack.app, wsgi: plan.stack.wsgi?.app });
      if (flags.dryRun) {
        process.stdout.write(`${formatPlan(plan)}\nsweep over workers: ${flags.workers.join(', ')}\n`);
        return;
      }
      assertScaleFloor(plan);
      for (const warning of [scaleWarning(plan), stackCostWarning(plan)]) if (warning) process.stderr.write(`${warning}\n`);
      // The folder is claimed before any stack starts, so a sweep never measures for nothing.
      const out = await claimOutDir(`${plan.scenario.name}-sweep`, flags.out, { resultFile: 'sweep.json' });
      const dir = out.dir;
      const interrupt = onInterrupt();
      const writeProblems: string[] = [];
      let death: RoleDeathReport | null = null;
      let sweep;
      try {
        let progress = createProgressBar(false);
        sweep = await runSweep(plan, flags.workers, dir, {
          signal: interrupt.signal,
          roles: { proxy: flags.proxy, pool: flags.pool, ...(flags.nothreading ? { threading: false } : {}) },
          html: flags.html,
          onRunStart: (workers, i, total) => {
            progress.done();
            if (!flags.quiet) process.stderr.write(`run ${i + 1}/${total}: ${workers} worker${workers === 1 ? '' : 's'}\n`);
            progress = createProgressBar(!flags.quiet);
          },
          onProgress: (done, total) => progress.update(done, total),
          onRoleDeath: (d) => (death = d),
          onSampleFailures: (f) => process.stderr.write(`${describeSampleFailures(f)}\n`),
          onWriteProblem: (p) => writeProblems.push(p),
          engine,
          onLocustMaster: (info) => process.stderr.write(`${describeLocustMaster(engine.name === 'locust' ? engine.workers : 0, info)}\n`),
        });
        progress.done();
      } catch (err) {
        await out.abandon();
        throw err;
      } finally {
        interrupt.dispose();
      }
      const json = path.join(dir, 'sweep.json');
      let jsonWritten: string | null = null;
      let html: string | null = null;
      try {
        jsonWritten = await writeJsonResult(json, sweep);
        if (flags.html) html = await writeHtmlReport(path.join(dir, 'report.html'), renderSweepReport(sweep));
      } catch (err) {
        writeProblems.push(`${jsonWritten === null ? 'sweep.json' : 'report.html'} could not be written to ${dir} (${writeFailureReason(err)})${jsonWritten === null ? '; each run\'s results.json is kept in its workers-<n> folder' : `; sweep.json is kept at ${jsonWritten}`}`);
      }
      await out.release();
      process.stdout.write(`${formatSweepTable(sweep)}\n\n${jsonWritten ? `sweep:  ${jsonWritten}\n` : ''}${html ? `report: ${html}\n` : ''}`);
      const received = interrupt.received();
      const error = endOfRunError({
        death: death === null ? null : describeRoleDeath(death),
        writeProblem: writeProblems.length === 0 ? null : writeProblems.join('; '),
        interrupted: received === null ? null : { signal: received, exitCode: signalExitCode(received) },
        thresholdsFailed: plan.expect.length > 0 && sweep.recommended === null ? `no worker count met every threshold (${plan.expect.map((t) => t.expr).join(', ')})` : null,
      });
      if (error) throw error;
    });
}
