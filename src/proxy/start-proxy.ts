import { DEFAULTS } from '../config/index.js';
import { CaplabError, ERROR_CODES, type ErrorCode } from '../errors.js';
import { ChildStartError, forkChild, resolveEntry } from '../process/index.js';
import type { ProxyConfigMessage, ProxyReadyMessage } from './proxy-messages.js';
import { parseProxyOptions, type ProxyOptions } from './proxy-options.js';

/** A running proxy process. */
export interface RunningProxy {
  /** Base URL, e.g. http://127.0.0.1:43121 (IPv6 hosts in brackets). */
  readonly url: string;
  /** The address the proxy is bound to. */
  readonly host: string;
  /** The bound port (never 0). */
  readonly port: number;
  /** Pid of the main proxy process (the one `startProxy` forked). */
  readonly pid: number;
  /**
   * Pids of every proxy process serving the socket, `pid` first; one per
   * `workerProcesses`. The others are children of `pid`.
   */
  readonly pids: readonly number[];
  /**
   * SIGTERM, then SIGKILL after DEFAULTS.stopGraceMs; resolves once the
   * main process has exited, which it does only after its extra processes
   * have. Client and upstream connections are dropped and the access log
   * flushed. Safe to call more than once.
   */
  stop(): Promise<void>;
}

/**
 * Starts the Nginx role in its own process (or `workerProcesses` of them
 * sharing one listening socket): an HTTP/1.1 server on loopback
 * that serves `staticPrefix` from `staticDir` and forwards everything else
 * to `upstream` (uwsgi or http), one new upstream connection per request.
 * Options are validated first (CaplabError E_NOT_LOOPBACK or E_USAGE, before
 * anything is started). Rejects with CaplabError E_PORT_IN_USE when the port
 * is taken, E_USAGE when the static directory or access log cannot be used,
 * E_STACK_START when a process fails otherwise. The processes end by
 * themselves if the caller's process dies.
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const config = parseProxyOptions(options);
  const entry = resolveEntry(import.meta.url, './proxy-main.js');
  let supervised;
  try {
    supervised = await forkChild<ProxyReadyMessage>(entry, config satisfies ProxyConfigMessage['config']);
  } catch (err) {
    if (err instanceof ChildStartError) {
      const code: ErrorCode = err.code in ERROR_CODES ? (err.code as ErrorCode) : 'E_STACK_START';
      throw new CaplabError(code, err.message, { cause: err });
    }
    throw err;
  }
  const { host, port } = supervised.ready;
  const pid = supervised.child.pid ?? -1;
  const pids = Object.freeze([...supervised.ready.pids]);
  let stopping: Promise<void> | undefined;
  return Object.freeze({
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    pid,
    pids,
    stop: () => (stopping ??= supervised.stop(DEFAULTS.stopGraceMs)),
  });
}
