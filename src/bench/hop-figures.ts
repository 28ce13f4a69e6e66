import type { BenchContext } from './bench-types.js';
import type { SideOutcome } from './run-sides.js';

/** One connection, one request at a time: p50 latency in ms of one run (1 s when warming up). */
export function p50AtOneConnection(ctx: BenchContext): (url: string, warmUp: boolean) => Promise<number> {
  return async (url, warmUp) => (await ctx.load.run(url, { connections: 1, durationS: warmUp ? 1 : ctx.latencyDurationS })).p50Ms;
}

/** `with` − `without` (what a hop adds), or null and the first side's error. */
export function hopDifference(withHop: SideOutcome, withoutHop: SideOutcome): SideOutcome {
  if (withHop.value !== null && withoutHop.value !== null) return { value: withHop.value - withoutHop.value };
  return { value: null, error: withHop.error ?? withoutHop.error ?? 'not measured' };
}

/** The medians behind a difference, for the `how` line: "a 0.123 − b 0.100 ms". */
export function describeDifference(labels: readonly [string, string], sides: readonly [SideOutcome, SideOutcome]): string {
  const f = (o: SideOutcome): string => (o.value === null ? '—' : o.value.toFixed(3));
  return `${labels[0]} ${f(sides[0])} − ${labels[1]} ${f(sides[1])} ms`;
}
