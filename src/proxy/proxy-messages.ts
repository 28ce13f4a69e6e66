import type { ProxyConfig } from './proxy-options.js';

/**
 * The IPC messages between `startProxy` (the parent) and the proxy
 * process, in one place. The parent sends one `config`; the child answers
 * with exactly one `ready` or `failed` (the shape `forkChild` expects).
 */

/** Parent → child: the validated config to run with. */
export interface ProxyConfigMessage {
  readonly type: 'config';
  readonly config: ProxyConfig;
}

/** Child → parent: listening on `host:port` (the bound address, port never 0). */
export interface ProxyReadyMessage {
  readonly type: 'ready';
  readonly host: string;
  readonly port: number;
}

/** Child → parent: could not start; `code` is an `ERROR_CODES` key. */
export interface ProxyFailedMessage {
  readonly type: 'failed';
  readonly code: 'E_PORT_IN_USE' | 'E_USAGE' | 'E_STACK_START';
  readonly message: string;
}

/** Anything the child may send. */
export type ProxyChildMessage = ProxyReadyMessage | ProxyFailedMessage;
