import { startProxy } from '../proxy/index.js';
import { DEFAULTS } from '../config/index.js';
import { caplabError } from '../errors.js';
import { requireRealPrograms, startNginxProxy } from './real/index.js';
import type { ProcessExit } from '../process/index.js';
import type { RunningStack, StackConfig } from './types.js';
import { openPoolLink } from './open-pool-link.js';
import { startPoolRole } from './start-pool-role.js';
import { exitOf, watchRoles } from './watch-roles.js';
import { assertAppFitsPool } from './check-app-fits-pool.js';

/**
 * Starts a stack: a prefork pool (master + workers on a loopback port,
 * speaking uwsgi) running the app, and a proxy in front of it forwarding
 * over uwsgi. Each role is its own OS process; each is caplab's embedded
 * version unless `proxy: 'nginx'`, `pool: 'uwsgi'` or `pool: 'runserver'`
 * asks for Debian's program (both run the Django project, whatever `app`
 * says; runserver speaks HTTP, so the proxy forwards over HTTP to it, and
 * `threading: false` is its `--nothreading`, E_USAGE with any other pool). If a role
 * fails to start, the ones already started are stopped and the error is
 * rethrown. Once started, the proxy's main process, the pool's master and
 * any keeper are watched. With `socket: 'unix'` the pool listens on a unix
 * socket in a temp folder of its own (openPoolLink), removed at stop, and
 * the proxy connects to it; E_USAGE first for a pool that cannot. Roles are
 * watched: `died` resolves with the first that ends before
 * `stop()` is called.
 */
export async function startStack(config: StackConfig): Promise<RunningStack> {
  const proxyKind = config.proxy ?? 'embedded';
  const poolKind = config.pool ?? 'embedded';
  assertAppFitsPool({ pool: poolKind, app: config.app, wsgi: config.wsgi?.app });
  requireRealPrograms([...(proxyKind === 'nginx' ? (['nginx'] as const) : []), ...(poolKind === 'uwsgi' ? (['uwsgi', 'django'] as const) : poolKind === 'gunicorn' ? (['gunicorn', 'django'] as const) : poolKind === 'runserver' ? (['django'] as const) : [])]);
  if (config.threading !== undefined && poolKind !== 'runserver') {
    throw caplabError('E_USAGE', `stack: threading applies to the runserver pool only, got pool ${JSON.stringify(poolKind)}`);
  }
  const link = await openPoolLink(config.socket ?? 'tcp', poolKind);
  let pool;
  try {
    pool = await startPoolRole(config, poolKind, link.socketPath);
  } catch (err) {
    await link.remove();
    throw err;
  }
  let proxy;
  let proxyExited: Promise<ProcessExit> | undefined;
  try {
    const proxyOptions = {
      host: DEFAULTS.host,
      port: config.port ?? 0,
      upstream: pool.socketPath !== undefined ? { path: pool.socketPath, protocol: pool.protocol } : { host: pool.host, port: pool.port, protocol: pool.protocol },
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
    await link.remove();
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
    pool: { host: pool.host, port: pool.port, socketPath: pool.socketPath, protocol: pool.protocol, pid: pool.pid, statsPort: pool.statsPort },
    pids: [...proxy.pids, pool.pid],
    describe: {
      proxy: proxyKind === 'nginx' ? 'nginx' : 'embedded',
      ...pool.describe,
      upstreamTimeoutMs: config.upstreamTimeoutMs / config.timeScale,
      timeScale: config.timeScale,
      ...(proxyKind === 'embedded' ? { proxyProcesses: config.proxyProcesses ?? DEFAULTS.proxyProcesses } : {}),
      socket: config.socket ?? 'tcp',
    },
    died,
    sample: () => pool.sample(),
    reload: () => pool.reload(),
    stop() {
      stopping ??= Promise.all([proxy.stop(), pool.stop()]).then(() => link.remove());
      return stopping;
    },
  };
}
