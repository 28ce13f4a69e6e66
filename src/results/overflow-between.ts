import type { ListenOverflow } from './types.js';

/** The two kernel counters as read at one instant. */
type Counters = Pick<ListenOverflow, 'listenOverflows' | 'listenDrops'>;

/**
 * How much the kernel's listen counters rose between two readings. Null when
 * either reading is missing (no /proc/net/netstat) or a counter went down
 * (a reset or wrap between the readings, so the difference means nothing).
 */
export function overflowBetween(before: Counters | null, after: Counters | null): ListenOverflow | null {
  if (before === null || after === null) return null;
  const listenOverflows = after.listenOverflows - before.listenOverflows;
  const listenDrops = after.listenDrops - before.listenDrops;
  if (listenOverflows < 0 || listenDrops < 0) return null;
  return { listenOverflows, listenDrops, systemWide: true };
}
