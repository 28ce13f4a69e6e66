import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { toAccessLogRecord, type AccessLog } from './access-log.js';
import { awaitTurn } from './await-turn.js';
import { encodeUpstreamRequest } from './encode-upstream-request.js';
import { sendErrorPage } from './error-page.js';
import { forwardRequest } from './forward-request.js';
import type { ProxyConfig } from './proxy-options.js';
import { readRequestBody } from './read-request-body.js';
import { createRequestState, type RequestState } from './request-state.js';
import { isStaticLocation, normalizePath, splitRequestTarget } from '../routing/index.js';
import { serveStatic, type StaticSite } from './serve-static.js';

/** What the request handler works with, set up once by the proxy process. */
export interface HandlerContext {
  readonly config: ProxyConfig;
  /** null when no static directory is configured: everything is forwarded. */
  readonly site: StaticSite | null;
  readonly accessLog: AccessLog;
  /** Open upstream sockets, closed on shutdown. */
  readonly upstreamSockets: Set<Socket>;
}

/**
 * The proxy's request listener. Each request is stamped with its arrival
 * time first, then routed: static location → served from disk; anything
 * else → body buffered, then forwarded on a new upstream connection once
 * the responses pipelined before it on its connection are sent. It
 * never throws: an unexpected error becomes a 500 (or an aborted response)
 * for that request only. When the response has closed, one access-log line
 * is written.
 */
export function createRequestHandler(ctx: HandlerContext): RequestListener {
  return (req, res) => {
    const state = createRequestState();
    res.on('error', (err) => {
      state.error ??= `client connection: ${err.message}`;
    });
    const handled = route(ctx, req, res, state).catch((err: unknown) => {
      state.error = `internal error: ${err instanceof Error ? err.message : String(err)}`;
      if (!res.headersSent && !res.destroyed) sendErrorPage(res, 500, state);
      else res.destroy();
    });
    if (!ctx.accessLog.enabled) return;
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    handled
      .then(() => closed)
      .then(() => ctx.accessLog.write(toAccessLogRecord(req, res, state, splitRequestTarget(req.url ?? '')?.uri ?? req.url ?? '')))
      .catch(() => undefined);
  };
}

async function route(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, state: RequestState): Promise<void> {
  const target = splitRequestTarget(req.url ?? '');
  if (!target) {
    state.error = 'invalid request target';
    return sendErrorPage(res, 400, state);
  }
  const normalized = normalizePath(target.rawPath);
  if (ctx.site && isStaticLocation(target, normalized, ctx.site.prefix)) {
    return serveStatic(req, res, state, ctx.site, target, normalized);
  }
  if (!normalized.ok) {
    state.error = `invalid request path: ${normalized.reason}`;
    return sendErrorPage(res, 400, state);
  }
  const body = await readRequestBody(req);
  if (body.kind === 'aborted') {
    state.error = 'client closed connection while sending the request body';
    return;
  }
  if (body.kind === 'too-large') {
    state.error = 'client intended to send too large body';
    return sendErrorPage(res, 413, state, { Connection: 'close' });
  }
  const payload = encodeUpstreamRequest(ctx.config, {
    req,
    target,
    path: normalized.path,
    body: body.body,
    bodyLength: body.length,
    requestStartUs: state.startUs,
  });
  if (!payload) {
    state.error = 'uwsgi request is too big';
    return sendErrorPage(res, 500, state);
  }
  if (!(await awaitTurn(req, res))) {
    state.error = 'client closed connection before the request was forwarded';
    return;
  }
  await forwardRequest({ config: ctx.config, method: req.method ?? 'GET', payload, res, state, sockets: ctx.upstreamSockets });
}
