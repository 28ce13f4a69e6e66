import { startPool, readStats } from '../pool/index.js';
import { startProxy } from '../proxy/index.js';
import { DEFAULTS } from '../config/index.js';
import { requireRealPrograms, startNginxProxy, startUwsgiPool } from './real/index.js';
import type { ProcessExit } from '../process/index.js';
import type { RunningStack, StackConfig } from './types.js';
import { exitOf, watchRoles } from './watch-roles.js';

/**
 * Starts a stack: a prefork pool (master + workers on a loopback port,
 * speaking uwsgi) running the app, and a proxy in front of it forwarding
 * over uwsgi. Each role is its own OS process; each is caplab's embedded
 * version unless `proxy: 'nginx'` or `pool: 'uwsgi'` asks for Debian's
 * program (uWSGI runs the Django project, whatever `app` says). If a role
 * fails to start, the ones already started are stopped and the error is
 * rethrown. Once started, the proxy's main process, the pool's master and
 * any keeper are watched: `died` resolves with the first that ends before
 * `stop()` is called.
 */
export async function startStack(config: StackConfig): Promise<RunningStack> {
  const proxyKind = config.proxy ?? 'embedded';
  const poolKind = config.pool ?? 'embedded';
  requireRealPrograms([...(proxyKind === 'nginx' ? (['nginx'] as const) : []), ...(poolKind === 'uwsgi' ? (['uwsgi', 'django'] as const) : [])]);
  const poolOptions = {
    host: DEFAULTS.host,
    port: 0,
    protocol: 'uwsgi' as const,
    workers: config.workers,
    listen: config.listen,
    timeScale: config.timeScale,
    ...(config.harakiriMs !== undefined ? { harakiriMs: config.harakiriMs } : {}),
  };
  const pool =
    poolKind === 'uwsgi'
      ? await startUwsgiPool({ ...poolOptions, app: 'django' })
      : await startPool({ ...poolOptions, app: config.app, queue: config.queue ?? DEFAULTS.queue });
  let proxy;
  let proxyExited: Promise<ProcessExit> | undefined;
  try {
    const proxyOptions = {
      host: DEFAULTS.host,
      port: config.port ?? 0,
      upstream: { host: pool.host, port: pool.port, protocol: 'uwsgi' as const },
      ...(config.staticDir !== undefined ? { staticDir: config.staticDir } : {}),
      connectTimeoutMs: config.upstreamTimeoutMs,
      sendTimeoutMs: config.upstreamTimeoutMs,
      readTimeoutMs: config.upstreamTimeoutMs,
    };
    const proxyProcesses = config.proxyProcesses ?? DEFAULTS.proxyProcesses;
    if (proxyKind === 'nginx') {
      const nginx = await startNginxProxy(proxyOptions);
      proxyExited = nginx.exited;
      proxy = nginx;
    } else {
      proxy = await startProxy({ ...proxyOptions, workerProcesses: proxyProcesses });
    }
  } catch (err) {
    await pool.stop();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  const stopped = (): boolean => stopping !== undefined;
  const died = watchRoles(
    [
      { role: 'proxy', exited: proxyExited ?? exitOf(proxy.pid, stopped) },
      { role: 'pool master', exited: pool.exited },
    ],
    stopped,
  );
  return {
    url: proxy.url,
    pids: [...proxy.pids, pool.pid],
    describe: {
      proxy: proxyKind === 'nginx' ? 'nginx' : 'embedded',
      pool: poolKind === 'uwsgi' ? 'uwsgi' : 'embedded',
      app: poolKind === 'uwsgi' ? 'django' : config.app,
      workers: config.workers,
      listen: config.listen,
      upstreamTimeoutMs: config.upstreamTimeoutMs / config.timeScale,
      timeScale: config.timeScale,
      queue: pool.queue,
      ...(pool.queueFallback !== undefined ? { queueFallback: pool.queueFallback } : {}),
      ...(proxyKind === 'embedded' ? { proxyProcesses: config.proxyProcesses ?? DEFAULTS.proxyProcesses } : {}),
    },
    died,
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
