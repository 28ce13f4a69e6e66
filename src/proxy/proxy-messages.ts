import type { ProxyConfig } from './proxy-options.js';

/**
 * The IPC messages of the proxy's processes, in one place. `startProxy`
 * (the parent) sends one `config` to the main proxy process, which answers
 * with exactly one `ready` or `failed` (the shape `forkChild` expects).
 * With `workerProcesses` > 1 the main process sends each extra process one
 * `worker` message carrying the listening socket as its handle, and each
 * answers `ready` or `failed` in turn.
 */

/** Parent → main proxy process: the validated config to run with. */
export interface ProxyConfigMessage {
  readonly type: 'config';
  readonly config: ProxyConfig;
}

/** Main → extra proxy process, sent with the listening `net.Server` as handle: serve on it with `config`. */
export interface ProxyWorkerMessage {
  readonly type: 'worker';
  readonly config: ProxyConfig;
}

/** Child → parent: listening on `host:port` (the bound address, port never 0). */
export interface ProxyReadyMessage {
  readonly type: 'ready';
  readonly host: string;
  readonly port: number;
  /** Every process serving the socket, the main one first. */
  readonly pids: readonly number[];
}

/** Child → parent: could not start; `code` is an `ERROR_CODES` key. */
export interface ProxyFailedMessage {
  readonly type: 'failed';
  readonly code: 'E_PORT_IN_USE' | 'E_PORT_DENIED' | 'E_USAGE' | 'E_STACK_START';
  readonly message: string;
}

/** Anything a proxy process may be sent. */
export type ProxyParentMessage = ProxyConfigMessage | ProxyWorkerMessage;

/** Anything a proxy process may send. */
export type ProxyChildMessage = ProxyReadyMessage | ProxyFailedMessage;
