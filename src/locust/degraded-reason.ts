import type { WorkerRecords } from './read-records.js';

/** How a Locust process ended, and when (wall ms from t0). */
export interface ProcessEnd {
  readonly pid: number;
  readonly code: number | null;
  readonly signal: string | null;
  readonly atMs: number;
}

/**
 * Why a run's records are incomplete, or null: a worker whose file has no
 * trailer (it died, or was stopped, before finishing its share), and, in
 * master-only mode, workers that never sent their records. `pids[i]` is
 * the process of `files[i]` (local workers), `exits` how those that ended
 * on their own did. With `deathsOnly` (a run stopped early, marked aborted
 * anyway) only workers that ended on their own count.
 */
export function degradedReason(
  files: readonly WorkerRecords[],
  expected: number,
  exits: ReadonlyMap<number, ProcessEnd>,
  pids: readonly number[],
  scale: number,
  options: { readonly deathsOnly?: boolean } = {},
): string | null {
  const reasons: string[] = [];
  files.forEach((f, i) => {
    if (f.done) return;
    const exit = pids[i] === undefined ? undefined : exits.get(pids[i]);
    if (options.deathsOnly === true && exit === undefined) return;
    const how = exit ? ` ${exit.signal !== null ? `was killed (${exit.signal})` : `exited (code ${exit.code})`} at t = ${(exit.atMs / scale / 1000).toFixed(1)} s` : ' did not finish its share';
    reasons.push(`Locust worker ${i}${exit ? ` (pid ${exit.pid})` : ''}${how}; its ${f.lines.length} records are kept`);
  });
  if (options.deathsOnly === true) return reasons.length === 0 ? null : reasons.join('; ');
  const finished = files.filter((f) => f.done).length;
  const missing = expected - files.length;
  if (missing > 0) reasons.push(`${missing} of ${expected} Locust workers sent no records`);
  if (reasons.length === 0 && finished < expected) reasons.push(`${expected - finished} of ${expected} Locust workers did not finish`);
  return reasons.length === 0 ? null : reasons.join('; ');
}

