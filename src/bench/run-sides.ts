import { alternate } from './alternate.js';
import type { BenchContext } from './bench-types.js';
import { createServerSet, type Started, type Stoppable } from './server-set.js';

/** One server to measure: how to start it and where to send the load. */
export interface SideSpec<T extends Stoppable> {
  /** For progress lines, e.g. 'embedded stack'. */
  readonly label: string;
  start(): Promise<T>;
  url(server: T): string;
}

/**
 * A side whose server type differs from the others': `url` is checked
 * against what `start` returns here, then the spec is widened so sides of
 * different kinds (a stack, a pool, a keeper-held program) run together.
 */
export function side<T extends Stoppable>(label: string, start: () => Promise<T>, url: (server: T) => string): SideSpec<Stoppable> {
  return { label, start, url: url as (server: Stoppable) => string };
}

/** A side's median, or null and why (it did not start, or every run failed). */
export interface SideOutcome {
  readonly value: number | null;
  readonly error?: string;
}

/**
 * Starts every side (in order, one at a time), warms each with 1 s of the
 * same load, measures them interleaved (`ctx.reps` rounds of a, b, …; see
 * alternate), lets `inspect` read the running servers (memory peaks), and
 * stops them all, whatever happened. `measure` turns one run against a URL
 * into one number; with `warmUp` true it should run briefly (about 1 s).
 */
export async function runSides<T extends Stoppable>(
  ctx: BenchContext,
  sides: readonly SideSpec<T>[],
  measure: (url: string, warmUp: boolean) => Promise<number>,
  inspect?: (servers: readonly (T | null)[]) => Promise<void>,
): Promise<SideOutcome[]> {
  const set = createServerSet();
  try {
    const started: Started<T>[] = [];
    for (const side of sides) {
      ctx.log(`starting ${side.label}`);
      started.push(await set.start(() => side.start()));
    }
    const measures = started.map((s, i) => {
      if (s.server === null) return null;
      const url = sides[i]!.url(s.server);
      return async (rep: number): Promise<number> => {
        if (rep === 0) await measure(url, true).catch(() => undefined); // warm-up, not counted
        const value = await measure(url, false);
        ctx.log(`  ${sides[i]!.label}: ${value.toFixed(3)}`);
        return value;
      };
    });
    const outcomes = await alternate(ctx.reps, measures);
    await inspect?.(started.map((s) => s.server));
    return outcomes.map((o, i) => (started[i]!.server === null ? { value: null, error: started[i]!.error } : o));
  } finally {
    await set.stopAll();
  }
}
