import path from 'node:path';
import { DEFAULTS } from '../config/index.js';
import { runLoad } from '../load/index.js';
import type { RunPlan } from '../scenario/index.js';
import { readListenCounters, startStack } from '../stack/index.js';
import { stackConfig, type StackChoices } from './stack-config.js';
import {
  checkLittlesLaw,
  evaluateThreshold,
  overflowBetween,
  sampleRecords,
  summarizePhases,
  summarizeRequests,
  summarizeSynRetries,
  type RunResult,
} from '../results/index.js';
import { sampleTimeline } from './sample-timeline.js';
import { warmUpPath } from '../app/index.js';
import { warmUp } from './warm-up.js';
import { predictOrNote } from './predict-or-note.js';

export interface ExperimentOptions extends StackChoices {
  /** Called as requests complete. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting ends the load early; results so far are still summarised. */
  readonly signal?: AbortSignal;
}

/**
 * Runs one planned experiment end to end: starts the stack, warms it up
 * (see warm-up.ts), replays the plan's load while sampling the pool, stops
 * every process (also on error or abort), and returns the run's result in
 * scenario milliseconds, with predictions beside it, the rise of the
 * kernel's system-wide listen counters over the load, and the requests that
 * waited on a SYN retry. It writes nothing; see
 * `writeRunOutputs`.
 */
export async function runExperiment(plan: RunPlan, options: ExperimentOptions = {}): Promise<RunResult> {
  const scale = plan.timeScale;
  const stack = await startStack(stackConfig(plan, options));
  try {
    await warmUp(stack.url, plan.stack.workers, warmUpPath(plan.stack.app, scale));
    const countersBefore = await readListenCounters();
    const startedAt = Date.now();
    const sampler = sampleTimeline(stack, startedAt, scale, Math.max(DEFAULTS.timelineFloorMs, DEFAULTS.timelineIntervalMs * scale));
    let outcome;
    let timeline;
    let countersAfter;
    try {
      outcome = await runLoad(plan, { baseUrl: stack.url }, {
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } finally {
      countersAfter = await readListenCounters();
      timeline = await sampler.stop();
    }
    const records = outcome.records;
    const summary = summarizeRequests(records);
    const { kept, sampling } = sampleRecords(records, DEFAULTS.requestRecordCap);
    const overflow = overflowBetween(countersBefore, countersAfter);
    const synRetries = summarizeSynRetries(records, scale);
    return {
      schema: 'caplab.run/1',
      scenario: plan.scenario,
      stack: stack.describe,
      seed: plan.seed,
      startedAt: new Date(startedAt).toISOString(),
      plan,
      requests: kept,
      sampling,
      summary,
      phases: summarizePhases(records, plan.phases),
      timeline,
      thresholds: plan.expect.map((t) => evaluateThreshold(t, summary)),
      ...(overflow !== null ? { overflow } : {}),
      ...(synRetries !== null ? { synRetries } : {}),
      littlesLaw: checkLittlesLaw(records, timeline),
      predictions: predictOrNote(plan),
      ...(options.signal?.aborted ? { aborted: 'interrupted' } : {}),
    };
  } finally {
    await stack.stop();
  }
}

/** Where a run's files go inside its folder. */
export function runFiles(dir: string): { json: string; html: string } {
  return { json: path.join(dir, 'results.json'), html: path.join(dir, 'report.html') };
}
