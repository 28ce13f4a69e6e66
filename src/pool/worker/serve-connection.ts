import type { Socket } from 'node:net';
import type { TimedHandler } from '../../app/index.js';
import { finishConnection } from '../finish-connection.js';
import { formatResponse, rawResponse } from '../format-response.js';
import { HttpRequestReader } from '../http/http-request-reader.js';
import type { WorkerDoneMessage } from '../messages.js';
import type { PoolConfig } from '../pool-options.js';
import { RequestRefused, type RequestReader } from '../request-reader.js';
import { UwsgiPacketReader } from '../uwsgi/packet-reader.js';
import { readRequest } from './read-request.js';

/** What a worker needs to serve connections. */
export interface ServeContext {
  readonly protocol: PoolConfig['protocol'];
  readonly handler: TimedHandler;
  /** 1-based worker id, for the app and X-Caplab-Worker. */
  readonly worker: number;
  /** 0-based core (thread) within the worker, for X-Caplab-Core; 0 with one thread. `handler` stamps it on the app's responses. */
  readonly core: number;
  readonly timeScale: number;
  readonly socketTimeoutMs: number;
  /** The listening address, when known up front (saves asking each connection). */
  readonly local?: { readonly address: string; readonly port: number } | undefined;
}

/** How one connection ended: the `done` message without its type and id. */
export type ConnectionOutcome = DistributiveOmit<WorkerDoneMessage, 'type' | 'id'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Serves one connection, start to end: reads one request in the pool's
 * protocol, calls the app through `handler` (which stamps the timing
 * headers and turns exceptions into 500s), writes the response and closes.
 * A malformed request gets a one-line 4xx from the worker itself (EOF in
 * the middle of a request counts as malformed: a truncated packet); a
 * client that leaves before sending anything, resets the connection, stays
 * silent for `socketTimeoutMs`, or cannot receive the refusal is dropped.
 * Resolves once the response is written (the worker is then free).
 */
export async function serveConnection(socket: Socket, acceptedAtMs: number, ctx: ServeContext): Promise<ConnectionOutcome> {
  socket.allowHalfOpen = true;
  const request = await readRequest(socket, readerFor(socket, ctx), ctx.socketTimeoutMs);
  if (request === null) {
    socket.destroy();
    return { outcome: 'dropped', bytes: 0 };
  }
  if (request instanceof RequestRefused) {
    const response = rawResponse(request.status, `${request.status === 400 ? 'Bad Request' : 'Refused'}: ${request.message}`, {
      'X-Caplab-Worker': String(ctx.worker),
      'X-Caplab-Core': String(ctx.core),
    });
    const { bytes, delivered } = await finishConnection(socket, [response], ctx.socketTimeoutMs);
    // A client that reset the connection right after a partial request can
    // look like one that half-closed it: only a refusal it could receive counts.
    if (!delivered) return { outcome: 'dropped', bytes };
    return { outcome: 'malformed', status: request.status, reason: request.reason, bytes };
  }
  const result = await ctx.handler({ environ: request.environ, body: request.body, worker: ctx.worker, timeScale: ctx.timeScale }, acceptedAtMs);
  if (result.error !== undefined) {
    process.stderr.write(`caplab worker ${ctx.worker}: the app failed: ${describeError(result.error)}\n`);
  }
  const { status, headers, body } = result.response;
  const omitBody = request.environ.REQUEST_METHOD === 'HEAD';
  const { bytes } = await finishConnection(socket, formatResponse(status, headers, body, omitBody), ctx.socketTimeoutMs);
  return { outcome: 'served', status, exception: result.error !== undefined, bytes };
}

function readerFor(socket: Socket, ctx: ServeContext): RequestReader {
  if (ctx.protocol === 'uwsgi') return new UwsgiPacketReader();
  return new HttpRequestReader({
    remoteAddress: socket.remoteAddress ?? '',
    remotePort: socket.remotePort ?? 0,
    localAddress: ctx.local?.address ?? socket.localAddress ?? '',
    localPort: ctx.local?.port ?? socket.localPort ?? 0,
  });
}

function describeError(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
