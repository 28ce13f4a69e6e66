import autocannon from 'autocannon';
import { createRequestSource, type ClosedPhasePlan, type RequestSpec } from '../scenario/index.js';
import type { PhaseContext } from './phase-context.js';
import { describeError } from './send-request.js';
import { headersFromRaw, NO_TIMING, parseTimingHeaders } from './timing-headers.js';
import { now } from './wall-clock.js';

/** The parts of autocannon's per-connection client used here (not in @types/autocannon). */
interface CannonClient {
  on(event: 'request', fn: () => void): void;
  on(event: 'headers', fn: (info: { headers?: (string | Buffer)[] }) => void): void;
  on(event: 'response', fn: (status: number) => void): void;
  on(event: 'connError', fn: (err: unknown) => void): void;
  on(event: 'timeout', fn: () => void): void;
  requestIterator: { context: { spec?: RequestSpec } };
}

/**
 * Runs a closed phase with no think time through autocannon: `clients`
 * connections, each sending its next request as soon as the previous one
 * answered, for the phase's duration or until `amount` requests. Closed-loop
 * latency is measured from each request's actual send (there is no intended
 * send time), so it hides server stalls by design. Every request is drawn
 * from the phase's seeded source in autocannon's `setupRequest` (so mixes
 * and service draws work) and recorded per request from the client's
 * `request`, `headers` and `response` events. When the duration ends,
 * autocannon drops the requests still in flight; they are not recorded, and
 * neither are requests it sent after the end.
 */
export async function runClosedAutocannon(ctx: PhaseContext, phase: ClosedPhasePlan): Promise<void> {
  const { timeScale, recorder } = ctx;
  const next = createRequestSource(phase.requests, ctx.streams.requests);
  const bounded = phase.amount !== null ? { amount: phase.amount } : { duration: (phase.durationMs * timeScale) / 1000 };

  const setupClient = (raw: unknown): void => {
    const client = raw as CannonClient;
    let sentWall = now();
    let headers: Record<string, string> = {};
    const add = (status: number, error: string | null): void => {
      const spec = client.requestIterator.context.spec;
      if (!spec || (phase.amount === null && sentWall > ctx.sendEndWall)) return;
      const timing = status === 0 ? NO_TIMING : parseTimingHeaders(headers, timeScale);
      recorder.add({ phase: phase.name, method: spec.method, path: spec.path, scheduledWall: sentWall, sentWall, endWall: now(), status, timing, error });
    };
    client.on('request', () => {
      sentWall = now();
      headers = {};
    });
    client.on('headers', (info) => {
      headers = headersFromRaw(info.headers ?? []);
    });
    client.on('response', (status) => add(status, null));
    client.on('connError', (err) => add(0, describeError(err)));
    client.on('timeout', () => add(0, 'timeout'));
  };

  const instance = autocannon({
    url: ctx.origin,
    connections: phase.clients,
    pipelining: 1,
    ...bounded,
    timeout: Math.max(1, Math.ceil(ctx.drainWallMs / 1000)),
    // autocannon notices the end only at its sampling tick; keep it short so it stops on time.
    sampleInt: 10,
    skipAggregateResult: true,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>, context: { spec?: RequestSpec }) => {
          const spec = next();
          context.spec = spec;
          return {
            ...req,
            method: spec.method,
            path: spec.path,
            headers: { ...(req['headers'] as Record<string, string> | undefined), ...spec.headers },
            ...(spec.body !== null ? { body: spec.body } : {}),
          };
        },
      },
    ],
    setupClient,
  } as unknown as autocannon.Options) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;

  const stop = (): void => instance.stop();
  const timer = setTimeout(stop, Math.max(0, ctx.deadlineWall - now()));
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    await instance;
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', stop);
  }
}
