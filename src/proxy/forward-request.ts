import type { ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { ChunkedBodyError } from './chunked-decoder.js';
import { headerSeconds } from './clock.js';
import { Deadline } from './deadline.js';
import { sendErrorPage } from './error-page.js';
import { parseResponseHead } from './parse-response-head.js';
import type { ProxyConfig } from './proxy-options.js';
import { relayHeaders } from './relay-headers.js';
import { createBodyReader, responseFraming, type BodyReader } from './response-body.js';
import type { RequestState, UpstreamTimings } from './request-state.js';

/** Request bytes are written in slices this big; `sendTimeoutMs` runs between two of them. */
const SEND_SLICE_BYTES = 64 * 1024;
const EMPTY: Buffer = Buffer.alloc(0);
/**
 * The client half-closed (or closed) its connection before this request's
 * answer was complete. nginx notices the EOF (EPOLLRDHUP) and closes the
 * connection and the upstream one, logging 499 (ngx_http_upstream.c,
 * ngx_http_upstream_check_broken_connection); so does the proxy. A static
 * request needs no upstream and is still answered.
 */
const CLIENT_EOF = 'client prematurely closed connection';

/**
 * Added to every response that went through an upstream connection: the
 * time from the connection attempt until it was established, in seconds
 * with millisecond resolution ('0.000', '1.004'), as nginx's
 * `$upstream_connect_time`. A dropped SYN (a full listen queue upstream)
 * shows as about 1 s, 3 s, 7 s… here.
 */
export const UPSTREAM_CONNECT_TIME_HEADER = 'X-Caplab-Upstream-Connect-Time';

/** One forwarding: where to, what to send, and whom to answer. */
export interface ForwardJob {
  readonly config: ProxyConfig;
  readonly method: string;
  /** The complete upstream request (uwsgi packet or HTTP request). */
  readonly payload: Buffer;
  readonly res: ServerResponse;
  readonly state: RequestState;
  /** Open upstream sockets, so that shutdown can close them. */
  readonly sockets: Set<Socket>;
}

/**
 * Forwards one request on a new upstream connection and relays the answer,
 * as nginx's `uwsgi_pass`/`proxy_pass` do without keepalive. Never rejects:
 * every failure ends this request only.
 *  - connect refused, reset, closed before a complete head, malformed head → 502;
 *  - connect, send or read timeout → 504. The send timeout runs between two
 *    successful writes, the read timeout between two reads (nginx's
 *    `uwsgi_read_timeout`); neither runs while the client is not reading.
 *    One timer serves all three (`Deadline`);
 *  - any failure after the head was relayed aborts the client connection;
 *  - the client going away closes the upstream connection, and so does a
 *    client that half-closes its side: the connection is closed, as nginx
 *    does, without an answer (logged as 499).
 * The response carries `X-Caplab-Upstream-Connect-Time` once connected
 * (error pages too). The last body bytes go out with `res.end`, so a
 * complete body is written with its terminator in one go; a close-delimited
 * body is held for one event-loop turn, which is when the upstream's FIN
 * usually shows up, so that it too is written once instead of as a chunk
 * and then a terminating chunk.
 * Timings land in `state.upstream`, the reason for a failure in `state.error`.
 */
export function forwardRequest(job: ForwardJob): Promise<void> {
  const { config, res, state, payload } = job;
  const client = res.socket;
  if (!client || client.destroyed) {
    state.error = 'client closed connection before the request was forwarded';
    return Promise.resolve();
  }
  if (client.readableEnded) {
    state.error = CLIENT_EOF;
    res.destroy();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const started = performance.now();
    const timings: UpstreamTimings = { connectMs: null, headerMs: null, responseMs: null, status: null };
    state.upstream = timings;
    // A unix socket whose backlog is full fails connect() at once with EAGAIN, a 502, as nginx's does.
    const { upstream } = config;
    const socket = upstream.path !== undefined ? connect({ path: upstream.path }) : connect({ host: upstream.host, port: upstream.port, noDelay: true });
    job.sockets.add(socket);
    const deadline = new Deadline((doing) => fail(504, `upstream timed out while ${doing}`));
    let head: Buffer = EMPTY;
    let body: BodyReader | undefined;
    let held: Buffer[] | undefined;
    let sent = false;
    let paused = false;
    let done = false;

    const elapsed = (): number => performance.now() - started;
    const armRead = (): void => {
      if (sent && !paused) deadline.set(config.readTimeoutMs, body ? 'reading upstream' : 'reading response header from upstream');
    };
    const finish = (): void => {
      if (done) return;
      done = true;
      deadline.clear();
      timings.responseMs = elapsed();
      job.sockets.delete(socket);
      socket.destroy();
      res.off('close', onClientClose);
      res.off('drain', onDrain);
      client.off('end', onClientEnd);
      resolve();
    };
    const fail = (status: 502 | 504, reason: string): void => {
      if (done) return;
      state.error = reason;
      if (res.headersSent) res.destroy();
      else if (!res.destroyed) {
        const extra = timings.connectMs === null ? undefined : { [UPSTREAM_CONNECT_TIME_HEADER]: headerSeconds(timings.connectMs) };
        sendErrorPage(res, status, state, extra);
      }
      finish();
    };
    const send = (offset: number): void => {
      if (done) return;
      if (offset >= payload.length) {
        sent = true;
        armRead();
        return;
      }
      const end = Math.min(offset + SEND_SLICE_BYTES, payload.length);
      deadline.set(config.sendTimeoutMs, 'sending request to upstream');
      socket.write(end - offset === payload.length ? payload : payload.subarray(offset, end), (err) => {
        if (!err) send(end);
      });
    };
    const startBody = (chunk: Buffer): Buffer | undefined => {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      const parsed = parseResponseHead(head);
      if (parsed.state === 'partial') return undefined;
      if (parsed.state === 'invalid') return void fail(502, `upstream sent invalid header: ${parsed.reason}`);
      timings.headerMs = elapsed();
      timings.status = parsed.head.statusCode;
      const framing = responseFraming(parsed.head, job.method);
      if (typeof framing === 'string') return void fail(502, `upstream sent invalid header: ${framing}`);
      const headers = relayHeaders(parsed.head, framing);
      headers.push(UPSTREAM_CONNECT_TIME_HEADER, headerSeconds(timings.connectMs ?? 0));
      try {
        res.writeHead(parsed.head.statusCode, parsed.head.statusMessage, headers);
      } catch (err) {
        return void fail(502, `upstream sent invalid header: ${(err as Error).message}`);
      }
      body = createBodyReader(framing);
      head = EMPTY;
      return parsed.rest;
    };
    /** Hands `pieces` to the client; with `last`, ends the response with the final one. */
    const relay = (pieces: readonly Buffer[], last: boolean): void => {
      const wasPaused = paused;
      const count = last ? pieces.length - 1 : pieces.length;
      for (let i = 0; i < count; i++) {
        const piece = pieces[i] as Buffer;
        state.bodyBytes += piece.length;
        if (!res.write(piece)) paused = true;
      }
      if (last) {
        const final = pieces[pieces.length - 1];
        if (final) state.bodyBytes += final.length;
        res.end(final);
        return finish();
      }
      if (!paused) return armRead();
      if (wasPaused) return;
      deadline.suspend();
      socket.pause();
      res.once('drain', onDrain);
    };
    const releaseHeld = (): void => {
      if (done || held === undefined) return;
      const pieces = held;
      held = undefined;
      relay(pieces.length === 1 ? pieces : [Buffer.concat(pieces)], false);
    };
    const onData = (chunk: Buffer): void => {
      if (done) return;
      const bodyBytes = body ? chunk : startBody(chunk);
      if (done) return;
      if (!body || bodyBytes === undefined) return armRead();
      let pieces: Buffer[];
      try {
        pieces = body.push(bodyBytes);
      } catch (err) {
        if (err instanceof ChunkedBodyError) return fail(502, `upstream sent invalid chunked response: ${err.message}`);
        throw err;
      }
      if (body.complete) return relay(pieces, true);
      if (!body.endsAtClose) return relay(pieces, false);
      if (pieces.length === 0) return armRead();
      if (held === undefined) {
        held = [];
        // Two turns: the first immediate runs before the loop polls again, the second after it has read a FIN that was already there.
        setImmediate(() => setImmediate(releaseHeld));
      }
      held.push(...pieces);
      armRead();
    };
    const onDrain = (): void => {
      paused = false;
      socket.resume();
      armRead();
    };
    const onEnd = (): void => {
      if (done) return;
      if (!body) return fail(502, 'upstream prematurely closed connection while reading response header from upstream');
      if (!body.endsAtClose) return fail(502, 'upstream prematurely closed connection while reading upstream');
      const pieces = held ?? [];
      held = undefined;
      relay(pieces.length > 1 ? [Buffer.concat(pieces)] : pieces, true);
    };
    const onClientClose = (): void => {
      if (done || res.writableFinished) return;
      state.error = 'client closed connection while waiting for upstream';
      finish();
    };
    const onClientEnd = (): void => {
      if (done || res.writableFinished) return;
      state.error = CLIENT_EOF;
      res.destroy();
      finish();
    };

    deadline.set(config.connectTimeoutMs, 'connecting to upstream');
    socket.once('connect', () => {
      timings.connectMs = elapsed();
      send(0);
    });
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const doing = timings.connectMs === null ? 'connecting to upstream' : body ? 'reading upstream' : 'reading response header from upstream';
      fail(502, `${err.code ?? err.message} while ${doing}`);
    });
    socket.once('close', () => fail(502, 'upstream connection closed'));
    res.once('close', onClientClose);
    client.once('end', onClientEnd);
  });
}
