import { claimOutDir, runMulti, writeMultiOutputs, type StackSpec } from '../experiment/index.js';
import { formatMultiTable } from '../report/index.js';
import { loadScenario, resolveScenario, type RunPlan } from '../scenario/index.js';
import { describeFailedThresholds, endOfRunError } from './end-of-run.js';
import { onInterrupt, signalExitCode } from './interrupt.js';
import { parseStackList } from './parse-stack-list.js';
import { createProgressBar } from './progress-bar.js';

/** What `caplab run --stacks` adds to a plan. */
export interface StacksFlags {
  /** `--stacks a,b,c`; wins over the scenario's `stacks:`. */
  readonly stacks?: string | undefined;
  readonly out?: string | undefined;
  readonly quiet: boolean;
  readonly html: boolean;
  readonly port?: number | undefined;
}

/**
 * The stacks a `caplab run` should compare: `--stacks`, else the scenario's
 * `stacks:` (the scenario file is read again for it), else null (one stack,
 * the usual run). A bad list is a one-line usage error (exit 2) before
 * anything starts.
 */
export async function stacksToRun(flags: Pick<StacksFlags, 'stacks'>, scenarioArg: string): Promise<readonly StackSpec[] | null> {
  if (flags.stacks !== undefined) return parseStackList(flags.stacks, `--stacks "${flags.stacks}"`);
  const file = resolveScenario(scenarioArg);
  const { stacks } = await loadScenario(file);
  return stacks === null ? null : parseStackList(stacks, `scenario ${file}: stacks`);
}

/**
 * `caplab run --stacks`: runs the plan on each stack in turn, prints each
 * stack that could not run on stderr (one line) and the side-by-side table
 * on stdout, and writes multi.json and report.html to one claimed folder.
 */
export async function runStacks(plan: RunPlan, stacks: readonly StackSpec[], flags: StacksFlags): Promise<void> {
  const out = await claimOutDir(plan.scenario.name, flags.out, { resultFile: 'multi.json' });
  const interrupt = onInterrupt();
  let multi;
  try {
    let progress = createProgressBar(false);
    multi = await runMulti(plan, stacks, {
      signal: interrupt.signal,
      ...(flags.port !== undefined ? { port: flags.port } : {}),
      onStackStart: (stack, i, total) => {
        progress.done();
        if (!flags.quiet) process.stderr.write(`stack ${i} of ${total}: ${stack}\n`);
        progress = createProgressBar(!flags.quiet);
      },
      onProgress: (done, total) => progress.update(done, total),
      onStackError: (stack, reason) => {
        progress.done();
        process.stderr.write(`${stack} skipped: ${reason}\n`);
      },
    });
    progress.done();
  } catch (err) {
    await out.abandon();
    throw err;
  } finally {
    interrupt.dispose();
  }
  const files = await writeMultiOutputs(multi, out.dir, { html: flags.html });
  await out.release();
  process.stdout.write(`${formatMultiTable(multi)}\n`);
  if (files.json !== null) process.stdout.write(`\nresults: ${files.json}\n${files.html ? `report:  ${files.html}\n` : ''}`);
  const received = interrupt.received();
  const error = endOfRunError({
    death: null,
    writeProblem: files.problem,
    interrupted: received === null ? null : { signal: received, exitCode: signalExitCode(received) },
    thresholdsFailed: describeFailedThresholds(multi.runs.flatMap((r) => ('result' in r ? r.result.thresholds.filter((t) => !t.ok).map((t) => `${r.stack}: ${t.expr}`) : []))),
  });
  if (error) throw error;
}
