import type { ChildProcess } from 'node:child_process';
import { readProcessMemory } from '../../process/index.js';
import { RSS_CHECK_MS } from './rss-check.js';
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
  /**
   * Starts a replacement for the slot's process beside it, for a reload,
   * and resolves once it is ready (it may already serve). Without this hook
   * a reload retires the old process first, then respawns the slot.
   */
  startReplacement?(slot: WorkerSlot): Promise<Replacement>;
}

/** A process started beside a slot's current one (see WorkerLifeHooks.startReplacement). */
export interface Replacement {
  readonly child: ChildProcess;
  /** The keeper hands the slot to the replacement now; the old process (still `slot.child`) starts finishing its requests. */
  commit(): void;
  /** The old process has exited. */
  released(): void;
  /** The replacement is not used (the slot changed meanwhile, or the keeper closed); it has been killed. */
  discard(): void;
}

/** The respawning half of a master: one process per slot, for as long as the master lives. */
export interface WorkerKeeper {
  /** Starts every slot's first process; resolves when all are ready, rejects with the first start failure. */
  start(): Promise<void>;
  /** True once `shutdown()` or `stop()` was called. */
  readonly closed: boolean;
  /**
   * Replaces every worker, one slot after another. With `startReplacement`
   * the replacement starts beside the old process and takes the slot once
   * ready; the old one then stops accepting, finishes its requests and
   * exits, and the next slot goes once it has. Without it (or if the
   * replacement cannot start), the old process is retired first and the
   * next slot waits until the respawned one is ready (uWSGI's chain
   * reload). Resolves when the last slot is done; a reload asked for while
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
 * the master. With `reloadOnRssMb` (uWSGI's reload-on-rss), every
 * RSS_CHECK_MS from `start()` until the keeper closes, a serving process
 * (idle or busy) whose RSS passes the limit is retired through
 * `hooks.retire`, in either queue mode.
 */
export function keepWorkers(slots: readonly WorkerSlot[], hooks: WorkerLifeHooks, options: { readonly reloadOnRssMb?: number | undefined } = {}): WorkerKeeper {
  let closed = false;
  let rssTicker: NodeJS.Timeout | undefined;
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

  /** Processes handed over by a reload and still finishing their requests. */
  const draining = new Set<ChildProcess>();

  async function spawn(slot: WorkerSlot): Promise<void> {
    slot.spawning();
    hooks.vacated?.(slot);
    const child = await hooks.start(slot);
    if (closed) {
      child.kill('SIGKILL');
      return;
    }
    install(slot, child);
  }

  /** Records a ready process in the slot and watches it. */
  function install(slot: WorkerSlot, child: ChildProcess): void {
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

  /** Retires the slot's process, then waits for the respawned one. */
  async function retireThenRespawn(slot: WorkerSlot): Promise<void> {
    const replaced = nextReady(slot);
    if (slot.child && slot.state !== 'stopping') hooks.retire(slot, slot.child);
    await replaced;
  }

  /** Starts the replacement beside the slot's process, hands the slot over, then lets the old one finish and exit. */
  async function replaceBeside(slot: WorkerSlot, old: ChildProcess, start: (slot: WorkerSlot) => Promise<Replacement>): Promise<void> {
    let replacement: Replacement;
    try {
      replacement = await start(slot);
    } catch {
      return retireThenRespawn(slot);
    }
    if (closed || slot.child !== old || old.exitCode !== null || old.signalCode !== null) {
      // the old process ended meanwhile (the slot respawns by itself) or the keeper closed
      replacement.child.kill('SIGKILL');
      replacement.discard();
      if (!closed && slot.child === null) await nextReady(slot);
      return;
    }
    const oldExit = exitOf(old);
    replacement.commit();
    draining.add(old);
    slot.spawning();
    install(slot, replacement.child);
    old.kill('SIGTERM');
    await oldExit;
    draining.delete(old);
    replacement.released();
  }

  async function chainReload(): Promise<void> {
    for (const slot of slots) {
      if (closed) return;
      const old = slot.child;
      if (hooks.startReplacement && old && slot.state !== 'stopping') await replaceBeside(slot, old, hooks.startReplacement);
      else await retireThenRespawn(slot);
    }
  }

  function checkRss(limitBytes: number): void {
    for (const slot of slots) {
      const child = slot.child;
      if (child && (slot.state === 'idle' || slot.state === 'busy') && readProcessMemory(slot.pid).rss > limitBytes) hooks.retire(slot, child);
    }
  }

  function close(): void {
    closed = true;
    if (rssTicker) clearInterval(rssTicker);
    for (const slot of slots) wake(slot);
  }

  return {
    async start() {
      await Promise.all(slots.map((slot) => spawn(slot)));
      const limitMb = options.reloadOnRssMb;
      if (limitMb !== undefined && !closed) {
        rssTicker = setInterval(() => checkRss(limitMb * 1024 * 1024), RSS_CHECK_MS);
        rssTicker.unref();
      }
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
      const all = [...live.map(({ child }) => child), ...draining];
      const exits = all.map(exitOf);
      for (const { slot, child } of live) if (slot.state !== 'stopping') hooks.retire(slot, child);
      const timer = setTimeout(() => {
        for (const child of all) child.kill('SIGKILL');
      }, timeoutMs);
      await Promise.all(exits);
      clearTimeout(timer);
    },
    shutdown() {
      close();
      for (const slot of slots) slot.child?.kill('SIGKILL');
      for (const child of draining) child.kill('SIGKILL');
    },
  };
}

/** Resolves once `child` has exited (at once if it already has). */
function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}
