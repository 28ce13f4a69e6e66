import { DEFAULTS } from '../config/index.js';
import { CaplabError, ERROR_CODES, type ErrorCode } from '../errors.js';
import { ChildStartError, forkChild, resolveEntry, type ProcessExit } from '../process/index.js';
import type { MasterConfigMessage, MasterReadyMessage, MasterReloadedMessage, MasterReloadMessage } from './messages.js';
import { parsePoolOptions, type PoolConfig, type PoolOptions } from './pool-options.js';

/** How long the master gets to bind and start every worker. */
export const POOL_START_TIMEOUT_MS = 60_000;

/** What one reload of a pool did: epoch ms at its start and end, and worker pids before and after (slot order). */
export type PoolReload = Omit<MasterReloadedMessage, 'type' | 'id'>;

/** A running pool: a master process and its workers. */
export interface RunningPool {
  readonly protocol: PoolConfig['protocol'];
  /** The address the request socket is bound to. */
  readonly host: string;
  /** The request socket's port (never 0 over TCP; 0 when `socketPath` is set). */
  readonly port: number;
  /** The unix socket the pool listens on instead of host:port, when it does. */
  readonly socketPath?: string;
  /** The stats server's port, on `host` (read it with `readStats`). */
  readonly statsPort: number;
  /** Pid of the master; the workers are its children. */
  readonly pid: number;
  /** Number of worker processes. */
  readonly workers: number;
  /** Where the listen queue lives: 'kernel' (workers accept for themselves) or 'master'. */
  readonly queue: PoolConfig['queue'];
  /** Set when 'kernel' was asked for but the pool runs 'master': why, in one line. */
  readonly queueFallback?: string;
  /**
   * Resolves when the master exits, for whatever reason (stop() included);
   * its workers are SIGKILLed by then, even ones blocked in JavaScript.
   * (Real uWSGI: its master, or the keeper above it if that ends first.)
   */
  readonly exited: Promise<ProcessExit>;
  /** Requests each worker serves at once (its threads, uWSGI's cores). */
  readonly threads: number;
  /**
   * Replaces every worker, one after another, without refusing a request
   * (what SIGHUP to the master does): each stops accepting, finishes what
   * it serves and exits, and the next goes once its replacement is ready.
   * Resolves with the reload's epoch-ms start and end and the worker pids
   * before and after; rejects if the master exits first.
   */
  reload(): Promise<PoolReload>;
  /**
   * SIGTERM to the master, which stops gracefully: its workers finish what
   * they serve (SIGKILL after `stopTimeoutMs`); SIGKILL to the master after
   * DEFAULTS.stopGraceMs. Resolves once the master has exited; safe to call
   * more than once.
   */
  stop(): Promise<void>;
}

/**
 * Starts the uWSGI role: a master process that listens on `host:port`
 * (uwsgi or http) with one FIFO listen queue of `listen` connections, and
 * `workers` worker processes, each serving one request at a time with the
 * app; plus a uWSGI-style stats server. In 'kernel' queue mode (the
 * default) idle workers accept from the kernel's accept queue themselves;
 * in 'master' mode (or where the native addon cannot load, then
 * `queueFallback` says why) the master accepts and hands each connection
 * to the first idle worker.
 * Resolves once both sockets are bound and every worker has loaded the app.
 * Options are validated first (CaplabError E_NOT_LOOPBACK or E_USAGE before
 * anything starts); rejects with CaplabError E_PORT_IN_USE when a port is
 * taken, E_APP_LOAD when the app cannot be loaded, E_STACK_START otherwise.
 * Neither master nor workers outlive the calling process, even after
 * `kill -9` of it; no worker outlives the master, even after `kill -9` of
 * the master while every worker is blocked in JavaScript (the master leads
 * a process group of its own, which is SIGKILLed when it exits).
 */
export async function startPool(options: PoolOptions = {}): Promise<RunningPool> {
  const config = parsePoolOptions(options);
  const entry = resolveEntry(import.meta.url, './master/master-main.js');
  let supervised;
  try {
    supervised = await forkChild<MasterReadyMessage>(entry, config satisfies MasterConfigMessage['config'], {
      startTimeoutMs: POOL_START_TIMEOUT_MS,
      ownGroup: true,
    });
  } catch (err) {
    if (err instanceof ChildStartError) {
      const code: ErrorCode = err.code in ERROR_CODES ? (err.code as ErrorCode) : 'E_STACK_START';
      throw new CaplabError(code, err.message, { cause: err });
    }
    throw err;
  }
  const { host, port, socketPath, statsPort, queue, queueFallback } = supervised.ready;
  let stopping: Promise<void> | undefined;
  let reloadId = 0;
  const reload = (): Promise<PoolReload> =>
    new Promise((resolve, reject) => {
      const id = ++reloadId;
      const child = supervised.child;
      const onMessage = (message: MasterReloadedMessage): void => {
        if (message?.type !== 'reloaded' || message.id !== id) return;
        child.off('message', onMessage);
        const { type: _type, id: _id, ...report } = message;
        resolve(report);
      };
      child.on('message', onMessage);
      void supervised.exited.then(() => {
        child.off('message', onMessage);
        reject(new CaplabError('E_ROLE_DIED', 'the pool master exited during a reload'));
      });
      child.send({ type: 'reload', id } satisfies MasterReloadMessage);
    });
  return Object.freeze({
    protocol: config.protocol,
    host,
    port,
    ...(socketPath !== undefined ? { socketPath } : {}),
    statsPort,
    pid: supervised.child.pid ?? -1,
    workers: config.workers,
    threads: config.threads,
    queue,
    ...(queueFallback !== undefined ? { queueFallback } : {}),
    exited: supervised.exited.then((status) => ({ pid: supervised.child.pid ?? -1, ...status })),
    reload,
    stop: () => (stopping ??= supervised.stop(DEFAULTS.stopGraceMs)),
  });
}
