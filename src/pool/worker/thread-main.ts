/**
 * Entry point of one core of a threaded worker (uWSGI's `threads`): a
 * node:worker_threads thread inside the worker process. It loads the app
 * in its own JavaScript context, warms its serving path up and answers
 * `ready`; on `go` it runs its own accept loop on the listening socket the
 * process shares with the master (fd 4) and records its state in its own
 * scoreboard record (fd 5), so a handler that blocks this thread (a
 * synchronous sleep, CPU work) blocks no other core. See thread-messages.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isCaplabError } from '../../errors.js';
import { loadApp, withTiming } from '../../app/index.js';
import { loadNative } from '../native/load-native.js';
import { runAcceptLoop, type AcceptLoop } from './accept-loop.js';
import type { ServeContext } from './serve-connection.js';
import type { FromThread, ThreadData, ToThread } from './thread-messages.js';
import { warmUp } from './warm-up.js';

const data = workerData as ThreadData;
const port = parentPort!;
const post = (message: FromThread): void => port.postMessage(message);

async function start(): Promise<void> {
  const { config, core } = data;
  let ctx: ServeContext;
  try {
    const app = await loadApp(config.app);
    ctx = { protocol: config.protocol, handler: withTiming(app, { core }), worker: config.id, core, timeScale: config.timeScale, socketTimeoutMs: config.socketTimeoutMs, local: config.local };
  } catch (err) {
    post({ type: 'failed', code: isCaplabError(err) && err.code === 'E_APP_LOAD' ? 'E_APP_LOAD' : 'E_STACK_START', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  const { native, reason } = loadNative();
  if (!native) {
    post({ type: 'failed', code: 'E_STACK_START', message: reason });
    return;
  }
  await warmUp(ctx);
  const served = new Int32Array(data.served);
  let loop: AcceptLoop | undefined;
  let stopAsked = false;
  port.on('message', (message: ToThread) => {
    if (message.type === 'go' && !loop && !stopAsked) {
      loop = runAcceptLoop(ctx, {
        native,
        slot: config.id - 1,
        core,
        bank: config.bank,
        threads: config.threads,
        scoreboardBytes: config.scoreboardBytes,
        served: () => {
          const total = Atomics.add(served, 0, 1) + 1;
          if (config.maxRequests > 0 && total >= config.maxRequests) {
            post({ type: 'recycle' });
            return false;
          }
          return true;
        },
      });
      void loop.drained.then(() => {
        post({ type: 'drained' });
        port.close();
      });
    } else if (message.type === 'stop') {
      stopAsked = true;
      if (loop) loop.stop();
      else {
        post({ type: 'drained' });
        port.close();
      }
    }
  });
  post({ type: 'ready' });
}

void start();
