import { caplabError } from '../errors.js';

/** Largest worker count a sweep or run accepts. */
export const MAX_WORKERS = 512;
/** Most worker counts one sweep runs. */
export const MAX_SWEEP_COUNTS = 64;

/**
 * Parses `--workers` for a sweep: `1,2,4,8`, `1..16`, or a mix such as
 * `1..4,8,16`. Returns sorted unique counts; throws E_FLAG naming the bad part.
 * Bounds are checked before a range is expanded, so `1..99999999999` is
 * refused at once.
 */
export function parseWorkerList(text: string): number[] {
  const counts = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = /^(\d+)\.\.(\d+)$/.exec(part);
    const single = /^\d+$/.test(part) ? Number(part) : null;
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (from > to) throw caplabError('E_FLAG', `--workers range ${part} runs backwards`);
      if (from < 1 || to > MAX_WORKERS) throw caplabError('E_FLAG', `--workers counts must be between 1 and ${MAX_WORKERS}, got the range ${part}`);
      for (let n = from; n <= to; n += 1) counts.add(n);
    } else if (single !== null) {
      counts.add(single);
    } else {
      throw caplabError('E_FLAG', `--workers must be a list like 1,2,4,8 or a range like 1..16, got "${part}" in "${text}"`);
    }
  }
  const list = [...counts].sort((a, b) => a - b);
  const bad = list.find((n) => n < 1 || n > MAX_WORKERS);
  if (bad !== undefined) throw caplabError('E_FLAG', `--workers counts must be between 1 and ${MAX_WORKERS}, got ${bad}`);
  if (list.length > MAX_SWEEP_COUNTS) throw caplabError('E_FLAG', `--workers lists at most ${MAX_SWEEP_COUNTS} counts, got ${list.length}`);
  return list;
}
