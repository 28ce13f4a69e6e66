import { SAMPLE_APP } from './load-app.js';
import { MAX_MS } from './query-values.js';

/**
 * Routes of the sample app whose `?ms=` is the time a worker is held, in
 * scenario ms: /sleep, /cpu and /io (see sample-app.ts).
 */
export const TIMED_ROUTE = /^\/(sleep|cpu|io)(\?|$)/;

/** Wall-clock ms each warm-up request holds a sample-app worker. */
const WARM_UP_WALL_MS = 20;

/**
 * How long a request for `path` (path and query) holds a sample-app
 * worker: its `?ms=` on /sleep, /cpu and /io, else 0 (the app's own
 * overhead is not modelled).
 */
export function heldMs(path: string): number {
  if (!TIMED_ROUTE.test(path)) return 0;
  const ms = Number(new URL(path, 'http://x').searchParams.get('ms') ?? 0);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/**
 * The path that warms up a freshly started stack running `app` ('sample'
 * or a module path), or null when there is none to use. For the sample app
 * it is a /sleep that holds a worker for about 20 ms of wall time at
 * `timeScale` (never beyond what /sleep accepts), so that simultaneous warm-up requests land on distinct
 * workers. Any other app gets null: caplab knows none of its routes, and a
 * guessed one would only exercise its 404 path.
 */
export function warmUpPath(app: string, timeScale: number): string | null {
  if (app !== SAMPLE_APP) return null;
  return `/sleep?ms=${Math.min(MAX_MS, Math.max(1, Math.round(WARM_UP_WALL_MS / timeScale)))}`;
}
