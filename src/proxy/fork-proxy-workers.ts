import { fork, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:net';
import type { ProxyChildMessage, ProxyWorkerMessage } from './proxy-messages.js';
import type { ProxyConfig } from './proxy-options.js';

/** How long an extra proxy process may take to start serving. */
const START_TIMEOUT_MS = 15_000;

/** The extra proxy processes serving the main one's listening socket. */
export interface ProxyWorkers {
  readonly pids: readonly number[];
  /** SIGTERM each, SIGKILL after `graceMs`; resolves once all have exited. */
  stop(graceMs: number): Promise<void>;
}

/**
 * Forks `count` more proxy processes from `entry` (proxy-main) and hands
 * each the listening `server` over IPC, as Node's cluster does in its
 * SCHED_NONE mode: every process accepts from the one kernel socket, the
 * way nginx's `worker_processes` share their listeners. Resolves once all
 * serve; if one fails to start, all are killed and the promise rejects.
 * Each extra process watches its parent (`watchParent`), so none outlives
 * the main process even after `kill -9`. One that dies later is reported on
 * stderr in one line, and not replaced.
 */
export async function forkProxyWorkers(entry: string, config: ProxyConfig, server: Server, count: number): Promise<ProxyWorkers> {
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (graceMs: number): Promise<void> => {
    stopping = true;
    await Promise.all(children.map((child) => stopChild(child, graceMs)));
  };
  try {
    for (let i = 0; i < count; i++) {
      const child = fork(entry, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      children.push(child);
      await started(child, config, server);
      child.once('exit', (code, signal) => {
        if (!stopping) process.stderr.write(`caplab proxy: worker process ${child.pid} exited (${signal ?? code}); the other proxy processes go on serving\n`);
      });
    }
  } catch (err) {
    await stop(0);
    throw err;
  }
  return { pids: children.map((child) => child.pid ?? -1), stop };
}

/** Sends the `worker` message with the socket and waits for `ready`. */
function started(child: ChildProcess, config: ProxyConfig, server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(new Error(`proxy worker process did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onMessage = (message: ProxyChildMessage): void => {
      if (message?.type === 'ready') settle();
      else if (message?.type === 'failed') settle(new Error(message.message));
    };
    const onExit = (code: number | null, signal: string | null): void => settle(new Error(`proxy worker process exited (${signal ?? code}) before it was ready`));
    const settle = (err?: Error): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ type: 'worker', config } satisfies ProxyWorkerMessage, server, (err) => {
      if (err) settle(err);
    });
  });
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(graceMs === 0 ? 'SIGKILL' : 'SIGTERM');
  });
}
