import { Worker } from 'node:worker_threads';
import { resolveEntry } from '../../process/index.js';
import type { FailedMessage, WorkerConfig } from '../messages.js';
import type { FromThread, ThreadData, ToThread } from './thread-messages.js';

/** A threaded worker's cores, started and ready. */
export interface ThreadedCores {
  /** Lets every core start accepting. */
  go(): void;
  /** Stops every core (each finishes its current connection); resolves once all have drained. Idempotent. */
  stop(): Promise<void>;
}

/** A core that could not start: the `failed` message the worker sends the master. */
export class ThreadStartError extends Error {
  constructor(readonly failure: Omit<FailedMessage, 'type'>) {
    super(failure.message);
    this.name = 'ThreadStartError';
  }
}

/**
 * Starts `config.threads` cores (thread-main.ts) and resolves once every
 * one has loaded the app; rejects with ThreadStartError on the first core
 * that fails or dies while starting. Afterwards a core that dies (an
 * uncaught error in the app's module scope, say) takes the process down
 * (exit 1), as a crashed worker does, and the master respawns it.
 * `onRecycle` is called once when the cores together have served
 * `maxRequests`.
 */
export async function startThreads(config: WorkerConfig, onRecycle: () => void): Promise<ThreadedCores> {
  const entry = resolveEntry(import.meta.url, './thread-main.js');
  const served = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const threads = Array.from({ length: config.threads }, (_, core) => new Worker(entry, { workerData: { config, core, served } satisfies ThreadData, stderr: false }));
  const drained = new Set<Worker>();
  let ready = 0;
  let started = false;
  let recycled = false;
  let stopping: Promise<void> | undefined;
  let onDrained = (): void => undefined;

  await new Promise<void>((resolve, reject) => {
    const failStart = (failure: Omit<FailedMessage, 'type'>): void => {
      for (const t of threads) void t.terminate();
      reject(new ThreadStartError(failure));
    };
    for (const [core, thread] of threads.entries()) {
      thread.on('message', (message: FromThread) => {
        if (message.type === 'ready' && ++ready === threads.length) {
          started = true;
          resolve();
        } else if (message.type === 'failed' && !started) failStart(message);
        else if (message.type === 'recycle' && !recycled) {
          recycled = true;
          onRecycle();
        } else if (message.type === 'drained') {
          drained.add(thread);
          if (drained.size === threads.length) onDrained();
        }
      });
      thread.on('error', (err) => {
        if (!started) failStart({ code: 'E_STACK_START', message: `worker ${config.id} thread ${core}: ${err.message}` });
        else {
          process.stderr.write(`caplab worker ${config.id}: thread ${core} failed: ${err.stack ?? err.message}\n`);
          process.exit(1);
        }
      });
      thread.on('exit', (code) => {
        if (drained.has(thread)) return;
        if (!started) failStart({ code: 'E_STACK_START', message: `worker ${config.id} thread ${core} exited with code ${code} while starting` });
        else process.exit(1);
      });
    }
  });

  const send = (message: ToThread): void => {
    for (const t of threads) t.postMessage(message);
  };
  return {
    go: () => send({ type: 'go' }),
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        onDrained = resolve;
        if (drained.size === threads.length) resolve();
        send({ type: 'stop' });
      });
      return stopping;
    },
  };
}
