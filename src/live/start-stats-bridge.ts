import net from 'node:net';
import { DEFAULTS } from '../config/index.js';
import { caplabError, listenError } from '../errors.js';
import { createPoolMetrics, serveStatsConnection, type PoolStats } from '../pool/index.js';

/** A stats server of caplab's standing in for a program that has none. */
export interface StatsBridge {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Serves the document `read()` returns the way caplab's pool serves its
 * own (serveStatsConnection: uWSGI's JSON per plain connection, HTTP
 * `GET /` and `GET /metrics`), on `host` and a free port, so `caplab top`
 * and Prometheus can watch a pool without a stats server (gunicorn).
 * `counts: false` leaves counters out of /metrics when the source cannot
 * see requests. Rejects with E_STACK_START (or E_PORT_…) when it cannot listen.
 */
export async function startStatsBridge(read: () => PoolStats, options: { readonly counts: boolean }, host: string = DEFAULTS.host): Promise<StatsBridge> {
  const metrics = createPoolMetrics(async () => read(), { counts: options.counts });
  const server = net.createServer({ allowHalfOpen: true }, (socket) =>
    serveStatsConnection(socket, {
      json: () => JSON.stringify(read()),
      metrics: async () => ({ contentType: metrics.contentType, body: await metrics.render() }),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const failure = listenError(err, 'the stats bridge', host, 0);
      reject(caplabError(failure.code, failure.message, { cause: err }));
    });
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return { host, port, stop: () => (stopping ??= new Promise<void>((resolve) => server.close(() => resolve()))) };
}
