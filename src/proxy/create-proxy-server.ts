import { createServer, type Server } from 'node:http';
import type { Server as NetServer, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AccessLog } from './access-log.js';
import { rawErrorResponse } from './error-page.js';
import { createRequestHandler } from './handle-request.js';
import type { ProxyConfig } from './proxy-options.js';
import type { StaticSite } from './serve-static.js';

/** nginx's `keepalive_timeout` default: idle client connections are closed after 75 s. */
const KEEPALIVE_TIMEOUT_MS = 75_000;

/** A proxy server, not yet listening. */
export interface ProxyServer {
  /**
   * Binds `config.host:config.port`, or serves the already listening
   * `shared` socket (another proxy process's, received over IPC); rejects
   * with the listen error (e.g. EADDRINUSE).
   */
  listen(shared?: NetServer): Promise<{ host: string; port: number }>;
  /** The listening server, to hand to further proxy processes. */
  readonly server: NetServer;
  /** Stops accepting, drops every client and upstream connection, flushes the access log. */
  close(): Promise<void>;
}

/**
 * Builds the proxy's HTTP/1.1 server (keep-alive to clients, pipelined
 * requests answered in order, answers still sent after the client
 * half-closes). Malformed client requests and CONNECT get nginx's 400 page
 * (431 for oversized headers, 408 for a slow request head) and the
 * connection is closed; nothing a client or upstream does can take the
 * server down.
 */
export function createProxyServer(config: ProxyConfig, site: StaticSite | null, accessLog: AccessLog): ProxyServer {
  const upstreamSockets = new Set<Socket>();
  const server: Server = createServer(createRequestHandler({ config, site, accessLog, upstreamSockets }));
  server.keepAliveTimeout = KEEPALIVE_TIMEOUT_MS;
  // A client that half-closes after its requests still gets every answer Node has queued, as from nginx; without
  // this Node ends the connection at the client's FIN (lib/_http_server.js, socketOnEnd). forwardRequest decides
  // for requests that need the upstream.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  // nginx answers CONNECT (it proxies no tunnels) with 400; Node, with no 'connect' listener, closes without a word.
  server.on('connect', (_req, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end(rawErrorResponse(400));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.end(rawErrorResponse(status));
  });

  return {
    server,
    listen: (shared) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        const onListening = (): void => {
          server.off('error', reject);
          // Accept errors (EMFILE under load) are per connection, not fatal: nginx logs them and goes on.
          server.on('error', (err) => process.stderr.write(`caplab proxy: ${err.message}\n`));
          const address = server.address();
          if (address === null || typeof address === 'string') return reject(new Error('server has no TCP address'));
          resolve({ host: address.address, port: address.port });
        };
        if (shared) server.listen(shared, onListening);
        else server.listen(config.port, config.host, onListening);
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of upstreamSockets) socket.destroy();
      await closed;
      // Let the responses just cut short emit 'close' and write their log lines first.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      await accessLog.close();
    },
  };
}
