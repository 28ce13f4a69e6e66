import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULTS } from '../../config/index.js';
import { isCaplabError } from '../../errors.js';
import { parsePoolOptions, type PoolConfig } from '../../pool/index.js';
import type { ProcessExit } from '../../process/index.js';
import { assertListenFits } from './check-listen.js';
import { requireRealPrograms } from './check-real-programs.js';
import { wsgiWrapperDir } from './django-project-dir.js';
import { renderGunicornConf } from './gunicorn-conf.js';
import { pickFreePort } from './pick-free-port.js';
import { readPortSockets } from './port-sockets.js';
import { readUnixPathSockets } from './unix-path-sockets.js';
import { REAL_PROGRAMS } from './programs.js';
import { keepInTempDir } from './keep-in-temp-dir.js';
import { reloadBySighup } from './reload-by-sighup.js';
import type { StackReload } from '../types.js';
import { WRAPPER_CALLABLE, checkWsgiApp, pythonPoolEnv, sampleWsgiApp, type WsgiApp } from './wsgi-app.js';

/** How long gunicorn gets to load the app and bind. */
const START_TIMEOUT_MS = 30_000;

/** Options of `startGunicornPool`: the embedded pool's sizes and timeouts, and the WSGI app. */
export interface GunicornPoolOptions {
  readonly host?: string;
  readonly port?: number;
  /** A unix socket to listen on instead of host:port (its folder must exist). */
  readonly socketPath?: string | undefined;
  readonly workers?: number;
  readonly listen?: number;
  readonly timeScale?: number;
  /** gunicorn's `timeout`, rounded up to whole seconds; 0 or undefined = gunicorn's 30 s. */
  readonly harakiriMs?: number | undefined;
  readonly maxRequests?: number | undefined;
  /** Threads per worker: above 1, gthread workers with `threads` (gunicorn's --threads). */
  readonly threads?: number | undefined;
  /** The app; undefined = caplab's Django sample. */
  readonly wsgi?: WsgiApp | undefined;
}

/** One look at gunicorn from outside: it has no stats server. */
export interface GunicornSample {
  /** Connections in the listening socket's accept queue (/proc/net/tcp rx_queue, or /proc/net/unix rows still connecting): exact. */
  readonly queue: number;
  /**
   * Accepted connections still open, at most `workers`: an estimate of busy
   * workers (a sync worker serves one connection at a time, without
   * keep-alive), not a reading of their state.
   */
  readonly busy: number;
}

/** A running gunicorn, speaking HTTP only. */
export interface RunningGunicorn {
  readonly protocol: 'http';
  readonly host: string;
  /** 0 when it listens on `socketPath`. */
  readonly port: number;
  readonly socketPath?: string;
  /** Pid of gunicorn's master (its process group id). */
  readonly pid: number;
  readonly workers: number;
  /** Resolves when gunicorn or its keeper exits (stop() included). */
  readonly exited: Promise<ProcessExit>;
  /** Reads the port's (or socket path's) sockets from /proc; rejects where /proc/net cannot be read. */
  sample(): Promise<GunicornSample>;
  /** SIGHUP to gunicorn's master: new workers start, then the old ones finish their requests and exit; resolves once only new ones remain. */
  reload(): Promise<StackReload>;
  /** Stops gunicorn and removes its temp folder; safe to call more than once. */
  stop(): Promise<void>;
}

async function startOnce(config: PoolConfig, options: GunicornPoolOptions, app: WsgiApp, port: number): Promise<RunningGunicorn> {
  const kept = await keepInTempDir('caplab-gunicorn-', async (dir) => {
    const conf = path.join(dir, 'gunicorn.conf.py');
    await writeFile(conf, renderGunicornConf({ ...config, port, socketPath: config.socketPath, wrapperDir: wsgiWrapperDir(), harakiriMs: options.harakiriMs, maxRequests: options.maxRequests, threads: options.threads }));
    return {
      name: 'gunicorn',
      command: REAL_PROGRAMS.gunicorn,
      args: ['--config', conf, WRAPPER_CALLABLE],
      env: pythonPoolEnv(config.timeScale, app),
      cwd: dir,
      host: config.host,
      // with preload_app the master binds after the app is imported
      readyPorts: config.socketPath === undefined ? [port] : [],
      readyPaths: config.socketPath === undefined ? [] : [config.socketPath],
      listenPorts: config.socketPath === undefined ? [port] : [],
      startTimeoutMs: START_TIMEOUT_MS,
      graceMs: DEFAULTS.stopGraceMs,
      logFile: path.join(dir, 'gunicorn.log'),
      tailFiles: [],
      removeDir: dir,
    };
  });
  return Object.freeze({
    protocol: 'http' as const,
    host: config.host,
    port,
    ...(config.socketPath !== undefined ? { socketPath: config.socketPath } : {}),
    pid: kept.pid,
    workers: config.workers,
    exited: kept.exited,
    async sample(): Promise<GunicornSample> {
      const sockets = config.socketPath === undefined ? await readPortSockets(port) : await readUnixPathSockets(config.socketPath);
      return { queue: sockets.acceptQueue, busy: Math.min(config.workers * (options.threads ?? 1), Math.max(0, sockets.established - sockets.acceptQueue)) };
    },
    reload: () => reloadBySighup(kept.pid, config.workers),
    stop: kept.stop,
  });
}

/**
 * Starts Debian's gunicorn (sync workers) as caplab's pool: a master and
 * `workers` workers accepting on one loopback socket of backlog `listen`,
 * over HTTP (gunicorn has no uwsgi protocol), serving `wsgi` (default:
 * caplab's Django project) through caplab's WSGI wrapper, from a generated
 * config file, under a keeper so it never outlives caplab. `harakiriMs` is
 * its `timeout` (default 30 s): a worker stuck longer is killed and
 * respawned; `threads` > 1 runs gthread workers (which accept even with every
 * thread busy: per-worker queues, gunicorn #3433). gunicorn has no stats server: `sample()` reads the accept
 * queue from /proc/net/tcp (/proc/net/unix on a unix socket) and estimates busy workers from open connections.
 *
 * Sizes are validated by the embedded pool's parsePoolOptions (E_NOT_LOOPBACK
 * or E_USAGE); the app is loaded once with python3 first (E_WSGI_APP, exit
 * 2). Throws E_REAL_MISSING without gunicorn (or Django for the sample),
 * E_LISTEN_OVER_SOMAXCONN, E_PORT_IN_USE or E_STACK_START (with
 * gunicorn's last log lines).
 */
export async function startGunicornPool(options: GunicornPoolOptions = {}): Promise<RunningGunicorn> {
  const { wsgi, harakiriMs, maxRequests, threads, ...sizes } = options;
  const config = parsePoolOptions({ ...sizes, protocol: 'http', app: 'sample' });
  requireRealPrograms(wsgi ? ['gunicorn'] : ['gunicorn', 'django']);
  assertListenFits(config.listen);
  const app = wsgi ?? sampleWsgiApp();
  checkWsgiApp(app, config.timeScale);
  for (let attempt = 1; ; attempt += 1) {
    const port = config.socketPath !== undefined ? 0 : config.port === 0 ? await pickFreePort(config.host) : config.port;
    try {
      return await startOnce(config, { harakiriMs, maxRequests, threads }, app, port);
    } catch (err) {
      const retry = config.port === 0 && config.socketPath === undefined && attempt < 2 && isCaplabError(err) && err.code === 'E_PORT_IN_USE';
      if (!retry) throw err;
    }
  }
}
