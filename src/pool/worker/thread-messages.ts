import type { WorkerConfig } from '../messages.js';

/**
 * The messages between a threaded worker's main thread and its cores
 * (node:worker_threads), in one place. Each core is started with
 * `ThreadData`, loads the app and answers `ready` (or `failed`); the main
 * thread answers `go` once the master knows the worker is ready, and later
 * `stop` (recycling, reload, shutdown). A core sends `recycle` when the
 * process has served max-requests, and `drained` once it has stopped and its
 * last connection has closed.
 */

/** What each core is started with. */
export interface ThreadData {
  readonly config: WorkerConfig;
  /** 0-based core (thread) index within the worker. */
  readonly core: number;
  /** Int32[1]: requests served by every core of the process together (for max-requests). */
  readonly served: SharedArrayBuffer;
}

/** Main thread → core. */
export type ToThread = { readonly type: 'go' } | { readonly type: 'stop' };

/** Core → main thread. */
export type FromThread =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly code: 'E_APP_LOAD' | 'E_STACK_START'; readonly message: string }
  | { readonly type: 'recycle' }
  | { readonly type: 'drained' };
