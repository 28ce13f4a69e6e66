import { runLoad } from '../load/index.js';
import { runLocustLoad, type LocustEngineOptions } from '../locust/index.js';
import type { EngineDescription, RequestRecord } from '../results/index.js';
import type { RunPlan } from '../scenario/index.js';

/** The engine that sends a run's load: caplab's own (the default), or Locust's master and workers. */
export type EngineChoice =
  | { readonly name: 'caplab' }
  /** `target`: where Locust's workers send, when not the stack's own URL. */
  | ({ readonly name: 'locust'; readonly target?: string | undefined } & LocustEngineOptions);

/** What the experiment hears from the engine. */
export interface DriveHooks {
  readonly signal: AbortSignal;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Called once when the load starts, with its origin (epoch ms): request times and the timeline count from it. */
  readonly onStart: (startedAt: number) => void;
  /** Locust master-only: the command each worker must run. */
  readonly onLocustMaster?: ((info: { readonly locustfile: string; readonly workerCommand: string }) => void) | undefined;
}

/** The records an engine produced, and which engine it was. */
export interface DrivenLoad {
  readonly records: RequestRecord[];
  readonly engine: EngineDescription;
}

/**
 * Sends a plan's load to `baseUrl` on the chosen engine and returns every
 * request record in scenario ms from the load's start. Either engine stops
 * at once when `signal` aborts, keeping the records so far.
 */
export async function driveLoad(plan: RunPlan, baseUrl: string, engine: EngineChoice, hooks: DriveHooks): Promise<DrivenLoad> {
  switch (engine.name) {
    case 'caplab': {
      hooks.onStart(Date.now());
      const outcome = await runLoad(plan, { baseUrl }, { signal: hooks.signal, ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}) });
      return { records: outcome.records, engine: { name: 'caplab' } };
    }
    case 'locust': {
      const { name: _, target, ...options } = engine;
      const outcome = await runLocustLoad(plan, target ?? baseUrl, options, { signal: hooks.signal, onStart: hooks.onStart, onMaster: hooks.onLocustMaster, onProgress: hooks.onProgress });
      hooks.onProgress?.(outcome.records.length, outcome.records.length);
      return { records: outcome.records, engine: outcome.engine };
    }
  }
}
