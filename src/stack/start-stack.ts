import { startPool, readStats } from '../pool/index.js';
import { startProxy } from '../proxy/index.js';
import { DEFAULTS } from '../config/index.js';
import type { RunningStack, StackConfig } from './types.js';

/**
 * Starts the embedded stack: a prefork pool (master + workers, speaking
 * uwsgi on a loopback port) running the app, and a proxy in front of it
 * forwarding over uwsgi. Each role is its own OS process on a free loopback
 * port. If any role fails to start, the ones already started are stopped and
 * the error is rethrown.
 */
export async function startStack(config: StackConfig): Promise<RunningStack> {
  const pool = await startPool({
    host: DEFAULTS.host,
    port: 0,
    protocol: 'uwsgi',
    workers: config.workers,
    listen: config.listen,
    app: config.app,
    timeScale: config.timeScale,
    ...(config.harakiriMs !== undefined ? { harakiriMs: config.harakiriMs } : {}),
  });
  let proxy;
  try {
    proxy = await startProxy({
      host: DEFAULTS.host,
      port: config.port ?? 0,
      upstream: { host: pool.host, port: pool.port, protocol: 'uwsgi' },
      ...(config.staticDir !== undefined ? { staticDir: config.staticDir } : {}),
      connectTimeoutMs: config.upstreamTimeoutMs,
      sendTimeoutMs: config.upstreamTimeoutMs,
      readTimeoutMs: config.upstreamTimeoutMs,
    });
  } catch (err) {
    await pool.stop();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    url: proxy.url,
    pids: [proxy.pid, pool.pid],
    describe: {
      proxy: 'embedded',
      pool: 'embedded',
      app: config.app,
      workers: config.workers,
      listen: config.listen,
      upstreamTimeoutMs: config.upstreamTimeoutMs / config.timeScale,
      timeScale: config.timeScale,
    },
    async sample() {
      const stats = await readStats(pool.host, pool.statsPort);
      return { queue: stats.listen_queue, busy: stats.workers.filter((w) => w.status === 'busy').length };
    },
    stop() {
      stopping ??= Promise.all([proxy.stop(), pool.stop()]).then(() => undefined);
      return stopping;
    },
  };
}
