import { Client } from 'undici';
import { createRequestSource, type ClosedPhasePlan } from '../scenario/index.js';
import type { PhaseContext } from './phase-context.js';
import { sendRequest } from './send-request.js';
import { NO_TIMING, parseTimingHeaders } from './timing-headers.js';
import { now, sleep, sleepUntil } from './wall-clock.js';

/**
 * caplab's closed loop, used for every closed phase: `clients` virtual
 * users, each on its own undici connection, send a request, wait for the
 * whole response, wait the think time (if any), and go again, until the phase's duration is over or `amount`
 * requests have been started. Latency is measured from the actual send, as
 * in any closed loop. Requests still out at the deadline are aborted and
 * recorded as `timeout`; on abort they are dropped unrecorded.
 */
export async function runClosedLoop(ctx: PhaseContext, phase: ClosedPhasePlan): Promise<void> {
  const { timeScale, recorder, signal } = ctx;
  const next = createRequestSource(phase.requests, ctx.streams.requests);
  const thinkWall = phase.thinkTimeMs * timeScale;
  const clients = Array.from(
    { length: phase.clients },
    () => new Client(ctx.origin, { pipelining: 1, headersTimeout: 0, bodyTimeout: 0, connectTimeout: Math.max(1000, ctx.drainWallMs) }),
  );
  let started = 0;
  let ending: 'no' | 'timeout' | 'aborted' = 'no';
  const more = (): boolean =>
    !signal.aborted && ending === 'no' && (phase.amount !== null ? started < phase.amount : now() < ctx.sendEndWall);

  const user = async (client: Client): Promise<void> => {
    while (more()) {
      started += 1;
      const spec = next();
      const sentWall = now();
      const out = await sendRequest(client, spec);
      if (ending === 'aborted' || signal.aborted) return;
      const timedOut = out.status === 0 && ending === 'timeout';
      recorder.add({
        phase: phase.name,
        method: spec.method,
        path: spec.path,
        scheduledWall: sentWall,
        sentWall,
        endWall: out.endWall,
        status: out.status,
        timing: out.status === 0 ? NO_TIMING : parseTimingHeaders(out.headers, timeScale),
        error: timedOut ? 'timeout' : out.error,
      });
      if (thinkWall > 0 && more()) await sleep(thinkWall, signal);
    }
  };

  const users = Promise.all(clients.map(user));
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const finished = await Promise.race([users.then(() => true), sleepUntil(ctx.deadlineWall, stop.signal).then(() => false)]);
  stop.abort();
  signal.removeEventListener('abort', onAbort);
  if (!finished) {
    ending = signal.aborted ? 'aborted' : 'timeout';
    await Promise.all(clients.map((c) => c.destroy()));
    await users;
  } else {
    await Promise.all(clients.map((c) => c.close()));
  }
}
