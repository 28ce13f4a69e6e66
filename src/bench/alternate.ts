import { median } from './bench-types.js';

/**
 * Runs each of `measures` `reps` times, interleaved (a, b, a, b, …) in the
 * same sitting so that both sides share whatever else the machine is
 * doing, and returns each side's median, or null for a side whose every
 * run failed (with the last error). A failed run is skipped, not retried.
 */
export async function alternate(
  reps: number,
  measures: readonly (((rep: number) => Promise<number>) | null)[],
): Promise<{ value: number | null; error?: string }[]> {
  const values: number[][] = measures.map(() => []);
  const errors: (string | undefined)[] = measures.map(() => undefined);
  for (let rep = 0; rep < reps; rep++) {
    for (const [i, measure] of measures.entries()) {
      if (!measure) continue;
      try {
        values[i]!.push(await measure(rep));
      } catch (err) {
        errors[i] = err instanceof Error ? err.message : String(err);
      }
    }
  }
  return values.map((v, i) => (v.length > 0 ? { value: median(v) } : { value: null, ...(errors[i] ? { error: errors[i] } : {}) }));
}
