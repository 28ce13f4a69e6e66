import type { ChildProcess } from 'node:child_process';
import type { WorkerSlot } from './worker-slot.js';

/** Delay before trying again to start a worker whose start failed. */
const RESPAWN_RETRY_MS = 1_000;

/** What differs between the queue modes around a worker's life. */
export interface WorkerLifeHooks {
  /** Starts the process for `slot` and resolves once it is ready (spawnWorker with the mode's config and fds). */
  start(slot: WorkerSlot): Promise<ChildProcess>;
  /** The slot's process is ready and recorded in the slot (e.g. listen to its messages, hand it queued work). */
  ready?(slot: WorkerSlot, child: ChildProcess): void;
  /** The slot is about to get a new process, or its process has just gone (e.g. clear the scoreboard slot). */
  vacated?(slot: WorkerSlot): void;
}

/** The respawning half of a master: one process per slot, for as long as the master lives. */
export interface WorkerKeeper {
  /** Starts every slot's first process; resolves when all are ready, rejects with the first start failure. */
  start(): Promise<void>;
  /** True once `shutdown()` was called. */
  readonly closed: boolean;
  /** SIGKILLs every worker; nothing is respawned afterwards. */
  shutdown(): void;
}

/**
 * Keeps one worker process in each slot, in either queue mode: a process
 * that exits (crash, max-requests, harakiri) is replaced at once, and one
 * whose start fails is tried again every RESPAWN_RETRY_MS. A process that
 * becomes ready after `shutdown()` is killed, so none outlives the master.
 */
export function keepWorkers(slots: readonly WorkerSlot[], hooks: WorkerLifeHooks): WorkerKeeper {
  let closed = false;

  async function spawn(slot: WorkerSlot): Promise<void> {
    slot.spawning();
    hooks.vacated?.(slot);
    const child = await hooks.start(slot);
    if (closed) {
      child.kill('SIGKILL');
      return;
    }
    slot.child = child;
    slot.pid = child.pid ?? 0;
    slot.state = 'idle';
    child.once('exit', () => onExit(slot, child));
    if (child.exitCode !== null || child.signalCode !== null) onExit(slot, child);
    else hooks.ready?.(slot, child);
  }

  function respawn(slot: WorkerSlot, delayMs: number): void {
    if (closed) return;
    setTimeout(() => {
      if (!closed) spawn(slot).catch(() => respawn(slot, RESPAWN_RETRY_MS));
    }, delayMs);
  }

  function onExit(slot: WorkerSlot, child: ChildProcess): void {
    if (slot.child !== child) return;
    hooks.vacated?.(slot);
    slot.child = null;
    slot.state = 'starting';
    respawn(slot, 0);
  }

  return {
    async start() {
      await Promise.all(slots.map((slot) => spawn(slot)));
    },
    get closed() {
      return closed;
    },
    shutdown() {
      closed = true;
      for (const slot of slots) slot.child?.kill('SIGKILL');
    },
  };
}
