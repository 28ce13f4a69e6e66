import type { Command } from 'commander';
import { z } from 'zod';
import { caplabError } from '../../errors.js';
import { describeFidelity, requireLocust } from '../../locust/index.js';
import { formatRunSummary } from '../../report/index.js';
import {
  assertScaleFloor,
  claimOutDir,
  describeRoleDeath,
  runExperiment,
  scaleWarning,
  stackCostWarning,
  writeRunOutputs,
  type RoleDeathReport,
} from '../../experiment/index.js';
import { formatPlan } from '../../scenario/index.js';
import { assertAppFitsPool } from '../../stack/index.js';
import { intFlag, parseFlags, runFlagShape } from '../parse-flags.js';
import { MAX_WORKERS } from '../parse-worker-list.js';
import { createProgressBar } from '../progress-bar.js';
import { onInterrupt, signalExitCode } from '../interrupt.js';
import { planFromArgs } from '../plan-from-args.js';
import { addStackOptions } from '../stack-options.js';
import { describeFailedThresholds, describeSampleFailures, endOfRunError } from '../end-of-run.js';
import { runStacks, stacksToRun } from '../run-stacks.js';
import { addEngineOptions, describeLocustMaster, engineFlagShape, engineFromFlags } from '../engine-flags.js';

const RunFlags = z.object({
  ...runFlagShape,
  workers: intFlag(1, MAX_WORKERS).optional(),
  port: intFlag(0, 65535).optional(),
  stacks: z.string().optional(),
  ...engineFlagShape,
});

/** `caplab run <scenario>`: one experiment on a fresh stack. */
export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description('start proxy, pool and app, replay a scenario, and report latency and queueing')
    .argument('<scenario>', 'a scenario file, or the name of a built-in scenario (see `caplab scenarios`)')
    .option('-w, --workers <n>', 'worker processes in the pool (overrides stack.workers)')
    .option('-t, --time-scale <f>', 'multiply every scenario duration by f (0.01 runs 100x faster)')
    .option('--seed <n>', 'seed for every random draw (arrivals, mixes, service times)')
    .option('-o, --out <dir>', 'folder for results.json and report.html (default reports/<scenario>-<time>); never overwrites earlier results')
    .option('--port <n>', 'port for the proxy (default: any free port)')
    .option('-q, --quiet', 'no progress bar')
    .option('--dry-run', 'print the plan and exit without starting anything');
  addStackOptions(command)
    .option('--stacks <list>', 'run the same schedule on each stack in turn and compare them, e.g. embedded,nginx+uwsgi (<proxy>+<pool>); writes multi.json')
    .option('--no-html', 'skip report.html');
  addEngineOptions(command)
    .action(async (scenarioArg: string, raw: Record<string, unknown>, cmd: Command) => {
      const flags = parseFlags(RunFlags, { ...cmd.optsWithGlobals(), ...raw });
      const engine = engineFromFlags(flags);
      // Before anything starts: a missing Locust is one line, not a stack started for nothing.
      if (engine.name === 'locust' && !flags.dryRun) requireLocust();
      const plan = await planFromArgs(scenarioArg, flags);
      const stacks = await stacksToRun(flags, scenarioArg, ['proxy', 'pool'].filter((k) => cmd.getOptionValueSource(k) === 'cli'));
      if (stacks && engine.name !== 'caplab') throw caplabError('E_USAGE', `--engine ${engine.name} drives one stack; drop --stacks (or the scenario's stacks:) for it`);
      if (!stacks) assertAppFitsPool({ pool: flags.pool, app: plan.stack.app, wsgi: plan.stack.wsgi?.app });
      const onLocust = engine.name === 'locust' ? describeFidelity(plan) : [];
      if (flags.dryRun) {
        process.stdout.write(`${formatPlan(plan)}\n${stacks ? `stacks: ${stacks.map((s) => s.label).join(', ')}\n` : ''}${onLocust.length > 0 ? `on Locust:\n${onLocust.map((l) => `  ${l}`).join('\n')}\n` : ''}`);
        return;
      }
      assertScaleFloor(plan);
      for (const warning of [scaleWarning(plan), stackCostWarning(plan)]) if (warning) process.stderr.write(`${warning}\n`);
      // The folder is claimed before the stack starts, so a run never measures for nothing.
      if (stacks) return runStacks(plan, stacks, flags);
      const out = await claimOutDir(plan.scenario.name, flags.out, { resultFile: 'results.json' });
      const progress = createProgressBar(!flags.quiet);
      const interrupt = onInterrupt();
      let death: RoleDeathReport | null = null;
      let result;
      try {
        result = await runExperiment(plan, {
          onProgress: progress.update,
          signal: interrupt.signal,
          roles: { proxy: flags.proxy, pool: flags.pool, ...(flags.nothreading ? { threading: false } : {}) },
          ...(flags.port !== undefined ? { port: flags.port } : {}),
          onRoleDeath: (d) => (death = d),
          onSampleFailures: (f) => process.stderr.write(`${describeSampleFailures(f)}\n`),
          engine,
          onLocustMaster: (info) => process.stderr.write(`${describeLocustMaster(engine.name === 'locust' ? engine.workers : 0, info)}\n`),
        });
      } catch (err) {
        await out.abandon();
        throw err;
      } finally {
        progress.done();
        interrupt.dispose();
      }
      const files = await writeRunOutputs(result, out.dir, { html: flags.html });
      await out.release();
      process.stdout.write(`${formatRunSummary(result)}\n`);
      if (result.engine?.name === 'locust') {
        const e = result.engine;
        process.stdout.write(`\nload sent by Locust ${e.version ?? ''} with ${e.workers ?? 0} worker${e.workers === 1 ? '' : 's'} (records per worker: ${(e.workerRecords ?? []).join(', ') || 'none'})\n`);
      }
      if (result.engine?.degraded !== undefined) process.stderr.write(`degraded: ${result.engine.degraded}\n`);
      if (files.json !== null) process.stdout.write(`\nresults: ${files.json}\n${files.html ? `report:  ${files.html}\n` : ''}`);
      const received = interrupt.received();
      const error = endOfRunError({
        death: death === null ? null : describeRoleDeath(death),
        writeProblem: files.problem,
        interrupted: received === null ? null : { signal: received, exitCode: signalExitCode(received) },
        thresholdsFailed: describeFailedThresholds(result.thresholds.filter((t) => !t.ok).map((t) => t.expr)),
      });
      if (error) throw error;
    });
}
