import { Pool } from 'undici';
import { iterateSchedule, type ScheduledRequest } from '../scenario/index.js';
import type { PhaseContext } from './phase-context.js';
import { sendRequest } from './send-request.js';
import { NO_TIMING, parseTimingHeaders } from './timing-headers.js';
import { now, sleepUntil } from './wall-clock.js';

/**
 * Runs a burst, open or ramp phase with caplab's own scheduler: each request
 * leaves at its scheduled time (timer, then polling; see `sleepUntil`)
 * without waiting for earlier responses, and its latency is measured from
 * that scheduled time, so a stalled server cannot hide its delay
 * (coordinated-omission free). autocannon cannot do this: its `overallRate`
 * is still closed-loop. Connections come from an undici Pool with no limit
 * and no pipelining, opened as arrivals need them, so a burst of N opens N
 * connections at once. Requests still out at the deadline are aborted and
 * recorded as `timeout`; on abort, in-flight requests are dropped unrecorded.
 */
export async function runScheduledPhase(ctx: PhaseContext): Promise<void> {
  const { phase, timeScale, recorder, signal } = ctx;
  const pool = new Pool(ctx.origin, {
    connections: null,
    pipelining: 1,
    headersTimeout: 0,
    bodyTimeout: 0,
    connectTimeout: Math.max(1000, ctx.drainWallMs),
  });
  const inflight = new Set<Promise<void>>();
  let ending: 'no' | 'timeout' | 'aborted' = 'no';

  const fire = (req: ScheduledRequest, scheduledWall: number): void => {
    const sentWall = now();
    const done = sendRequest(pool, req).then((out) => {
      inflight.delete(done);
      if (ending === 'aborted') return;
      const timedOut = out.status === 0 && ending === 'timeout';
      recorder.add({
        phase: phase.name,
        method: req.method,
        path: req.path,
        scheduledWall,
        sentWall,
        endWall: out.endWall,
        status: out.status,
        timing: out.status === 0 ? NO_TIMING : parseTimingHeaders(out.headers, timeScale),
        error: timedOut ? 'timeout' : out.error,
      });
    });
    inflight.add(done);
  };

  for (const req of iterateSchedule(phase, ctx.streams)) {
    const scheduledWall = ctx.startWall + req.atMs * timeScale;
    if (scheduledWall > now()) await sleepUntil(scheduledWall, signal);
    if (signal.aborted) break;
    if (now() >= ctx.deadlineWall) {
      // Only when the generator fell behind by a whole drain: give up on the rest instead of flooding.
      const t = now();
      recorder.add({ phase: phase.name, method: req.method, path: req.path, scheduledWall, sentWall: t, endWall: t, status: 0, timing: NO_TIMING, error: 'not sent: phase deadline passed' });
      continue;
    }
    fire(req, scheduledWall);
  }

  if (inflight.size > 0 && !signal.aborted) {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    await Promise.race([Promise.all([...inflight]), sleepUntil(ctx.deadlineWall, stop.signal)]);
    stop.abort();
    signal.removeEventListener('abort', onAbort);
  }
  if (inflight.size > 0) {
    ending = signal.aborted ? 'aborted' : 'timeout';
    await pool.destroy();
    await Promise.all([...inflight]);
  } else {
    await pool.close();
  }
}
