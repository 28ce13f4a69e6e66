import { planStreams, type PhasePlan, type PhaseStreams, type RunPlan } from '../scenario/index.js';
import type { ReloadTiming, RequestRecord } from '../results/index.js';
import { assertLoopback } from './assert-loopback.js';
import { drainWallMs, phaseBudgetWallMs } from './phase-context.js';
import { createRecorder } from './recorder.js';
import { runPhase } from './run-phase.js';
import { now } from './wall-clock.js';
import { scheduleReloads, type ReloadReport } from './run-reloads.js';
import { caplabError } from '../errors.js';

/** Where the load goes: a loopback base URL such as `http://127.0.0.1:43121`. */
export interface LoadTarget {
  readonly baseUrl: string;
}

/** Optional hooks for a run of the load. */
export interface LoadOptions {
  /** Called after every finished request with the count so far and the expected total (which grows during closed phases bounded by time). */
  onProgress?(done: number, total: number): void;
  /** Stops sending at once and drops requests in flight; the records so far are returned. */
  signal?: AbortSignal;
  /** Reloads the pool, for the plan's `reloads`; without it a plan with reloads is refused (E_USAGE). */
  reload?: () => Promise<ReloadReport>;
}

/** What a run of the load produced. */
export interface LoadOutcome {
  /** Every request, sorted by scheduled time, in scenario ms from the run's start. */
  readonly records: RequestRecord[];
  /** Epoch ms at the run's start. */
  readonly startedAt: number;
  /** Scenario ms from the start to the end of the last phase. */
  readonly durationMs: number;
  /** The plan's reloads that began (all of them unless the load stopped early), in scenario ms. */
  readonly reloads: ReloadTiming[];
}

/** Splits phases into groups that run together: each phase plus the `parallel` ones after it. */
export function groupPhases(phases: readonly PhasePlan[]): PhasePlan[][] {
  const groups: PhasePlan[][] = [];
  for (const phase of phases) {
    const last = groups.at(-1);
    if (phase.parallel && last) last.push(phase);
    else groups.push([phase]);
  }
  return groups;
}

/**
 * Replays a plan against a loopback target and records every request.
 * Phases run in order; a phase marked `parallel` starts with the one before
 * it, and the next group starts once the whole group has finished (all
 * responses in, or its deadline passed). Wall time is scenario time ×
 * `plan.timeScale`; records are in scenario ms. A single request's failure
 * never throws: it is a record with status 0 and an `error`. Refuses a
 * non-loopback target (E_NOT_LOOPBACK). The plan's reloads run on their
 * own timers (`options.reload`), beside the phases; the load waits for a
 * reload under way before it returns.
 */
export async function runLoad(plan: RunPlan, target: LoadTarget, options: LoadOptions = {}): Promise<LoadOutcome> {
  const origin = assertLoopback(target.baseUrl).origin;
  const reloads = plan.reloads ?? [];
  if (reloads.length > 0 && !options.reload) throw caplabError('E_USAGE', `the plan has ${reloads.length} reload(s) but nothing to reload: pass a reload() with the target`);
  const signal = options.signal ?? new AbortController().signal;
  const streams = planStreams(plan);
  const streamsOf = new Map(plan.phases.map((phase, i) => [phase, streams[i] as PhaseStreams]));
  const drain = drainWallMs(plan);
  const startedAt = Date.now();
  const startWall = now();
  const recorder = createRecorder({
    startWall,
    timeScale: plan.timeScale,
    plannedTotal: plan.totalRequests,
    unplannedPhases: new Set(plan.phases.filter((p) => p.expectedRequests === null).map((p) => p.name)),
    onProgress: options.onProgress?.bind(options),
  });

  const reloading = scheduleReloads(reloads, options.reload ?? (() => Promise.reject(new Error('no pool to reload'))), { startWall, startedAt, timeScale: plan.timeScale });
  let first = true;
  for (const group of groupPhases(plan.phases)) {
    if (signal.aborted) break;
    // The first group starts at the run's start exactly, so its scheduled times are its own offsets.
    const groupStart = first ? startWall : now();
    first = false;
    await Promise.all(
      group.map((phase) =>
        runPhase({
          phase,
          origin,
          timeScale: plan.timeScale,
          streams: streamsOf.get(phase) as PhaseStreams,
          startWall: groupStart,
          sendEndWall: groupStart + phase.durationMs * plan.timeScale,
          deadlineWall: groupStart + phaseBudgetWallMs(plan, phase),
          drainWallMs: drain,
          recorder,
          signal,
        }),
      ),
    );
  }
  const durationMs = Math.round(((now() - startWall) / plan.timeScale) * 1000) / 1000;
  return { records: recorder.records(), startedAt, durationMs, reloads: await reloading.finish() };
}
