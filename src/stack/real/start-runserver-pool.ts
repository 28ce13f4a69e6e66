import path from 'node:path';
import { DEFAULTS, isLoopbackHost } from '../../config/index.js';
import { caplabError, isCaplabError } from '../../errors.js';
import type { ProcessExit } from '../../process/index.js';
import { requireRealPrograms } from './check-real-programs.js';
import { djangoProjectDir, wsgiWrapperDir } from './django-project-dir.js';
import { pickFreePort } from './pick-free-port.js';
import { readPortSockets } from './port-sockets.js';
import { RUNSERVER_BACKLOG, RUNSERVER_COMMAND, runserverArgs, runserverEnv, wsgiServeArgs } from './runserver-args.js';
import { checkWsgiApp, pythonPoolEnv, type WsgiApp } from './wsgi-app.js';
import { keepInTempDir } from './keep-in-temp-dir.js';

/** How long runserver gets to run Django's checks and bind. */
const START_TIMEOUT_MS = 30_000;

/** Options of `startRunserverPool`. */
export interface RunserverPoolOptions {
  /** Loopback address to listen on. */
  readonly host: string;
  /** 0 = a free port picked here. */
  readonly port: number;
  /** Scenario-to-wall time factor for the app's sleeps and burns. */
  readonly timeScale: number;
  /** false = `--nothreading`. */
  readonly threading: boolean;
  /** A user's WSGI app, served by runserver's own server through caplab's wrapper; undefined = caplab's Django project. */
  readonly wsgi?: WsgiApp | undefined;
}

/** What can be read of runserver from outside: it has no stats server. */
export interface RunserverSample {
  /** Connections waiting in the kernel's accept queue (/proc/net/tcp). */
  readonly queue: number;
  /** Connections accepted and still open: requests in service (one thread each when threaded). */
  readonly busy: number;
}

/** A running `django-admin runserver`, speaking HTTP only. */
export interface RunningRunserver {
  readonly protocol: 'http';
  readonly host: string;
  readonly port: number;
  /** Pid of the python process (its process group id). */
  readonly pid: number;
  readonly threading: boolean;
  /** The listen backlog runserver uses, whatever caplab's `listen` says. */
  readonly backlog: number;
  /** Resolves when runserver or its keeper exits (stop() included). */
  readonly exited: Promise<ProcessExit>;
  /** Reads the port's sockets from /proc; rejects where /proc/net cannot be read. */
  sample(): Promise<RunserverSample>;
  /** Stops runserver and removes its temp folder; safe to call more than once. */
  stop(): Promise<void>;
}

async function startOnce(options: RunserverPoolOptions, port: number): Promise<RunningRunserver> {
  const kept = await keepInTempDir('caplab-runserver-', (dir) => ({
    name: 'runserver',
    command: RUNSERVER_COMMAND,
    args:
      options.wsgi === undefined
        ? runserverArgs({ host: options.host, port, threading: options.threading, projectDir: djangoProjectDir() })
        : wsgiServeArgs({ host: options.host, port, threading: options.threading, wrapperDir: wsgiWrapperDir() }),
    env:
      options.wsgi === undefined
        ? runserverEnv(options.timeScale, wsgiWrapperDir())
        : { ...pythonPoolEnv(options.timeScale, options.wsgi), PYTHONUNBUFFERED: '1' },
    cwd: dir,
    host: options.host,
    // runserver binds only after Django's system checks, so an open port means ready.
    readyPorts: [port],
    listenPorts: [port],
    startTimeoutMs: START_TIMEOUT_MS,
    graceMs: DEFAULTS.stopGraceMs,
    logFile: path.join(dir, 'runserver.log'),
    tailFiles: [],
    removeDir: dir,
  }));
  return Object.freeze({
    protocol: 'http' as const,
    host: options.host,
    port,
    pid: kept.pid,
    threading: options.threading,
    backlog: RUNSERVER_BACKLOG,
    exited: kept.exited,
    async sample(): Promise<RunserverSample> {
      const sockets = await readPortSockets(port);
      const open = Math.max(0, sockets.established - sockets.acceptQueue);
      return { queue: sockets.acceptQueue, busy: options.threading ? open : Math.min(1, open) };
    },
    stop: kept.stop,
  });
}

/**
 * Starts Django's development server (Debian's python3-django, `runserver
 * --noreload`) running caplab's Django project on host:port over HTTP,
 * threaded (one thread per connection, unbounded) or `--nothreading`, under
 * a keeper so it never outlives caplab. runserver has no stats and a fixed
 * backlog of 10; `sample()` reads the accept queue and the open connections
 * from /proc/net/tcp instead.
 * Throws E_NOT_LOOPBACK for a non-loopback host, E_REAL_MISSING without
 * Django, E_PORT_IN_USE or E_STACK_START (with runserver's last lines).
 */
export async function startRunserverPool(options: RunserverPoolOptions): Promise<RunningRunserver> {
  if (!isLoopbackHost(options.host)) {
    throw caplabError('E_NOT_LOOPBACK', `runserver options: host must be a loopback address, got ${JSON.stringify(options.host)}`);
  }
  requireRealPrograms(['django']);
  if (options.wsgi !== undefined) checkWsgiApp(options.wsgi, options.timeScale);
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port === 0 ? await pickFreePort(options.host) : options.port;
    try {
      return await startOnce(options, port);
    } catch (err) {
      const retry = options.port === 0 && attempt < 2 && isCaplabError(err) && err.code === 'E_PORT_IN_USE';
      if (!retry) throw err;
    }
  }
}
