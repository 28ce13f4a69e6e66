import type { ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { ChunkedBodyError } from './chunked-decoder.js';
import { sendErrorPage } from './error-page.js';
import { parseResponseHead } from './parse-response-head.js';
import type { ProxyConfig } from './proxy-options.js';
import { relayHeaders } from './relay-headers.js';
import { createBodyReader, responseFraming, type BodyReader } from './response-body.js';
import type { RequestState, UpstreamTimings } from './request-state.js';

/** Request bytes are written in slices this big; `sendTimeoutMs` runs between two of them. */
const SEND_SLICE_BYTES = 64 * 1024;
const EMPTY: Buffer = Buffer.alloc(0);

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
 *    `uwsgi_read_timeout`); neither runs while the client is not reading;
 *  - any failure after the head was relayed aborts the client connection;
 *  - the client going away closes the upstream connection.
 * Timings land in `state.upstream`, the reason for a failure in `state.error`.
 */
export function forwardRequest(job: ForwardJob): Promise<void> {
  const { config, res, state, payload } = job;
  if (!res.socket || res.socket.destroyed) {
    state.error = 'client closed connection before the request was forwarded';
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const started = performance.now();
    const timings: UpstreamTimings = { connectMs: null, headerMs: null, responseMs: null, status: null };
    state.upstream = timings;
    const socket = connect({ host: config.upstream.host, port: config.upstream.port, noDelay: true });
    job.sockets.add(socket);
    let timer: NodeJS.Timeout | undefined;
    let head: Buffer = EMPTY;
    let body: BodyReader | undefined;
    let sent = false;
    let paused = false;
    let done = false;

    const elapsed = (): number => performance.now() - started;
    const arm = (ms: number, doing: string): void => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(504, `upstream timed out while ${doing}`), ms);
    };
    const armRead = (): void => {
      if (sent && !paused) arm(config.readTimeoutMs, body ? 'reading upstream' : 'reading response header from upstream');
    };
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      timings.responseMs = elapsed();
      job.sockets.delete(socket);
      socket.destroy();
      res.off('close', onClientClose);
      res.off('drain', onDrain);
      resolve();
    };
    const fail = (status: 502 | 504, reason: string): void => {
      if (done) return;
      state.error = reason;
      if (res.headersSent) res.destroy();
      else if (!res.destroyed) sendErrorPage(res, status, state);
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
      arm(config.sendTimeoutMs, 'sending request to upstream');
      socket.write(payload.subarray(offset, end), (err) => {
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
      try {
        res.writeHead(parsed.head.statusCode, parsed.head.statusMessage, relayHeaders(parsed.head, framing));
      } catch (err) {
        return void fail(502, `upstream sent invalid header: ${(err as Error).message}`);
      }
      body = createBodyReader(framing);
      head = EMPTY;
      return parsed.rest;
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
      for (const piece of pieces) {
        state.bodyBytes += piece.length;
        if (!res.write(piece)) paused = true;
      }
      if (body.complete) {
        res.end();
        return finish();
      }
      if (paused) {
        clearTimeout(timer);
        socket.pause();
        res.once('drain', onDrain);
      } else armRead();
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
      res.end();
      finish();
    };
    const onClientClose = (): void => {
      if (done || res.writableFinished) return;
      state.error = 'client closed connection while waiting for upstream';
      finish();
    };

    arm(config.connectTimeoutMs, 'connecting to upstream');
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
  });
}
