import { buildPlan, loadScenario, resolveScenario, type RunPlan } from '../scenario/index.js';

/** Flags that shape a plan; all already validated. */
export interface PlanFlags {
  readonly workers?: number | undefined;
  readonly timeScale: number;
  readonly seed?: number | undefined;
}

/** Resolves a scenario argument (file or built-in name), loads it and plans it with the CLI's overrides. */
export async function planFromArgs(scenarioArg: string, flags: PlanFlags): Promise<RunPlan> {
  const file = resolveScenario(scenarioArg);
  const scenario = await loadScenario(file);
  return buildPlan(scenario, {
    file,
    timeScale: flags.timeScale,
    ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
  });
}
