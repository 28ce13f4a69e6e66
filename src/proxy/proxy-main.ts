/**
 * Entry point of the proxy's processes. Forked by `startProxy`, it waits
 * for one `config` message, binds the server, forks `workerProcesses - 1`
 * more proxy processes onto the same listening socket, and answers `ready`
 * (with every pid) or `failed`. Forked by another proxy process, it gets a
 * `worker` message with the listening socket instead, and serves it.
 * Every process ends on SIGTERM (from `stop()`; the main one stops its
 * extra processes first), and on its own when its parent goes away, even
 * after `kill -9` of the parent (`watchParent`). SIGINT is left to the
 * parent, which stops the proxy when it is done with it.
 */
import { realpath } from 'node:fs/promises';
import type { Server } from 'node:net';
import { resolveEntry, watchParent } from '../process/index.js';
import { NO_ACCESS_LOG, openAccessLog, type AccessLog } from './access-log.js';
import { createProxyServer, type ProxyServer } from './create-proxy-server.js';
import { forkProxyWorkers, type ProxyWorkers } from './fork-proxy-workers.js';
import { createOpenFileCache } from './open-file-cache.js';
import type { ProxyChildMessage, ProxyFailedMessage, ProxyParentMessage } from './proxy-messages.js';
import type { ProxyConfig } from './proxy-options.js';
import type { StaticSite } from './serve-static.js';
import { listenError } from '../errors.js';

/** How long shutdown may take (closing connections, flushing the log) before the process just exits. */
const SHUTDOWN_LIMIT_MS = 1_000;
/** How long extra proxy processes get to exit on SIGTERM before SIGKILL, within SHUTDOWN_LIMIT_MS. */
const WORKER_STOP_GRACE_MS = 600;

let server: ProxyServer | undefined;
let workers: ProxyWorkers | undefined;
let shuttingDown = false;

function send(message: ProxyChildMessage, then?: () => void): void {
  if (process.send && process.connected) process.send(message, () => then?.());
  else then?.();
}

function shutdown(): void {
  if (shuttingDown) return;
  shuttingDown = true;
  setTimeout(() => process.exit(0), SHUTDOWN_LIMIT_MS).unref();
  void Promise.all([workers?.stop(WORKER_STOP_GRACE_MS), server?.close()]).finally(() => process.exit(0));
}

function failed(code: ProxyFailedMessage['code'], message: string): void {
  send({ type: 'failed', code, message }, () => process.exit(1));
}

/** The proxy server for `config` with its static site and access log, or null once `failed` was sent. */
async function prepare(config: ProxyConfig): Promise<ProxyServer | null> {
  let site: StaticSite | null = null;
  if (config.staticDir !== undefined) {
    try {
      const root = await realpath(config.staticDir);
      site = { root, prefix: config.staticPrefix, files: createOpenFileCache(root, config.openFileCacheValidMs) };
    } catch (err) {
      failed('E_USAGE', `static directory ${config.staticDir} cannot be used: ${(err as Error).message}`);
      return null;
    }
  }
  let accessLog: AccessLog = NO_ACCESS_LOG;
  if (config.accessLog !== undefined) {
    try {
      accessLog = await openAccessLog(config.accessLog);
    } catch (err) {
      failed('E_USAGE', `access log ${config.accessLog} cannot be opened: ${(err as Error).message}`);
      return null;
    }
  }
  return createProxyServer(config, site, accessLog);
}

async function start(config: ProxyConfig): Promise<void> {
  const proxy = await prepare(config);
  if (!proxy) return;
  let address: { host: string; port: number };
  try {
    address = await proxy.listen();
    server = proxy;
  } catch (err) {
    const { code, message } = listenError(err as NodeJS.ErrnoException, 'the proxy', config.host, config.port);
    return failed(code, message);
  }
  if (config.workerProcesses > 1) {
    try {
      workers = await forkProxyWorkers(resolveEntry(import.meta.url, './proxy-main.js'), config, proxy.server, config.workerProcesses - 1);
    } catch (err) {
      return failed('E_STACK_START', `proxy worker processes did not start: ${(err as Error).message}`);
    }
    if (shuttingDown) return void workers.stop(0);
  }
  send({ type: 'ready', ...address, pids: [process.pid, ...(workers?.pids ?? [])] });
}

async function serveShared(config: ProxyConfig, shared: Server | undefined): Promise<void> {
  if (!shared) return failed('E_STACK_START', 'proxy worker process got no listening socket');
  const proxy = await prepare(config);
  if (!proxy) return;
  try {
    const address = await proxy.listen(shared);
    server = proxy;
    send({ type: 'ready', ...address, pids: [process.pid] });
  } catch (err) {
    failed('E_STACK_START', `proxy worker process cannot serve the shared socket: ${(err as Error).message}`);
  }
}

watchParent(shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', () => undefined);
process.once('message', (message: ProxyParentMessage, handle?: Server) => {
  if (message?.type === 'config') void start(message.config);
  else if (message?.type === 'worker') void serveShared(message.config, handle);
});
