/**
 * Entry point of the pool master, forked by `startPool` (through
 * forkChild). It waits for one `config` message, binds its sockets, starts
 * the workers and answers `ready` or `failed`. It ends on SIGTERM (from
 * `stop()`) and by itself when its parent goes away, even after `kill -9`
 * of the parent (`watchParent`); whichever way it ends — an uncaught error
 * included — it SIGKILLs its workers first (the 'exit' hook), those still
 * loading the app too: a worker blocked in JavaScript (`while (true) {}` at
 * import) cannot notice anything itself. SIGINT is left to the parent,
 * which stops the pool when it is done with it. `startPool` makes the
 * master a process-group leader, so a master killed with SIGKILL, which
 * runs no hook, still takes its workers with it (see forkChild's ownGroup).
 */
import { ChildStartError, signalChildren, watchParent } from '../../process/index.js';
import type { FailedMessage, MasterConfigMessage, MasterReadyMessage } from '../messages.js';
import type { PoolConfig } from '../pool-options.js';
import { createMaster, type Master } from './create-master.js';
import { ListenError } from './listen-tcp.js';

let master: Master | undefined;

function send(message: MasterReadyMessage | FailedMessage, then?: () => void): void {
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
    send({ type: 'ready', ...address });
  } catch (err) {
    killWorkers();
    const code = err instanceof ListenError ? err.code : err instanceof ChildStartError && err.code === 'E_APP_LOAD' ? 'E_APP_LOAD' : 'E_STACK_START';
    send({ type: 'failed', code, message: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
  }
}

process.on('exit', killWorkers);
watchParent(shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', () => undefined);
process.once('message', (message: MasterConfigMessage) => {
  if (message?.type === 'config') void start(message.config);
});
