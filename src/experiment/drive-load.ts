import { now, runLoad, scheduleReloads, type ReloadReport } from '../load/index.js';
import { runLocustLoad, type LocustEngineOptions } from '../locust/index.js';
import type { EngineDescription, ReloadTiming, RequestRecord } from '../results/index.js';
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
  /** Reloads the pool, for the plan's `reloads` (scenario `reload:` entries). */
  readonly reload: () => Promise<ReloadReport>;
}

/** The records an engine produced, and which engine it was. */
export interface DrivenLoad {
  readonly records: RequestRecord[];
  readonly engine: EngineDescription;
  /** The plan's reloads that began, in scenario ms. */
  readonly reloads: ReloadTiming[];
  /** Scenario ms from the load's start to its end. */
  readonly durationMs: number;
}

/**
 * Sends a plan's load to `baseUrl` on the chosen engine and returns every
 * request record in scenario ms from the load's start. Either engine stops
 * at once when `signal` aborts, keeping the records so far. The plan's
 * reloads run on their own timers from the load's start, on either engine.
 */
export async function driveLoad(plan: RunPlan, baseUrl: string, engine: EngineChoice, hooks: DriveHooks): Promise<DrivenLoad> {
  switch (engine.name) {
    case 'caplab': {
      hooks.onStart(Date.now());
      const outcome = await runLoad(plan, { baseUrl }, { signal: hooks.signal, reload: hooks.reload, ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}) });
      return { records: outcome.records, engine: { name: 'caplab' }, reloads: outcome.reloads, durationMs: outcome.durationMs };
    }
    case 'locust': {
      const { name: _, target, ...options } = engine;
      let startedAt: number | null = null;
      let reloading: ReturnType<typeof scheduleReloads> | null = null;
      const onStart = (at: number): void => {
        startedAt = at;
        // The load's origin is epoch ms `at`; the reload timers count from the same instant on the monotonic clock.
        if (plan.reloads.length > 0) reloading = scheduleReloads(plan.reloads, hooks.reload, { startWall: now() - (Date.now() - at), startedAt: at, timeScale: plan.timeScale });
        hooks.onStart(at);
      };
      const outcome = await runLocustLoad(plan, target ?? baseUrl, options, { signal: hooks.signal, onStart, onMaster: hooks.onLocustMaster, onProgress: hooks.onProgress });
      hooks.onProgress?.(outcome.records.length, outcome.records.length);
      const reloads = reloading === null ? [] : await (reloading as ReturnType<typeof scheduleReloads>).finish();
      const durationMs = startedAt === null ? 0 : Math.round(((Date.now() - startedAt) / plan.timeScale) * 1000) / 1000;
      return { records: outcome.records, engine: outcome.engine, reloads, durationMs };
    }
  }
}
