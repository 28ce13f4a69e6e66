import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { wallClockMs } from '../../config/index.js';
import { finishConnection } from '../finish-connection.js';
import { rawResponse } from '../format-response.js';
import type { WorkerConfig, WorkerDoneMessage, WorkerMessage, WorkerRequestMessage } from '../messages.js';
import type { PoolConfig } from '../pool-options.js';
import { ListenQueue, type QueuedConnection } from './listen-queue.js';
import { keepWorkers } from './keep-workers.js';
import { commonWorkerConfig, spawnWorker } from './spawn-worker.js';
import { WorkerSlot } from './worker-slot.js';

/** The master's scheduling core: the worker slots, the listen queue and its counters. */
export interface Dispatcher {
  readonly slots: readonly WorkerSlot[];
  readonly queue: ListenQueue;
  /** Connections refused with a 503 (full queue), requests refused as malformed. */
  readonly counters: { readonly refused: number; readonly malformed: number };
  /** Starts every worker; resolves when all are ready, rejects with the first ChildStartError. */
  start(): Promise<void>;
  /** Takes a newly accepted, paused connection. */
  accept(socket: Socket): void;
  /** Replaces every worker gracefully, one after another (see WorkerKeeper.reload); queued connections wait for them. */
  reload(): Promise<void>;
  /** Lets every worker finish its request, then ends it (SIGKILL after `timeoutMs`); nothing is respawned. */
  stop(timeoutMs: number): Promise<void>;
  /** SIGKILLs every worker and drops queued connections; nothing is respawned afterwards. */
  shutdown(): void;
}

/**
 * Creates the prefork scheduler. Accepted connections wait in ONE FIFO
 * queue and each goes to the first idle worker (lowest id), so none waits
 * behind a busy worker while another is idle. The socket is handed over
 * with `send(msg, socket, {keepOpen: true})` and closed in the master only
 * once the send succeeded; if it fails (the worker just died) the
 * connection goes back to the head of the queue. A full queue (`listen`)
 * gets an immediate 503 written by the master. A worker is free again when
 * it reports `done`; one that dies is respawned, and only the request it
 * was serving is lost (its connection closes with it). `harakiriMs` and
 * `maxRequests` SIGKILL a stuck worker and recycle a worn one; so does
 * `reloadOnRssMb`, once the worker is done with its request. `threads` is
 * always 1 here (pool options refuse more with this queue mode).
 * `socketName()` ('host:port') is quoted in the 503 message.
 */
export function createDispatcher(config: PoolConfig, socketName: () => string): Dispatcher {
  const slots = Array.from({ length: config.workers }, (_, i) => new WorkerSlot(i + 1));
  const queue = new ListenQueue(config.listen);
  const counters = { refused: 0, malformed: 0 };
  /** Busy slots to end once their request is done (reload, reload-on-rss, a graceful stop). */
  const retiring = new Set<WorkerSlot>();
  let nextId = 1;

  const workerConfig = (id: number): WorkerConfig => ({
    ...commonWorkerConfig(config, id),
    queue: 'master',
    maxRequests: 0,
    threads: 1,
    bank: 0,
    scoreboardBytes: 0,
  });

  const keeper = keepWorkers(slots, {
    start: async (slot) => (await spawnWorker(workerConfig(slot.id))).child,
    ready(slot, child) {
      child.on('message', (message: WorkerMessage) => {
        if (message?.type === 'done') onDone(slot, child, message);
      });
      dispatchQueued();
    },
    vacated: (slot) => {
      retiring.delete(slot);
      slot.finishCurrent();
    },
    retire,
  }, { reloadOnRssMb: config.reloadOnRssMb });

  /** A 'master'-mode worker takes SIGTERM only while idle (it exits at once); a busy one is ended when it reports `done`. */
  function retire(slot: WorkerSlot, child: ChildProcess): void {
    if (slot.state === 'busy') retiring.add(slot);
    else {
      slot.state = 'stopping';
      child.kill('SIGTERM');
    }
  }

  function onDone(slot: WorkerSlot, child: ChildProcess, done: WorkerDoneMessage): void {
    if (slot.child !== child || slot.current?.id !== done.id) return;
    const current = slot.finishCurrent()!;
    if (done.outcome === 'served') {
      slot.requests += 1;
      slot.deltaRequests += 1;
      slot.runningTimeUs += (performance.now() - current.startedAt) * 1000;
      slot.observe(performance.now() - current.startedAt);
      if (done.exception) slot.exceptions += 1;
    } else if (done.outcome === 'malformed') {
      counters.malformed += 1;
    }
    slot.tx += done.bytes;
    if (retiring.delete(slot) || (config.maxRequests > 0 && slot.deltaRequests >= config.maxRequests)) {
      slot.state = 'stopping';
      child.kill('SIGTERM');
    } else {
      slot.state = 'idle';
      dispatchQueued();
    }
  }

  function harakiri(slot: WorkerSlot, child: ChildProcess, id: number): void {
    if (slot.child !== child || slot.current?.id !== id) return;
    slot.harakiriCount += 1;
    slot.state = 'stopping';
    child.kill('SIGKILL');
  }

  function firstIdle(): WorkerSlot | undefined {
    return slots.find((slot) => slot.state === 'idle');
  }

  function dispatchQueued(): void {
    for (let slot = firstIdle(); slot && queue.length > 0; slot = firstIdle()) handOver(slot, queue.take()!);
  }

  function handOver(slot: WorkerSlot, conn: QueuedConnection): void {
    const child = slot.child!;
    const id = nextId++;
    const harakiriTimer = config.harakiriMs ? setTimeout(() => harakiri(slot, child, id), config.harakiriMs) : undefined;
    slot.state = 'busy';
    slot.current = { id, startedAt: performance.now(), harakiri: harakiriTimer };
    const message: WorkerRequestMessage = { type: 'request', id, acceptedAtMs: conn.acceptedAtMs };
    const failed = (): void => {
      if (slot.current?.id === id) slot.finishCurrent();
      queue.requeue(conn);
      if (slot.child === child) {
        slot.state = 'stopping';
        child.kill('SIGKILL');
      }
      dispatchQueued();
    };
    try {
      child.send(message, conn.socket, { keepOpen: true }, (err) => {
        if (err) failed();
        else conn.socket.destroy();
      });
    } catch {
      failed();
    }
  }

  return {
    slots,
    queue,
    counters,
    async start() {
      await keeper.start();
    },
    reload: () => keeper.reload(),
    async stop(timeoutMs) {
      await keeper.stop(timeoutMs);
    },
    accept(socket) {
      socket.on('error', () => undefined);
      const conn: QueuedConnection = { socket, acceptedAtMs: wallClockMs() };
      if (keeper.closed) {
        socket.destroy();
        return;
      }
      const idle = queue.length === 0 ? firstIdle() : undefined;
      if (idle) handOver(idle, conn);
      else if (!queue.offer(conn)) {
        counters.refused += 1;
        const reason = `Service Unavailable: listen queue of socket "${socketName()}" is full (${queue.length}/${config.listen})`;
        void finishConnection(socket, [rawResponse(503, reason)], config.socketTimeoutMs);
      }
    },
    shutdown() {
      for (const slot of slots) slot.finishCurrent();
      keeper.shutdown();
      for (const conn of queue.takeAll()) conn.socket.destroy();
    },
  };
}
