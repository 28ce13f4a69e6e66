import { drawService } from './service-dist.js';
import { LIMITS } from './limits.js';
import type { PlannedRequest } from './plan-types.js';
import type { Rng } from '../random/index.js';

/** One concrete request: what goes on the wire. */
export interface RequestSpec {
  readonly method: string;
  /** Path and query, with a drawn service time as `ms=`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

/**
 * Appends `ms=<value>` to a path's query: a plain decimal rounded to 0.01 ms
 * and clamped to [0, LIMITS.serviceMs], the range the sample app accepts
 * (a long-tailed draw past one hour is sent as one hour).
 */
export function withServiceMs(path: string, ms: number): string {
  const value = String(Math.round(Math.min(LIMITS.serviceMs, Math.max(0, ms)) * 100) / 100);
  return `${path}${path.includes('?') ? '&' : '?'}ms=${value}`;
}

/**
 * Returns a function that draws the next request of a weighted mix: one
 * uniform draw picks the entry (none when the mix has one entry), then the
 * entry's service distribution, if any, draws its time. The n-th call
 * always returns the same request for the same `rng` seed.
 */
export function createRequestSource(mix: readonly PlannedRequest[], rng: Rng): () => RequestSpec {
  if (mix.length === 0) throw new Error('a request mix needs at least one entry');
  const cumulative: number[] = [];
  let total = 0;
  for (const r of mix) cumulative.push((total += r.weight));
  const pick = (): PlannedRequest => {
    if (mix.length === 1) return mix[0] as PlannedRequest;
    const u = rng.next() * total;
    const i = cumulative.findIndex((c) => u < c);
    return mix[i === -1 ? mix.length - 1 : i] as PlannedRequest;
  };
  return () => {
    const r = pick();
    const path = r.service ? withServiceMs(r.path, drawService(r.service, rng)) : r.path;
    return { method: r.method, path, headers: r.headers, body: r.body };
  };
}
