/**
 * Entry point of a pool worker, forked by the master (through forkChild).
 * It receives a WorkerConfig, loads the app, warms its serving path up
 * (without calling the app) and answers `ready` (or `failed` with
 * E_APP_LOAD). In 'master' queue mode each `request` message then carries
 * one client socket: the worker serves it (one at a time; the master never
 * sends another before `done`) and answers `done`. In 'kernel' mode it
 * accepts its connections itself (runAcceptLoop). It exits on SIGTERM (the
 * master recycling it while idle), and by itself when the master goes away
 * — through watchParent, and from inside blocking app work through
 * parentGone() — so no worker outlives its parents. SIGINT is left to the
 * processes above.
 */
import type { Socket } from 'node:net';
import { isCaplabError } from '../../errors.js';
import { loadApp, withTiming } from '../../app/index.js';
import { watchParent } from '../../process/index.js';
import type { FailedMessage, WorkerConfig, WorkerConfigMessage, WorkerDoneMessage, WorkerReadyMessage, WorkerRequestMessage } from '../messages.js';
import { loadNative } from '../native/load-native.js';
import { runAcceptLoop } from './accept-loop.js';
import { serveConnection, type ConnectionOutcome, type ServeContext } from './serve-connection.js';
import { warmUp } from './warm-up.js';

function send(message: WorkerReadyMessage | FailedMessage | WorkerDoneMessage, then?: () => void): void {
  if (process.send && process.connected) process.send(message, () => then?.());
  else then?.();
}

async function start(config: WorkerConfig): Promise<void> {
  let ctx: ServeContext;
  try {
    const app = await loadApp(config.app);
    ctx = { protocol: config.protocol, handler: withTiming(app), worker: config.id, timeScale: config.timeScale, socketTimeoutMs: config.socketTimeoutMs, local: config.local };
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
    send({ type: 'ready', pid: process.pid }, () =>
      runAcceptLoop(ctx, { native, slot: config.id - 1, scoreboardBytes: config.scoreboardBytes, maxRequests: config.maxRequests }),
    );
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

watchParent(() => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => undefined);
process.once('message', (message: WorkerConfigMessage) => {
  if (message?.type === 'config') void start(message.config);
});
