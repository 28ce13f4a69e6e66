import type { PoolConfig } from './pool-options.js';

/**
 * Every IPC message of the pool, in one place.
 *
 * startPool (parent) ⇄ master: the parent sends one `config`; the master
 * answers exactly one `ready` or `failed` (the shape `forkChild` expects).
 * Later the parent may send `reload`, answered by `reloaded`.
 *
 * master ⇄ worker: the master sends one `config`; the worker loads the app
 * and answers `ready` or `failed`. Then it depends on the queue mode:
 *   - 'master': per connection, the master sends a `request` with the
 *     client socket attached; the worker serves it and sends `done`, which
 *     frees it for the next connection. A worker is stopped by SIGTERM
 *     when idle (max-requests) and SIGKILL otherwise.
 *   - 'kernel': no message at all per request. The worker accepts from the
 *     listening socket it shares with the master (at fd KERNEL_FDS.listen)
 *     and records its state in the scoreboard (at fd KERNEL_FDS.scoreboard);
 *     with `threads` > 1, each of its threads does so (worker/thread-messages.ts).
 *     It exits by itself after max-requests; SIGTERM makes it stop accepting,
 *     finish what it serves and exit (recycling, reload, a graceful stop);
 *     harakiri SIGKILLs it.
 */

/** Where a kernel-mode worker finds the shared descriptors (see forkChild's shareFds). */
export const KERNEL_FDS = Object.freeze({ listen: 4, scoreboard: 5 });

/** Parent → master: the validated pool config. */
export interface MasterConfigMessage {
  readonly type: 'config';
  readonly config: PoolConfig;
}

/** Master → parent: listening and every worker ready. Ports are the bound ones, never 0. */
export interface MasterReadyMessage {
  readonly type: 'ready';
  readonly host: string;
  readonly port: number;
  /** The unix socket the pool listens on (then `port` is 0). */
  readonly socketPath?: string;
  readonly statsPort: number;
  readonly workerPids: readonly number[];
  /** The queue mode the pool runs in. */
  readonly queue: PoolConfig['queue'];
  /** Set when 'kernel' was asked for but the native addon could not load: why. */
  readonly queueFallback?: string;
}

/** Parent → master: replace every worker, one by one (what SIGHUP does); answered by `reloaded` with the same id. */
export interface MasterReloadMessage {
  readonly type: 'reload';
  readonly id: number;
}

/** Master → parent: the reload `id` is done. Times are epoch ms; pids in slot order. */
export interface MasterReloadedMessage {
  readonly type: 'reloaded';
  readonly id: number;
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly pidsBefore: readonly number[];
  readonly pidsAfter: readonly number[];
}

/** Master or worker → its parent: could not start; `code` is an ERROR_CODES key. */
export interface FailedMessage {
  readonly type: 'failed';
  readonly code: 'E_PORT_IN_USE' | 'E_APP_LOAD' | 'E_STACK_START';
  readonly message: string;
}

/** What one worker needs: its 1-based id and the pool-wide settings. */
export interface WorkerConfig {
  readonly id: number;
  readonly app: string;
  readonly protocol: PoolConfig['protocol'];
  readonly timeScale: number;
  readonly socketTimeoutMs: number;
  /** How this worker gets its connections (see the top of this file). */
  readonly queue: PoolConfig['queue'];
  /** 'kernel' mode: exit after this many requests (0 = never); the master respawns the slot. */
  readonly maxRequests: number;
  /** 'kernel' mode: cores (threads) serving at once, each with its own scoreboard record; 1 = the main thread serves. */
  readonly threads: number;
  /** 'kernel' mode: the slot's scoreboard bank this process writes (its predecessor may still be finishing in the other during a reload). */
  readonly bank: number;
  /** 'kernel' mode: size in bytes of the scoreboard at KERNEL_FDS.scoreboard. */
  readonly scoreboardBytes: number;
  /** 'kernel' mode: the address the shared socket is bound to (SERVER_NAME/PORT without asking each connection). */
  readonly local?: { readonly address: string; readonly port: number };
}

/** Master → worker: the worker's config. */
export interface WorkerConfigMessage {
  readonly type: 'config';
  readonly config: WorkerConfig;
}

/** Worker → master: the app is loaded and the worker can take connections. */
export interface WorkerReadyMessage {
  readonly type: 'ready';
  readonly pid: number;
}

/** Master → worker, with the client socket as the handle: serve this one connection. */
export interface WorkerRequestMessage {
  readonly type: 'request';
  /** Master-wide sequence number, echoed in `done`. */
  readonly id: number;
  /** Epoch ms at which the master accepted the connection (queue start without X-Request-Start). */
  readonly acceptedAtMs: number;
}

/**
 * Worker → master: the connection is finished and the worker is free.
 * `served`: the app answered (`exception` if it threw and got a 500);
 * `malformed`: the worker refused the request with a 4xx and `reason`;
 * `dropped`: the client left (or timed out) before a full request.
 */
export type WorkerDoneMessage = {
  readonly type: 'done';
  readonly id: number;
  /** Response bytes written (head and body). */
  readonly bytes: number;
} & (
  | { readonly outcome: 'served'; readonly status: number; readonly exception: boolean }
  | { readonly outcome: 'malformed'; readonly status: number; readonly reason: string }
  | { readonly outcome: 'dropped' }
);

/** Anything a worker may send. */
export type WorkerMessage = WorkerReadyMessage | FailedMessage | WorkerDoneMessage;
