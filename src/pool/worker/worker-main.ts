/**
 * Entry point of a pool worker, forked by the master (through forkChild).
 * It receives a WorkerConfig, loads the app, warms its serving path up
 * (without calling the app) and answers `ready` (or `failed` with
 * E_APP_LOAD). In 'master' queue mode each `request` message then carries
 * one client socket: the worker serves it (one at a time; the master never
 * sends another before `done`) and answers `done`. In 'kernel' mode it
 * accepts its connections itself (runAcceptLoop), in its own thread or, with
 * `threads` > 1, in that many worker threads (startThreads). It exits on
 * SIGTERM: at once in 'master' mode (the master recycles it only while
 * idle), gracefully in 'kernel' mode (stop accepting, finish what it
 * serves, exit); and by itself when the master goes away
 * — through watchParent, and from inside blocking app work through
 * parentGone() — so no worker outlives its parents. SIGINT is left to the
 * processes above.
 */
import type { Socket } from 'node:net';
import { isCaplabError } from '../../errors.js';
import { loadApp, withTiming } from '../../app/index.js';
import { watchParent } from '../../process/index.js';
import type { FailedMessage, WorkerConfig, WorkerConfigMessage, WorkerDoneMessage, WorkerReadyMessage, WorkerRequestMessage } from '../messages.js';
import { loadNative, type PoolNative } from '../native/load-native.js';
import { runAcceptLoop, type AcceptLoop } from './accept-loop.js';
import { startThreads, ThreadStartError, type ThreadedCores } from './start-threads.js';
import { serveConnection, type ConnectionOutcome, type ServeContext } from './serve-connection.js';
import { warmUp } from './warm-up.js';

function send(message: WorkerReadyMessage | FailedMessage | WorkerDoneMessage, then?: () => void): void {
  if (process.send && process.connected) process.send(message, () => then?.());
  else then?.();
}

async function start(config: WorkerConfig): Promise<void> {
  // A threaded worker's threads each load the app and accept; its main thread only supervises them.
  if (config.queue === 'kernel' && config.threads > 1) return serveThreaded(config);
  let ctx: ServeContext;
  try {
    const app = await loadApp(config.app);
    ctx = { protocol: config.protocol, handler: withTiming(app, { core: 0 }), worker: config.id, core: 0, timeScale: config.timeScale, socketTimeoutMs: config.socketTimeoutMs, local: config.local };
  } catch (err) {
    const code = isCaplabError(err) && err.code === 'E_APP_LOAD' ? 'E_APP_LOAD' : 'E_STACK_START';
    send({ type: 'failed', code, message: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
    return;
  }
  await warmUp(ctx);
  if (config.queue === 'kernel') {
    // The master only starts kernel-mode workers once it has loaded the addon itself.
    const { native, reason } = loadNative();
    if (!native) {
      send({ type: 'failed', code: 'E_STACK_START', message: reason }, () => process.exit(1));
      return;
    }
    serveKernel(config, ctx, native);
    return;
  }
  process.on('message', (message: WorkerRequestMessage, socket: Socket | undefined) => {
    if (message?.type !== 'request') return;
    if (!socket) {
      send({ type: 'done', id: message.id, outcome: 'dropped', bytes: 0 });
      return;
    }
    void serveConnection(socket, message.acceptedAtMs, ctx)
      .catch((err: unknown): ConnectionOutcome => {
        process.stderr.write(`caplab worker ${config.id}: serving a connection failed: ${String(err)}\n`);
        socket.destroy();
        return { outcome: 'dropped', bytes: 0 };
      })
      .then((outcome) => send({ type: 'done', id: message.id, ...outcome }));
  });
  send({ type: 'ready', pid: process.pid });
}

/**
 * 'kernel' mode, one thread: accept in this thread once the master has the
 * `ready`. SIGTERM, or max-requests reached, stops accepting; the process
 * exits once the connection it serves is done.
 */
function serveKernel(config: WorkerConfig, ctx: ServeContext, native: PoolNative): void {
  let served = 0;
  let loop: AcceptLoop | undefined;
  let stopAsked = false;
  gracefulStop = () => {
    stopAsked = true;
    if (!loop) process.exit(0);
    loop.stop();
    void loop.drained.then(() => process.exit(0));
  };
  send({ type: 'ready', pid: process.pid }, () => {
    if (stopAsked) return;
    const options = { native, slot: config.id - 1, core: 0, bank: config.bank, threads: 1, scoreboardBytes: config.scoreboardBytes };
    loop = runAcceptLoop(ctx, { ...options, served: () => config.maxRequests === 0 || ++served < config.maxRequests });
    void loop.drained.then(() => process.exit(0));
  });
}

/**
 * 'kernel' mode, `threads` > 1: start the cores (startThreads: each loads
 * the app and accepts for itself), answer `ready` once all have, and let
 * them accept. SIGTERM, or max-requests reached by the cores together,
 * stops every core; the process exits once they have all finished.
 */
async function serveThreaded(config: WorkerConfig): Promise<void> {
  let cores: ThreadedCores;
  try {
    cores = await startThreads(config, () => void cores.stop().then(() => process.exit(0)));
  } catch (err) {
    const failure = err instanceof ThreadStartError ? err.failure : { code: 'E_STACK_START' as const, message: String(err) };
    send({ type: 'failed', ...failure }, () => process.exit(1));
    return;
  }
  gracefulStop = () => void cores.stop().then(() => process.exit(0));
  send({ type: 'ready', pid: process.pid }, () => cores.go());
}

/** What SIGTERM does: exit at once ('master' mode, where the master sends it only to an idle worker), or stop gracefully ('kernel'). */
let gracefulStop = (): void => process.exit(0);

watchParent(() => process.exit(0));
process.on('SIGTERM', () => gracefulStop());
process.on('SIGINT', () => undefined);
process.once('message', (message: WorkerConfigMessage) => {
  if (message?.type === 'config') void start(message.config);
});
