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
  /**
   * Asks the slot's process to stop gracefully: take no new connection,
   * finish the ones it serves, then exit (a reload, reload-on-rss, a
   * graceful stop). It exits by itself; the keeper respawns it unless closed.
   */
  retire(slot: WorkerSlot, child: ChildProcess): void;
}

/** The respawning half of a master: one process per slot, for as long as the master lives. */
export interface WorkerKeeper {
  /** Starts every slot's first process; resolves when all are ready, rejects with the first start failure. */
  start(): Promise<void>;
  /** True once `shutdown()` or `stop()` was called. */
  readonly closed: boolean;
  /**
   * Replaces every worker, one slot after another (uWSGI's chain reload): the
   * slot's process is retired gracefully and the next slot waits until its
   * replacement is ready. Resolves when the last is; a reload asked for while
   * one runs joins it. Never rejects.
   */
  reload(): Promise<void>;
  /** Retires every worker gracefully and respawns none; SIGKILLs those still alive after `timeoutMs`. Resolves once all are gone. */
  stop(timeoutMs: number): Promise<void>;
  /** SIGKILLs every worker; nothing is respawned afterwards. */
  shutdown(): void;
}

/**
 * Keeps one worker process in each slot, in either queue mode: a process
 * that exits (crash, max-requests, harakiri, retired) is replaced at once,
 * and one whose start fails is tried again every RESPAWN_RETRY_MS. A
 * process that becomes ready after `shutdown()` is killed, so none outlives
 * the master.
 */
export function keepWorkers(slots: readonly WorkerSlot[], hooks: WorkerLifeHooks): WorkerKeeper {
  let closed = false;
  let reloading: Promise<void> | undefined;
  const readyWaiters = new Map<WorkerSlot, (() => void)[]>();

  /** Resolves when `slot` next gets a ready process (or the keeper closes). */
  function nextReady(slot: WorkerSlot): Promise<void> {
    return new Promise((resolve) => readyWaiters.set(slot, [...(readyWaiters.get(slot) ?? []), resolve]));
  }

  function wake(slot: WorkerSlot): void {
    const waiters = readyWaiters.get(slot) ?? [];
    readyWaiters.delete(slot);
    for (const resolve of waiters) resolve();
  }

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
    else {
      hooks.ready?.(slot, child);
      wake(slot);
    }
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

  async function chainReload(): Promise<void> {
    for (const slot of slots) {
      if (closed) return;
      const replaced = nextReady(slot);
      if (slot.child && slot.state !== 'stopping') hooks.retire(slot, slot.child);
      await replaced;
    }
  }

  function close(): void {
    closed = true;
    for (const slot of slots) wake(slot);
  }

  return {
    async start() {
      await Promise.all(slots.map((slot) => spawn(slot)));
    },
    get closed() {
      return closed;
    },
    reload() {
      reloading ??= chainReload().finally(() => (reloading = undefined));
      return reloading;
    },
    async stop(timeoutMs) {
      close();
      const live = slots.flatMap((slot) => (slot.child ? [{ slot, child: slot.child }] : []));
      const exits = live.map(({ child }) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()))));
      for (const { slot, child } of live) if (slot.state !== 'stopping') hooks.retire(slot, child);
      const timer = setTimeout(() => {
        for (const { child } of live) child.kill('SIGKILL');
      }, timeoutMs);
      await Promise.all(exits);
      clearTimeout(timer);
    },
    shutdown() {
      close();
      for (const slot of slots) slot.child?.kill('SIGKILL');
    },
  };
}
