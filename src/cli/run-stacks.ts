import { caplabError } from '../errors.js';
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
  /** runserver's `--nothreading`: passed to the runserver stacks of the list, and to no other. */
  readonly nothreading?: boolean | undefined;
}

/**
 * The stacks a `caplab run` should compare: `--stacks`, else the scenario's
 * `stacks:` (the scenario file is read again for it), else null (one stack,
 * the usual run). A bad list is a one-line usage error (exit 2) before
 * anything starts. `given` names the role flags (`proxy`, `pool`) set on the
 * command line: with several stacks they would be silently ignored, so
 * they are a usage error too. `--nothreading` applies to the list's
 * runserver stacks; with none in the list it would be ignored, so that is
 * a usage error as well.
 */
export async function stacksToRun(flags: Pick<StacksFlags, 'stacks' | 'nothreading'>, scenarioArg: string, given: readonly string[] = []): Promise<readonly StackSpec[] | null> {
  const stacks = await readStacks(flags, scenarioArg);
  if (stacks === null) return null;
  const from = flags.stacks !== undefined ? '--stacks' : 'the scenario\'s stacks:';
  const names = stacks.map((s) => s.label).join(', ');
  if (given.length > 0) {
    throw caplabError('E_USAGE', `--${given[0]} picks one stack, but ${from} already names them (${names}); put the stack there, e.g. nginx+uwsgi`);
  }
  if (flags.nothreading === true && !stacks.some((s) => s.pool === 'runserver')) {
    throw caplabError('E_USAGE', `--nothreading applies to runserver stacks, but ${from} names none (${names}); add one, e.g. nginx+runserver`);
  }
  return stacks;
}

async function readStacks(flags: Pick<StacksFlags, 'stacks'>, scenarioArg: string): Promise<readonly StackSpec[] | null> {
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
      ...(flags.nothreading === true ? { threading: false } : {}),
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
