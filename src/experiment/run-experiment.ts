import path from 'node:path';
import { DEFAULTS } from '../config/index.js';
import { recordPlan, type RunPlan } from '../scenario/index.js';
import { caplabError } from '../errors.js';
import { poolOptionError, readListenCounters, startStack, type RoleDeath } from '../stack/index.js';
import { stackConfig, type StackChoices } from './stack-config.js';
import {
  checkLittlesLaw,
  countReloadFailures,
  evaluateThreshold,
  overflowBetween,
  sampleRecords,
  summarizePhases,
  summarizeRequests,
  summarizeSynRetries,
  type RunResult,
} from '../results/index.js';
import { sampleTimeline, type SampleFailures, type TimelineSampler } from './sample-timeline.js';
import { driveLoad, type EngineChoice } from './drive-load.js';
import { warmUpPath } from '../app/index.js';
import { warmUp } from './warm-up.js';
import { predictOrNote } from './predict-or-note.js';

/** A role that died during the measured load, and when. */
export interface RoleDeathReport extends RoleDeath {
  /** Scenario ms from the start of the load. */
  readonly atMs: number;
}

export interface ExperimentOptions extends StackChoices {
  /** Called as requests complete. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting ends the load early; results so far are still summarised. */
  readonly signal?: AbortSignal;
  /** Called once if a role dies during the load: the load stops, and the result is marked `aborted: "<role> died"`. */
  readonly onRoleDeath?: (death: RoleDeathReport) => void;
  /** Called after the load if any pool stats sample failed (the timeline has gaps). */
  readonly onSampleFailures?: (failures: SampleFailures) => void;
  /** The engine that sends the load (default caplab's own). */
  readonly engine?: EngineChoice;
  /** Locust master-only: called once the master listens, with the command each worker must run. */
  readonly onLocustMaster?: (info: { readonly locustfile: string; readonly workerCommand: string }) => void;
}

/** The one-line account of a role's death: "pool master (pid 123) died at t = 2.0 s". */
export function describeRoleDeath(death: RoleDeathReport): string {
  const how = death.signal !== null ? ` (${death.signal})` : death.code !== null && death.code !== 0 ? ` (exit ${death.code})` : '';
  return `${death.role} (pid ${death.pid}) died${how} at t = ${(death.atMs / 1000).toFixed(1)} s`;
}

/**
 * Runs one planned experiment end to end: starts the stack, warms it up
 * (see warm-up.ts), replays the plan's load while sampling the pool, stops
 * every process (also on error or abort), and returns the run's result in
 * scenario milliseconds, with predictions beside it, the rise of the
 * kernel's system-wide listen counters over the load, and the requests that
 * waited on a SYN retry. It writes nothing; see `writeRunOutputs`.
 *
 * A role that dies during the load stops it: the result covers what was
 * measured until then and is marked `aborted: "<role> died"`, and
 * `onRoleDeath` is told who and when. A role that dies before the load
 * starts throws E_ROLE_DIED. The plan's reloads run during the load
 * (`stack.reload()`), and the result lists each with the requests that
 * failed while it ran.
 */
export async function runExperiment(plan: RunPlan, options: ExperimentOptions = {}): Promise<RunResult> {
  const scale = plan.timeScale;
  if (plan.reloads.length > 0 && options.roles?.pool === 'runserver') throw poolOptionError('runserver', 'a reload phase', 'it has no workers to replace');
  const stack = await startStack(stackConfig(plan, options));
  const stopLoad = new AbortController();
  const onAbort = (): void => stopLoad.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stopLoad.abort();
  let death: (RoleDeath & { readonly wallMs: number }) | null = null;
  void stack.died.then((d) => {
    death = { ...d, wallMs: Date.now() };
    stopLoad.abort();
  });
  try {
    await warmUp(stack.url, plan.stack.workers, warmUpPath(plan.stack.app, scale));
    // Give an exit seen during warm-up its turn before deciding.
    await new Promise((r) => setImmediate(r));
    const early = death as (RoleDeath & { readonly wallMs: number }) | null;
    if (early) throw caplabError('E_ROLE_DIED', `${early.role} (pid ${early.pid}) died before the load started`, { hint: 'nothing was measured' });
    const countersBefore = await readListenCounters();
    let startedAt = Date.now();
    // The timeline counts from the load's own start, which Locust only knows once its workers are in.
    let sampler: TimelineSampler | null = null;
    let outcome;
    let timeline;
    let poolMemory;
    let countersAfter;
    try {
      outcome = await driveLoad(plan, stack.url, options.engine ?? { name: 'caplab' }, {
        onProgress: options.onProgress,
        signal: stopLoad.signal,
        onLocustMaster: options.onLocustMaster,
        onStart: (at) => {
          startedAt = at;
          sampler = sampleTimeline(stack, at, scale, Math.max(DEFAULTS.timelineFloorMs, DEFAULTS.timelineIntervalMs * scale));
        },
        reload: () => stack.reload(),
      });
    } finally {
      countersAfter = await readListenCounters();
      timeline = sampler === null ? [] : await (sampler as TimelineSampler).stop();
      poolMemory = sampler === null ? undefined : (sampler as TimelineSampler).memory();
    }
    const failures = sampler === null ? { count: 0, first: undefined } : (sampler as TimelineSampler).failures();
    if (failures.count > 0) options.onSampleFailures?.(failures);
    const died = death as (RoleDeath & { readonly wallMs: number }) | null;
    if (died) {
      const { wallMs, ...who } = died;
      options.onRoleDeath?.({ ...who, atMs: Math.max(0, (wallMs - startedAt) / scale) });
    }
    const aborted = died ? `${died.role} died` : options.signal?.aborted ? 'interrupted' : null;
    const records = outcome.records;
    const summary = summarizeRequests(records);
    const { kept, sampling } = sampleRecords(records, DEFAULTS.requestRecordCap);
    const overflow = overflowBetween(countersBefore, countersAfter);
    const synRetries = summarizeSynRetries(records, scale);
    const reloads = countReloadFailures(outcome.reloads, records, outcome.durationMs);
    return {
      schema: 'caplab.run/1',
      scenario: plan.scenario,
      stack: stack.describe,
      engine: outcome.engine,
      seed: plan.seed,
      startedAt: new Date(startedAt).toISOString(),
      plan: recordPlan(plan),
      requests: kept,
      sampling,
      summary,
      phases: summarizePhases(records, plan.phases),
      timeline,
      thresholds: plan.expect.map((t) => evaluateThreshold(t, summary)),
      ...(poolMemory !== undefined ? { poolMemory } : {}),
      ...(overflow !== null ? { overflow } : {}),
      ...(synRetries !== null ? { synRetries } : {}),
      littlesLaw: checkLittlesLaw(records, timeline),
      predictions: predictOrNote(plan),
      ...(reloads.length > 0 ? { reloads } : {}),
      ...(aborted !== null ? { aborted } : {}),
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await stack.stop();
  }
}

/** Where a run's files go inside its folder. */
export function runFiles(dir: string): { json: string; html: string } {
  return { json: path.join(dir, 'results.json'), html: path.join(dir, 'report.html') };
}
