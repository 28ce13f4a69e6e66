import http from 'node:http';
import { DEFAULTS } from '../config/index.js';
import { caplabError, listenError } from '../errors.js';
import { createPoolMetrics, readStats } from '../pool/index.js';

/** A running translator of a stats server into Prometheus metrics. */
export interface MetricsServer {
  /** e.g. http://127.0.0.1:43211/metrics */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves `GET /metrics` on `host:port` (0 = any free port), translating the
 * stats document read from `stats` (real uWSGI's `--stats` server, or any
 * server of the same shape) at each scrape into the pool's metric names
 * (createPoolMetrics). A scrape whose read fails answers 503 with the
 * reason, so Prometheus marks the target down instead of seeing zeros.
 * Rejects with E_PORT_IN_USE / E_PORT_DENIED / E_STACK_START when it
 * cannot listen.
 */
export async function startMetricsServer(stats: { readonly host: string; readonly port: number }, port = 0, host: string = DEFAULTS.host): Promise<MetricsServer> {
  const metrics = createPoolMetrics(() => readStats(stats.host, stats.port, 2_000));
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /metrics\n');
      return;
    }
    metrics.render().then(
      (body) => res.writeHead(200, { 'content-type': metrics.contentType }).end(req.method === 'HEAD' ? '' : body),
      (err: unknown) => res.writeHead(503, { 'content-type': 'text/plain' }).end(`${err instanceof Error ? err.message : String(err)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const failure = listenError(err, 'the metrics server', host, port);
      reject(caplabError(failure.code, failure.message, { cause: err }));
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${bound}/metrics`,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
