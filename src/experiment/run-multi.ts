import { isCaplabError } from '../errors.js';
import type { MultiResult, MultiStackError, MultiStackRun } from '../results/index.js';
import type { RunPlan } from '../scenario/index.js';
import type { PoolKind, ProxyKind } from '../stack/index.js';
import { runExperiment, type ExperimentOptions } from './run-experiment.js';

/** One stack of a multi-stack run: which programs play the proxy and the pool, and its label. */
export interface StackSpec {
  /** `embedded` for embedded+embedded, else `<proxy>+<pool>` (e.g. `nginx+uwsgi`). */
  readonly label: string;
  readonly proxy: ProxyKind;
  readonly pool: PoolKind;
}

export interface MultiOptions extends Omit<ExperimentOptions, 'roles' | 'onProgress'> {
  /** Called before each stack starts, with its label and place (1-based) in the series. */
  readonly onStackStart?: (stack: string, index: number, total: number) => void;
  /** Called when a stack could not run; the series goes on with the next. */
  readonly onStackError?: (stack: string, reason: string) => void;
  /** Progress of the current stack's load. */
  readonly onProgress?: (done: number, total: number) => void;
  /** runserver's threading (false = `--nothreading`), passed to runserver stacks only; the other pools never see it. */
  readonly threading?: boolean | undefined;
}

/** The roles `runExperiment` gets for one stack of the series: `threading` goes to a runserver pool only. */
export function stackRoles(spec: StackSpec, threading: boolean | undefined): { proxy: ProxyKind; pool: PoolKind; threading?: boolean } {
  return { proxy: spec.proxy, pool: spec.pool, ...(spec.pool === 'runserver' && threading !== undefined ? { threading } : {}) };
}

/** An error as one line: message, then the hint after a semicolon when there is one. */
function oneLine(err: unknown): string {
  if (isCaplabError(err)) return err.hint ? `${err.message}; ${err.hint}` : err.message;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs one plan on each stack in turn, one after another (never two stacks
 * at once, so they do not share the CPU), with the same plan and therefore
 * the same seed and schedule. A stack that cannot start or whose role dies
 * before the load (a missing real program, a port, a somaxconn limit: any
 * caplab error) is recorded with its reason and the series goes on;
 * anything else is a bug and is thrown. Aborting `signal` stops the series
 * after the current stack, which keeps what it measured. `threading` goes
 * to runserver stacks only (stackRoles). Writes nothing.
 */
export async function runMulti(plan: RunPlan, stacks: readonly StackSpec[], options: MultiOptions = {}): Promise<MultiResult> {
  const startedAt = new Date().toISOString();
  const runs: (MultiStackRun | MultiStackError)[] = [];
  let aborted: string | undefined;
  for (const [i, spec] of stacks.entries()) {
    if (options.signal?.aborted) {
      aborted = 'interrupted';
      break;
    }
    options.onStackStart?.(spec.label, i + 1, stacks.length);
    try {
      const result = await runExperiment(plan, { ...options, roles: stackRoles(spec, options.threading) });
      runs.push({ stack: spec.label, result });
      if (result.aborted !== undefined && result.aborted !== 'interrupted') options.onStackError?.(spec.label, `stopped early: ${result.aborted}`);
    } catch (err) {
      if (!isCaplabError(err) || err.code === 'E_INTERRUPTED') throw err;
      const reason = oneLine(err);
      runs.push({ stack: spec.label, error: reason });
      options.onStackError?.(spec.label, reason);
    }
  }
  return {
    schema: 'caplab.multi/1',
    scenario: plan.scenario,
    timeScale: plan.timeScale,
    seed: plan.seed,
    startedAt,
    stacks: stacks.map((s) => s.label),
    runs,
    ...(aborted !== undefined ? { aborted } : {}),
  };
}

/** Where a multi-stack run's files go inside its folder. */
export const MULTI_FILES = Object.freeze({ json: 'multi.json', html: 'report.html' });
