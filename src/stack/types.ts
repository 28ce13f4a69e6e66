import type { PoolMemory, StackDescription, TimelinePoint } from '../results/index.js';
import type { WsgiApp } from './real/index.js';

/** What a stack needs to start: validated, frozen, all times in wall-clock ms. */
export interface StackConfig {
  readonly workers: number;
  readonly listen: number;
  /** nginx's uwsgi_read_timeout (and connect/send), wall-clock ms. */
  readonly upstreamTimeoutMs: number;
  /** Kill a worker busy longer than this (wall-clock ms); undefined = off. */
  readonly harakiriMs?: number | undefined;
  /** Scenario-to-wall time factor, handed to the app for its sleeps. */
  readonly timeScale: number;
  /** 'sample' or the path of an app module exporting `handler`. */
  readonly app: string;
  /** The WSGI app a Python pool serves (through caplab's timing wrapper); undefined = caplab's Django sample. E_USAGE with the embedded pool. */
  readonly wsgi?: WsgiApp | undefined;
  /** Directory the proxy serves under /static/; undefined = no static files. */
  readonly staticDir?: string | undefined;
  /** Port for the proxy (0 = any free port). */
  readonly port?: number | undefined;
  /** Which program plays the proxy: caplab's own, or Debian's nginx. */
  readonly proxy?: ProxyKind;
  /** Which program plays the pool: caplab's own (running `app`), or Debian's uWSGI running the Django project. */
  readonly pool?: PoolKind;
  /**
   * Where the embedded pool's listen queue lives: 'kernel' (workers accept
   * for themselves from the kernel's accept queue, as uWSGI's do; the
   * default) or 'master' (the master accepts and holds a FIFO queue, 503
   * when full). Falls back to 'master' where the native addon cannot load.
   */
  readonly queue?: QueueMode;
  /** Embedded proxy processes sharing one listening socket (nginx's worker_processes); default 1. */
  readonly proxyProcesses?: number;
  /** The proxy → pool link: a loopback TCP port (the default) or a unix socket in a temp folder removed at stop. */
  readonly socket?: SocketKind;
  /** runserver only: false = `--nothreading` (one request at a time); default true, one thread per connection. */
  readonly threading?: boolean;
  /** Requests each worker serves at once, each in its own thread (uWSGI's `threads`, gunicorn's gthread); default 1. */
  readonly threads?: number;
  /** Recycle a worker after this many requests (uWSGI's `max-requests`); 0 or undefined = never. */
  readonly maxRequests?: number;
  /** Recycle a worker whose RSS passes this many MiB (uWSGI's `reload-on-rss`); undefined = off. E_POOL_OPTION with gunicorn and runserver. */
  readonly reloadOnRssMb?: number | undefined;
}

/** What one reload of the pool did: epoch ms at its start and end, and the worker pids before and after. */
export interface StackReload {
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly pidsBefore: readonly number[];
  readonly pidsAfter: readonly number[];
}

export type QueueMode = 'kernel' | 'master';

/** How the proxy reaches the pool: a loopback port or a unix socket. */
export type SocketKind = 'tcp' | 'unix';

/** Every program that can play the proxy; flags and `--stacks` accept exactly these. */
export const PROXY_KINDS = ['embedded', 'nginx'] as const;
export type ProxyKind = (typeof PROXY_KINDS)[number];
/** Every program that can play the pool; flags and `--stacks` accept exactly these. Add a kind here and the parsers follow. */
export const POOL_KINDS = ['embedded', 'uwsgi', 'gunicorn', 'runserver'] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

/** A role process of a running stack that exited before `stop()` was called. */
export interface RoleDeath {
  readonly role: 'proxy' | 'pool master' | 'keeper';
  readonly pid: number;
  /** Exit code, or null when a signal ended it. */
  readonly code: number | null;
  /** Signal name (e.g. 'SIGKILL'), or null when it exited by itself. */
  readonly signal: string | null;
}

/** Where a running stack's pool can be reached. */
export interface PoolAddress {
  readonly host: string;
  /** 0 when it listens on `socketPath`. */
  readonly port: number;
  readonly socketPath?: string | undefined;
  /** How the proxy talks to it. */
  readonly protocol: 'uwsgi' | 'http';
  /** The master's pid (uWSGI: its master; `kill -HUP` reloads it). */
  readonly pid: number;
  /** The stats server's port on `host` (uWSGI's JSON; caplab's pool also HTTP /metrics); undefined when the program has none. */
  readonly statsPort?: number | undefined;
}

/** The workers' resident sets in one sample, bytes: the largest one and their sum (workers reporting none left out). */
export interface WorkerRssSample {
  readonly maxBytes: number;
  readonly totalBytes: number;
  readonly source: PoolMemory['source'];
}

/** One sample of a pool: its listen-queue depth and busy workers, and its workers' RSS where the pool lets caplab read it. */
export interface PoolSample extends Omit<TimelinePoint, 'tMs'> {
  /** Absent where the pool reports no RSS (runserver; uWSGI workers before their first request). */
  readonly workerRss?: WorkerRssSample;
}

/** A started proxy → pool → app stack. */
export interface RunningStack {
  /** Base URL of the proxy, e.g. http://127.0.0.1:43121 */
  readonly url: string;
  readonly describe: StackDescription;
  /** Where the pool listens, its master's pid, and its stats server's port (embedded and uWSGI pools; none for gunicorn and runserver). */
  readonly pool: PoolAddress;
  /** Pids of every process the stack started (proxy, master); workers are the master's. */
  readonly pids: readonly number[];
  /** One sample of the pool's listen-queue depth and busy workers, and its workers' RSS where the pool reports it. */
  sample(): Promise<PoolSample>;
  /**
   * Reloads the pool's workers gracefully, one by one where the program can
   * (caplab's pool and uWSGI: a chain reload; gunicorn: SIGHUP, new workers
   * first, then the old ones finish); resolves when the new workers serve.
   */
  reload(): Promise<StackReload>;
  /** Resolves when any role process dies before stop() was called; never resolves after stop(). */
  readonly died: Promise<RoleDeath>;
  /** Stops every role; safe to call more than once. */
  stop(): Promise<void>;
}
