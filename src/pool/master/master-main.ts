/**
 * Entry point of the pool master, forked by `startPool` (through
 * forkChild). It waits for one `config` message, binds its sockets, starts
 * the workers and answers `ready` or `failed`. It ends on SIGTERM (from
 * `stop()`; gracefully: workers finish their requests) and by itself when its parent goes away, even after `kill -9`
 * of the parent (`watchParent`); whichever way it ends — an uncaught error
 * included — it SIGKILLs its workers first (the 'exit' hook), those still
 * loading the app too: a worker blocked in JavaScript (`while (true) {}` at
 * import) cannot notice anything itself. SIGINT is left to the parent,
 * which stops the pool when it is done with it. SIGHUP (or a `reload`
 * message) replaces the workers one by one (Master.reload). `startPool` makes the
 * master a process-group leader, so a master killed with SIGKILL, which
 * runs no hook, still takes its workers with it (see forkChild's ownGroup).
 */
import { ChildStartError, signalChildren, watchParent } from '../../process/index.js';
import type { FailedMessage, MasterConfigMessage, MasterReadyMessage, MasterReloadedMessage, MasterReloadMessage } from '../messages.js';
import type { PoolConfig } from '../pool-options.js';
import { createMaster, type Master } from './create-master.js';
import { ListenError } from './listen-tcp.js';

let master: Master | undefined;
let started = false;

function send(message: MasterReadyMessage | FailedMessage | MasterReloadedMessage, then?: () => void): void {
  if (process.send && process.connected) process.send(message, () => then?.());
  else then?.();
}

/** Ends every worker, ready or still loading; synchronous. */
function killWorkers(): void {
  master?.shutdown();
  signalChildren('SIGKILL');
}

function shutdown(): void {
  killWorkers();
  process.exit(0);
}

async function start(config: PoolConfig): Promise<void> {
  master = createMaster(config);
  try {
    const address = await master.start();
    started = true;
    send({ type: 'ready', ...address });
  } catch (err) {
    killWorkers();
    const code = err instanceof ListenError ? err.code : err instanceof ChildStartError && err.code === 'E_APP_LOAD' ? 'E_APP_LOAD' : 'E_STACK_START';
    send({ type: 'failed', code, message: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
  }
}

/** SIGTERM: a graceful stop once the workers run (they finish their requests, SIGKILL after stopTimeoutMs); at once before. */
function stopGracefully(): void {
  if (!master || !started) return shutdown();
  master.stop().then(shutdown, shutdown);
}

/** SIGHUP or a `reload` message: replace the workers one by one; a `reload` message is answered with `reloaded`. */
function reload(id?: number): void {
  if (!master || !started) return;
  void master.reload().then((report) => {
    if (id !== undefined) send({ type: 'reloaded', id, ...report });
  });
}

process.on('exit', killWorkers);
watchParent(shutdown);
process.on('SIGTERM', stopGracefully);
process.on('SIGHUP', () => reload());
process.on('SIGINT', () => undefined);
process.once('message', (message: MasterConfigMessage) => {
  if (message?.type === 'config') void start(message.config);
});
process.on('message', (message: MasterReloadMessage) => {
  if (message?.type === 'reload') reload(message.id);
});
