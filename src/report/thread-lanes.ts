/**
 * Sub-lanes for the per-request timeline of a pool whose workers serve
 * several requests at once (uWSGI's `threads`, gunicorn's gthread), for the
 * workers whose records do not say which thread served them (real pools send
 * `X-Caplab-Worker` but not the embedded pool's `X-Caplab-Core`; older
 * results lack it). Those lanes are drawn, not read: each worker's requests
 * go, in order of service start, to the first of its sub-lanes that is free
 * by then (greedy interval colouring, which needs no more sub-lanes than the
 * most requests the worker served at once).
 */

/** What the assignment needs of a request: who served it and when. */
export interface ServiceInterval {
  readonly id: number;
  readonly worker: number;
  readonly startMs: number;
  readonly endMs: number;
}

/** Sub-lanes of each worker's row, with the requests placed on them. */
export interface ThreadLanes {
  /** 1-based sub-lane of each request, by request id. */
  readonly laneOf: ReadonlyMap<number, number>;
  /** Sub-lanes each worker needed (at least 1 for every worker that served a request). */
  readonly lanesOf: ReadonlyMap<number, number>;
  /** Workers that needed more sub-lanes than `threads`, in id order. */
  readonly overfull: readonly number[];
  /** Requests placed on a sub-lane beyond `threads`. */
  readonly beyond: number;
  /**
   * Of the requests placed beyond `threads`, the largest time by which the
   * first `threads` sub-lanes were still busy at its start (0 when none):
   * how far the measured times would have to move for them to fit.
   */
  readonly maxExcessMs: number;
}

/**
 * Places each request on the first sub-lane of its worker that is free at
 * its service start (a lane is free once the request on it has ended;
 * `endMs === startMs` of the next counts as free). Requests of one worker
 * never overlap within a sub-lane; when more than `threads` would be needed
 * (the measured times overlap more than the pool allowed), further lanes are
 * added and the worker is listed in `overfull`. Ties in start time go by
 * request id, so the result does not depend on the input order.
 */
export function assignThreadLanes(intervals: readonly ServiceInterval[], threads: number): ThreadLanes {
  const ordered = [...intervals].sort((a, b) => a.startMs - b.startMs || a.id - b.id);
  const endsByWorker = new Map<number, number[]>();
  const laneOf = new Map<number, number>();
  let beyond = 0;
  let maxExcessMs = 0;
  for (const r of ordered) {
    const ends = endsByWorker.get(r.worker) ?? [];
    endsByWorker.set(r.worker, ends);
    let lane = ends.findIndex((end) => end <= r.startMs);
    if (lane === -1) {
      lane = ends.length;
      ends.push(r.endMs);
    } else {
      ends[lane] = r.endMs;
    }
    laneOf.set(r.id, lane + 1);
    if (lane >= threads) {
      beyond += 1;
      maxExcessMs = Math.max(maxExcessMs, Math.min(...ends.slice(0, threads)) - r.startMs);
    }
  }
  const lanesOf = new Map([...endsByWorker].map(([w, ends]) => [w, ends.length] as const));
  const overfull = [...lanesOf].filter(([, n]) => n > threads).map(([w]) => w).sort((a, b) => a - b);
  return { laneOf, lanesOf, overfull, beyond, maxExcessMs };
}

/** A request on a known sub-lane (the thread the pool said served it, 1-based). */
export interface LanedInterval extends ServiceInterval {
  readonly lane: number;
}

/** How far requests drawn on the same sub-lane overlap by their recorded times. */
export interface LaneOverlap {
  /** Requests that start before an earlier request on their sub-lane has ended. */
  readonly overlapping: number;
  /** The largest such overlap (0 when none). */
  readonly maxOverlapMs: number;
}

/**
 * Measures the overlap within each sub-lane of requests whose sub-lane was
 * recorded, not placed: a thread serves one request at a time, so any
 * overlap is in the recorded times (start times measured at the load
 * generator), not in the pool. Ties in start time go by request id.
 */
export function laneOverlap(intervals: readonly LanedInterval[]): LaneOverlap {
  const ordered = [...intervals].sort((a, b) => a.startMs - b.startMs || a.id - b.id);
  const lastEnd = new Map<string, number>();
  let overlapping = 0;
  let maxOverlapMs = 0;
  for (const r of ordered) {
    const key = `${r.worker}:${r.lane}`;
    const end = lastEnd.get(key);
    if (end !== undefined && end > r.startMs) {
      overlapping += 1;
      maxOverlapMs = Math.max(maxOverlapMs, end - r.startMs);
    }
    lastEnd.set(key, Math.max(end ?? r.endMs, r.endMs));
  }
  return { overlapping, maxOverlapMs };
}
