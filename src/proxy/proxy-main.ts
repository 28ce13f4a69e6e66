/**
 * Entry point of the proxy process, forked by `startProxy`. It waits for
 * one `config` message, starts the server and answers `ready` or `failed`.
 * It ends on SIGTERM (from `stop()`), and on its own when the parent goes
 * away, even after `kill -9` of the parent (`watchParent`). SIGINT is left
 * to the parent, which stops the proxy when it is done with it.
 */
import { realpath } from 'node:fs/promises';
import { watchParent } from '../process/index.js';
import { NO_ACCESS_LOG, openAccessLog, type AccessLog } from './access-log.js';
import { createProxyServer, type ProxyServer } from './create-proxy-server.js';
import { createOpenFileCache } from './open-file-cache.js';
import type { ProxyChildMessage, ProxyConfigMessage, ProxyFailedMessage } from './proxy-messages.js';
import type { ProxyConfig } from './proxy-options.js';
import type { StaticSite } from './serve-static.js';

/** How long shutdown may take (closing connections, flushing the log) before the process just exits. */
const SHUTDOWN_LIMIT_MS = 1_000;

let server: ProxyServer | undefined;
let shuttingDown = false;

function send(message: ProxyChildMessage, then?: () => void): void {
  if (process.send && process.connected) process.send(message, () => then?.());
  else then?.();
}

function shutdown(): void {
  if (shuttingDown) return;
  shuttingDown = true;
  setTimeout(() => process.exit(0), SHUTDOWN_LIMIT_MS).unref();
  void (server?.close() ?? Promise.resolve()).finally(() => process.exit(0));
}

function failed(code: ProxyFailedMessage['code'], message: string): void {
  send({ type: 'failed', code, message }, () => process.exit(1));
}

async function start(config: ProxyConfig): Promise<void> {
  let site: StaticSite | null = null;
  if (config.staticDir !== undefined) {
    try {
      const root = await realpath(config.staticDir);
      site = { root, prefix: config.staticPrefix, files: createOpenFileCache(root, config.openFileCacheValidMs) };
    } catch (err) {
      return failed('E_USAGE', `static directory ${config.staticDir} cannot be used: ${(err as Error).message}`);
    }
  }
  let accessLog: AccessLog = NO_ACCESS_LOG;
  if (config.accessLog !== undefined) {
    try {
      accessLog = await openAccessLog(config.accessLog);
    } catch (err) {
      return failed('E_USAGE', `access log ${config.accessLog} cannot be opened: ${(err as Error).message}`);
    }
  }
  const proxy = createProxyServer(config, site, accessLog);
  try {
    const { host, port } = await proxy.listen();
    server = proxy;
    send({ type: 'ready', host, port });
  } catch (err) {
    const error = err as NodeJS.ErrnoException;
    if (error.code === 'EADDRINUSE') return failed('E_PORT_IN_USE', `port ${config.host}:${config.port} is already in use`);
    return failed('E_STACK_START', `proxy cannot listen on ${config.host}:${config.port}: ${error.message}`);
  }
}

watchParent(shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', () => undefined);
process.once('message', (message: ProxyConfigMessage) => {
  if (message?.type === 'config') void start(message.config);
});
