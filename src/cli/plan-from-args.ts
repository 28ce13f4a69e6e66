import { existsSync } from 'node:fs';
import path from 'node:path';
import { caplabError } from '../errors.js';
import { buildPlan, loadScenario, parseScenario, resolveScenario, type QueueMode, type RunPlan, type SocketKind } from '../scenario/index.js';

/** The scenario of a command whose scenario argument is optional (`caplab serve`): the default stack, and one request to /hello. */
const STACK_DEFAULTS_SCENARIO = 'name: defaults\ndescription: the default stack\nload:\n  - burst:\n      count: 1\n      path: /hello\n';

/** Flags that shape a plan; all already validated. */
export interface PlanFlags {
  readonly workers?: number | undefined;
  readonly timeScale: number;
  readonly seed?: number | undefined;
  /** Path of an app module that replaces the scenario's app. */
  readonly app?: string | undefined;
  /** Replaces the scenario's `stack.queue`. */
  readonly queue?: QueueMode | undefined;
  /** Replaces the scenario's `stack.proxyProcesses`. */
  readonly proxyProcesses?: number | undefined;
  /** Replaces the scenario's `stack.socket`. */
  readonly socket?: SocketKind | undefined;
  /** Replace the scenario's `stack.threads`, `stack.maxRequests` and `stack.reloadOnRss` (MiB). */
  readonly threads?: number | undefined;
  readonly maxRequests?: number | undefined;
  readonly reloadOnRss?: number | undefined;
  /** `module:callable`: replaces the scenario's `stack.wsgi`, with `chdir` and `pythonpath` (relative to the working directory). */
  readonly wsgi?: string | undefined;
  readonly chdir?: string | undefined;
  readonly pythonpath?: string | undefined;
}

/**
 * Resolves a scenario argument (file or built-in name), loads it and plans it with the CLI's overrides (workers, seed, time scale, app, WSGI app, queue, proxy processes).
 * A null argument plans the default stack (STACK_DEFAULTS_SCENARIO), for commands whose scenario is optional.
 */
export async function planFromArgs(scenarioArg: string | null, flags: PlanFlags): Promise<RunPlan> {
  const file = scenarioArg === null ? null : resolveScenario(scenarioArg);
  if (flags.wsgi === undefined && (flags.chdir !== undefined || flags.pythonpath !== undefined)) {
    throw caplabError('E_USAGE', `--${flags.chdir !== undefined ? 'chdir' : 'pythonpath'} is for the app of --wsgi, and --wsgi is missing`);
  }
  const scenario = file === null ? parseScenario(STACK_DEFAULTS_SCENARIO) : await loadScenario(file);
  const plan = buildPlan(scenario, {
    file,
    timeScale: flags.timeScale,
    ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.queue !== undefined ? { queue: flags.queue } : {}),
    ...(flags.proxyProcesses !== undefined ? { proxyProcesses: flags.proxyProcesses } : {}),
    ...(flags.socket !== undefined ? { socket: flags.socket } : {}),
    ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
    ...(flags.maxRequests !== undefined ? { maxRequests: flags.maxRequests } : {}),
    ...(flags.reloadOnRss !== undefined ? { reloadOnRssMb: flags.reloadOnRss } : {}),
    ...(flags.wsgi !== undefined
      ? {
          wsgi: {
            app: flags.wsgi,
            chdir: flags.chdir === undefined ? null : path.resolve(flags.chdir),
            pythonpath: flags.pythonpath === undefined ? [] : [path.resolve(flags.pythonpath)],
          },
        }
      : {}),
  });
  if (flags.app === undefined) return plan;
  const app = flags.app === 'sample' ? 'sample' : path.resolve(flags.app);
  if (app !== 'sample' && !existsSync(app)) throw caplabError('E_APP_LOAD', `--app ${flags.app}: no such file`);
  return { ...plan, stack: { ...plan.stack, app } };
}
