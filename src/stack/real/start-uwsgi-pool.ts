import path from 'node:path';
import { DEFAULTS } from '../../config/index.js';
import { caplabError, isCaplabError } from '../../errors.js';
import { parsePoolOptions, type PoolConfig } from '../../pool/index.js';
import { assertListenFits } from './check-listen.js';
import { requireRealPrograms } from './check-real-programs.js';
import { wsgiWrapperDir } from './django-project-dir.js';
import { pickFreePort } from './pick-free-port.js';
import { REAL_PROGRAMS } from './programs.js';
import { keepInTempDir } from './keep-in-temp-dir.js';
import type { RunningPool, UwsgiPoolOptions } from './types.js';
import { uwsgiArgs } from './uwsgi-args.js';
import { chainReloadUwsgi } from './reload-uwsgi.js';
import { checkWsgiApp, pythonPoolEnv, sampleWsgiApp, type WsgiApp } from './wsgi-app.js';

/** The master FIFO's name in uWSGI's temporary folder. */
const MASTER_FIFO = 'master.fifo';

/** How long uWSGI gets to load Django, fork its workers and open its stats server. */
const START_TIMEOUT_MS = 30_000;

async function startOnce(options: PoolConfig, app: WsgiApp, port: number, statsPort: number): Promise<RunningPool> {
  const kept = await keepInTempDir('caplab-uwsgi-', (dir) => ({
    name: 'uwsgi',
    command: REAL_PROGRAMS.uwsgi,
    args: onUnixSocket(uwsgiArgs({ ...options, port, statsPort, wrapperDir: wsgiWrapperDir(), masterFifo: path.join(dir, MASTER_FIFO) }), options.socketPath),
    env: pythonPoolEnv(options.timeScale, app),
    cwd: dir,
    host: options.host,
    // The stats server opens after the app is loaded and the workers are
    // forked; probing it, not the uwsgi socket, sends no bogus request.
    readyPorts: [statsPort],
    listenPorts: options.socketPath === undefined ? [port, statsPort] : [statsPort],
    startTimeoutMs: START_TIMEOUT_MS,
    graceMs: DEFAULTS.stopGraceMs,
    logFile: path.join(dir, 'uwsgi.log'),
    tailFiles: [],
    removeDir: dir,
  }));
  return Object.freeze({
    protocol: options.protocol,
    host: options.host,
    port,
    ...(options.socketPath !== undefined ? { socketPath: options.socketPath } : {}),
    statsPort,
    pid: kept.pid,
    workers: options.workers,
    threads: options.threads,
    // uWSGI's workers accept from the kernel's queue themselves
    queue: 'kernel' as const,
    exited: kept.exited,
    reload: () => chainReloadUwsgi(path.join(kept.dir, MASTER_FIFO), options.host, statsPort),
    stop: kept.stop,
  });
}

/**
 * uWSGI's `--socket /path` (or `--http-socket /path`) in place of host:port:
 * uWSGI binds a unix socket when the address has no ':' (core/socket.c,
 * bind_to_unix), with the same `--listen` backlog.
 */
function onUnixSocket(args: readonly string[], socketPath: string | undefined): string[] {
  if (socketPath === undefined) return [...args];
  const at = args.findIndex((arg) => arg === '--socket' || arg === '--http-socket');
  return args.map((arg, i) => (i === at + 1 ? socketPath : arg));
}

/**
 * Starts Debian's uWSGI as caplab's pool, with the same options and handle
 * as the embedded pool: a master and `workers` sync workers running caplab's
 * Django project on Debian's python3, listening on host:port (0 = a free
 * port picked here; or the unix socket `socketPath`) over uwsgi (`--socket`) or HTTP (`--http-socket`), with
 * uWSGI's own stats server on `statsPort` (read it with the pool's readStats, which reads both).
 * `harakiriMs` is rounded up to whole seconds, as uWSGI counts them;
 * `harakiriMs` and `maxRequests` of 0 mean off, as in the embedded pool;
 * `threads` and `reloadOnRssMb` are uWSGI's `threads` and `reload-on-rss`.
 * `reload()` asks the master for a chain reload through its master FIFO.
 *
 * Options are validated by the embedded pool's parsePoolOptions
 * (E_NOT_LOOPBACK or E_USAGE before anything starts); `app` must be
 * 'django' or 'sample', both meaning caplab's Django project.
 * The app (`wsgi`, default caplab's Django project, served through caplab's
 * WSGI wrapper) is loaded once with python3 before uWSGI starts: E_WSGI_APP
 * (exit 2) names what is missing. Throws E_REAL_MISSING if uWSGI, its python3 plugin or Django is missing,
 * E_LISTEN_OVER_SOMAXCONN (exit 2) before starting anything if `listen`
 * exceeds net.core.somaxconn, E_PORT_IN_USE or E_STACK_START (with uWSGI's
 * last log lines) if it does not start.
 */
export async function startUwsgiPool(options: UwsgiPoolOptions = {}): Promise<RunningPool> {
  const { app = 'sample', wsgi, ...shared } = options;
  // The embedded pool's rules for everything but `app` (its 'sample' stands in here).
  const config = parsePoolOptions({ ...shared, app: 'sample' });
  if (app !== 'django' && app !== 'sample') {
    throw caplabError('E_USAGE', `pool options: app: the real uWSGI pool runs caplab's Django sample app only ('django' or 'sample'), got ${JSON.stringify(app)}`);
  }
  requireRealPrograms(wsgi ? ['uwsgi'] : ['uwsgi', 'django']);
  const served = wsgi ?? sampleWsgiApp();
  checkWsgiApp(served, config.timeScale);
  assertListenFits(config.listen);
  for (let attempt = 1; ; attempt += 1) {
    const port = config.socketPath !== undefined ? 0 : config.port === 0 ? await pickFreePort(config.host) : config.port;
    let statsPort = config.statsPort === 0 ? await pickFreePort(config.host) : config.statsPort;
    while (config.statsPort === 0 && statsPort === port) statsPort = await pickFreePort(config.host);
    try {
      return await startOnce(config, served, port, statsPort);
    } catch (err) {
      const picked = config.port === 0 || config.statsPort === 0;
      const retry = picked && attempt < 2 && isCaplabError(err) && err.code === 'E_PORT_IN_USE';
      if (!retry) throw err;
    }
  }
}
