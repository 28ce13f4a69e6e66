import type { PlannedReload } from '../scenario/index.js';
import type { ReloadTiming } from '../results/index.js';
import { now } from './wall-clock.js';

/** What a reload of the pool reports: epoch ms at its start and end, and the worker pids before and after. */
export interface ReloadReport {
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly pidsBefore: readonly number[];
  readonly pidsAfter: readonly number[];
}

/** The reloads of a run, started on their timers. */
export interface ScheduledReloads {
  /** Cancels the reloads not yet begun, waits for those under way, and returns every one that began. */
  finish(): Promise<ReloadTiming[]>;
}

/**
 * Starts a timer per planned reload, `atMs × timeScale` of wall time after
 * `startWall` (performance.now() ms at the run's start, epoch ms
 * `startedAt`), calling `reload()` when it fires. A reload sends no
 * request; it runs beside whatever phase is sending. Times are recorded in
 * scenario ms from the run's start; a failed reload is recorded with its
 * error, never thrown.
 */
export function scheduleReloads(
  reloads: readonly PlannedReload[],
  reload: () => Promise<ReloadReport>,
  clock: { readonly startWall: number; readonly startedAt: number; readonly timeScale: number },
): ScheduledReloads {
  const { startWall, startedAt, timeScale } = clock;
  const toScenario = (epochMs: number): number => Math.round(((epochMs - startedAt) / timeScale) * 1000) / 1000;
  const running: Promise<ReloadTiming>[] = [];
  const timers = reloads.map((planned) =>
    setTimeout(
      () => {
        const begun = Date.now();
        running.push(
          reload().then(
            (r): ReloadTiming => ({
              name: planned.name,
              atMs: planned.atMs,
              startMs: toScenario(r.startedAtMs),
              endMs: toScenario(r.endedAtMs),
              pidsBefore: [...r.pidsBefore],
              pidsAfter: [...r.pidsAfter],
            }),
            (err: unknown): ReloadTiming => ({
              name: planned.name,
              atMs: planned.atMs,
              startMs: toScenario(begun),
              endMs: null,
              pidsBefore: [],
              pidsAfter: [],
              error: err instanceof Error ? err.message : String(err),
            }),
          ),
        );
      },
      Math.max(0, startWall + planned.atMs * timeScale - now()),
    ),
  );
  return {
    async finish() {
      for (const timer of timers) clearTimeout(timer);
      return Promise.all(running);
    },
  };
}
