import type { RequestRecord } from '../results/index.js';
import type { TimingHeaders } from './timing-headers.js';

/** One finished (or failed) request, in wall-clock times from `now()`. */
export interface RecordInput {
  readonly phase: string;
  readonly method: string;
  readonly path: string;
  /** When it was meant to leave; for closed loops, when it actually left. */
  readonly scheduledWall: number;
  readonly sentWall: number;
  /** Last byte of the response, or the failure. */
  readonly endWall: number;
  readonly status: number;
  readonly timing: TimingHeaders;
  readonly error: string | null;
}

/** Collects a run's request records and reports progress. */
export interface Recorder {
  add(input: RecordInput): void;
  /** Records so far. */
  readonly count: number;
  /** Every record, in scenario ms, sorted by scheduled time, with ids 0, 1, 2, … in that order. */
  records(): RequestRecord[];
}

/** How a recorder converts times and reports progress. */
export interface RecorderOptions {
  /** `now()` at the run's start; scenario times are measured from it. */
  readonly startWall: number;
  readonly timeScale: number;
  /** Requests the plan expects (closed phases bounded by time not included). */
  readonly plannedTotal: number;
  /** Phases whose records are not in `plannedTotal`; each of their records raises the total by one. */
  readonly unplannedPhases: ReadonlySet<string>;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Creates a recorder converting wall times to scenario ms (wall ÷ timeScale, from `startWall`). */
export function createRecorder(options: RecorderOptions): Recorder {
  const { startWall, timeScale } = options;
  const list: Omit<RequestRecord, 'id'>[] = [];
  let total = options.plannedTotal;
  const toScenario = (wall: number): number => round3((wall - startWall) / timeScale);
  return {
    add(r) {
      list.push({
        phase: r.phase,
        method: r.method,
        path: r.path,
        scheduledMs: toScenario(r.scheduledWall),
        sentMs: toScenario(r.sentWall),
        latencyMs: round3(Math.max(0, r.endWall - r.scheduledWall) / timeScale),
        status: r.status,
        worker: r.timing.worker,
        core: r.timing.core,
        queueMs: r.timing.queueMs === null ? null : round3(r.timing.queueMs),
        serviceMs: r.timing.serviceMs === null ? null : round3(r.timing.serviceMs),
        connectMs: r.timing.connectMs === null ? null : round3(r.timing.connectMs),
        error: r.error,
      });
      if (options.unplannedPhases.has(r.phase)) total += 1;
      options.onProgress?.(list.length, Math.max(total, list.length));
    },
    get count() {
      return list.length;
    },
    records() {
      const sorted = list
        .map((r, order) => ({ r, order }))
        .sort((a, b) => a.r.scheduledMs - b.r.scheduledMs || a.r.sentMs - b.r.sentMs || a.order - b.order);
      return sorted.map(({ r }, id) => ({ id, ...r }));
    },
  };
}
