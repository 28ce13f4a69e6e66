/**
 * The uWSGI role: a prefork pool (a master process with one FIFO listen
 * queue, and worker processes serving one request at a time) speaking
 * uwsgi or HTTP on loopback, with a uWSGI-style stats server. Also the
 * streaming uwsgi packet reader (the codec itself is src/uwsgi/). The rest
 * of caplab imports the pool only through this module.
 */
export { startPool, type RunningPool, type PoolReload } from './start-pool.js';
export { parsePoolOptions, MAX_THREADS, type PoolOptions, type PoolConfig } from './pool-options.js';
export { readStats, parseStats } from './read-stats.js';
export type { PoolStats, WorkerStats, SocketStats, CoreStats, CaplabPoolStats } from './stats-types.js';
export { respawnsOf } from './stats-types.js';
export { UwsgiPacketReader } from './uwsgi/packet-reader.js';
export { HttpRequestReader } from './http/http-request-reader.js';
export { RequestRefused, MAX_BODY_BYTES, type ParsedRequest, type RequestReader } from './request-reader.js';
export { createPoolMetrics, durationHistogram, METRIC_NAMES, WORKER_STATES, type PoolMetrics } from './metrics/pool-metrics.js';
export { serveStatsConnection, SNIFF_MS, type StatsEndpoints } from './metrics/serve-stats-connection.js';
