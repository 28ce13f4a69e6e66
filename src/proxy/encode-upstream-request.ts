import type { IncomingMessage } from 'node:http';
import { buildHttpRequestHead, NOT_FORWARDED_TO_HTTP } from './build-http-request-head.js';
import { buildUwsgiVars } from './build-uwsgi-vars.js';
import { encodeUwsgiPacket } from '../uwsgi/index.js';
import type { ProxyConfig } from './proxy-options.js';
import { combineRequestHeaders } from './request-headers.js';
import type { RequestTarget } from '../routing/index.js';

/** What is forwarded: the request as received, its normalised path and its buffered body. */
export interface ForwardedRequest {
  readonly req: IncomingMessage;
  readonly target: RequestTarget;
  /** The decoded, normalised path (`$uri`). */
  readonly path: string;
  readonly body: Buffer;
  /** null when the request had no body at all (CONTENT_LENGTH is then sent empty). */
  readonly bodyLength: number | null;
  readonly requestStartUs: number;
}

const OMIT_FROM_UWSGI = new Set(['x-request-start']);

/**
 * The exact bytes to write on a new upstream connection: a uwsgi packet
 * (vars, then the body) or an HTTP/1.0 request head and body, by
 * `config.upstream.protocol`. Returns null when the request cannot be
 * encoded (a uwsgi vars block over 65535 bytes), which nginx answers with
 * 500 ("uwsgi request is too big").
 */
export function encodeUpstreamRequest(config: ProxyConfig, forwarded: ForwardedRequest): Buffer | null {
  const { req, target, body, bodyLength, requestStartUs } = forwarded;
  const method = req.method ?? 'GET';
  if (config.upstream.protocol === 'http') {
    return buildHttpRequestHead(
      {
        method,
        requestUri: target.uri,
        headers: combineRequestHeaders(req.rawHeaders, NOT_FORWARDED_TO_HTTP),
        contentLength: bodyLength,
        // nginx's `proxy_pass http://unix:/path:` sends `Host: localhost`.
        upstreamAuthority: config.upstream.path !== undefined ? 'localhost' : `${config.upstream.host}:${config.upstream.port}`,
        requestStartUs,
      },
      body,
    );
  }
  const vars = buildUwsgiVars({
    method,
    requestUri: target.uri,
    query: target.query,
    pathInfo: forwarded.path,
    httpVersion: req.httpVersion,
    headers: combineRequestHeaders(req.rawHeaders, OMIT_FROM_UWSGI),
    contentLength: bodyLength,
    remoteAddress: req.socket.remoteAddress ?? '',
    remotePort: req.socket.remotePort ?? 0,
    serverName: config.host,
    serverPort: req.socket.localPort ?? config.port,
    documentRoot: config.staticDir ?? '',
    requestStartUs,
  });
  return encodeUwsgiPacket(vars, body);
}
