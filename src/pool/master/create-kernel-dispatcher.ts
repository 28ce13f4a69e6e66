import type { ChildProcess } from 'node:child_process';
import { wallClockMs } from '../../config/index.js';
import type { WorkerConfig } from '../messages.js';
import type { PoolNative } from '../native/load-native.js';
import type { PoolConfig } from '../pool-options.js';
import { Scoreboard, type CoreReading } from '../scoreboard.js';
import { keepWorkers } from './keep-workers.js';
import { commonWorkerConfig, spawnWorker } from './spawn-worker.js';
import { WorkerSlot } from './worker-slot.js';

/** The harakiri check runs this many times per harakiri period (uWSGI's master checks once a second). */
const HARAKIRI_CHECKS_PER_PERIOD = 8;

/** The kernel-mode master's view of its workers. */
export interface KernelDispatcher {
  readonly slots: readonly WorkerSlot[];
  /** Copies the scoreboard into the slots (state and counters) and returns the malformed-request total. */
  sync(): { readonly malformed: number };
  /** Each slot's cores as the scoreboard shows them now (uWSGI's `cores`), in slot order. */
  cores(): readonly (readonly CoreReading[])[];
  /** Starts every worker; resolves when all are ready, rejects with the first ChildStartError. */
  start(): Promise<void>;
  /** Replaces every worker gracefully, one after another (see WorkerKeeper.reload). */
  reload(): Promise<void>;
  /** Stops every worker gracefully, SIGKILL after `timeoutMs`; nothing is respawned. */
  stop(timeoutMs: number): Promise<void>;
  /** SIGKILLs every worker; nothing is respawned afterwards. */
  shutdown(): void;
}

/**
 * The master of a pool whose workers accept for themselves (uWSGI's model):
 * it shares the listening socket `listen.fd` and a scoreboard with every
 * worker and never touches a connection. It respawns a worker that exits
 * (crash, max-requests, harakiri), and kills one whose current request, as
 * the scoreboard shows it, has run longer than `harakiriMs`; only that
 * request fails, since queued connections stay in the kernel's accept queue
 * for the other workers. A worker whose RSS passes `reloadOnRssMb` (read
 * every RSS_CHECK_MS) gets SIGTERM: it stops accepting, finishes what it
 * serves and exits, and is respawned; meanwhile the kernel keeps the queue,
 * so no connection is refused. With `threads` > 1 each worker has that many
 * cores, each with its own scoreboard record. A reload starts each slot's
 * new process beside the old one, in the slot's other scoreboard bank, so
 * both accept while the old one finishes its requests.
 */
export function createKernelDispatcher(config: PoolConfig, native: PoolNative, listen: { fd: number; address: string; port: number }): KernelDispatcher {
  const listenFd = listen.fd;
  const slots = Array.from({ length: config.workers }, (_, i) => new WorkerSlot(i + 1));
  const bytes = Scoreboard.bytes(config.workers, config.threads);
  const shared = native.createShared(bytes);
  const board = new Scoreboard(shared.buffer, config.threads);
  let ticker: NodeJS.Timeout | undefined;

  /** Each slot's scoreboard bank (0 until a reload hands the slot to a process in the other). */
  const bankOf = new Map<WorkerSlot, number>();
  const bank = (slot: WorkerSlot): number => bankOf.get(slot) ?? 0;
  /** Processes a reload handed over and still finishing their requests, with their slot and bank (for harakiri). */
  const draining = new Map<ChildProcess, { slot: WorkerSlot; bank: number }>();
  const killed = new WeakSet<ChildProcess>();

  const workerConfig = (id: number, bank: number): WorkerConfig => ({
    ...commonWorkerConfig(config, id),
    queue: 'kernel',
    maxRequests: config.maxRequests,
    threads: config.threads,
    bank,
    scoreboardBytes: bytes,
    local: { address: listen.address, port: listen.port },
  });

  const keeper = keepWorkers(slots, {
    start: async (slot) => (await spawnWorker(workerConfig(slot.id, bank(slot)), [listenFd, shared.fd])).child,
    vacated: (slot) => board.vacate(slot.id - 1, bank(slot)),
    retire(slot, child) {
      slot.state = 'stopping';
      child.kill('SIGTERM');
    },
    // A reload starts the new process in the slot's other bank, so both serve while the old one finishes.
    async startReplacement(slot) {
      const oldBank = bank(slot);
      const newBank = 1 - oldBank;
      board.vacate(slot.id - 1, newBank);
      const child = (await spawnWorker(workerConfig(slot.id, newBank), [listenFd, shared.fd])).child;
      let old: ChildProcess | null = null;
      return {
        child,
        commit() {
          old = slot.child;
          if (old) draining.set(old, { slot, bank: oldBank });
          bankOf.set(slot, newBank);
        },
        released() {
          if (old) draining.delete(old);
          board.vacate(slot.id - 1, oldBank);
        },
        discard: () => board.vacate(slot.id - 1, newBank),
      };
    },
  }, { reloadOnRssMb: config.reloadOnRssMb });

  function checkHarakiri(): void {
    const now = wallClockMs();
    for (const slot of slots) {
      if (!slot.child) continue;
      const r = board.read(slot.id - 1, bank(slot));
      if (r.state !== 'busy' || r.pid !== slot.pid || r.seq === slot.harakiriSeq) continue;
      if (now - r.startedAtMs > config.harakiriMs!) {
        slot.harakiriSeq = r.seq;
        slot.harakiriCount += 1;
        slot.state = 'stopping';
        slot.child.kill('SIGKILL');
      }
    }
    // a process finishing its requests after a reload is held to harakiri too
    for (const [child, { slot, bank: b }] of draining) {
      const r = board.read(slot.id - 1, b);
      if (r.state === 'busy' && r.pid === child.pid && now - r.startedAtMs > config.harakiriMs! && !killed.has(child)) {
        killed.add(child);
        slot.harakiriCount += 1;
        child.kill('SIGKILL');
      }
    }
  }

  return {
    slots,
    sync() {
      let malformed = 0;
      for (const slot of slots) {
        const r = board.read(slot.id - 1, bank(slot));
        malformed += r.malformed;
        slot.requests = r.requests;
        slot.exceptions = r.exceptions;
        slot.tx = r.tx;
        slot.runningTimeUs = r.runningTimeUs;
        slot.durations = board.durations(slot.id - 1);
        slot.requestStartedAtMs = r.state === 'busy' ? r.startedAtMs : 0;
        if (slot.child && slot.state !== 'stopping' && r.pid === slot.pid) {
          slot.deltaRequests = r.deltaRequests;
          slot.state = r.state === 'busy' ? 'busy' : 'idle';
        }
      }
      return { malformed };
    },
    cores: () => slots.map((slot) => board.cores(slot.id - 1, bank(slot))),
    async start() {
      await keeper.start();
      if (config.harakiriMs) {
        ticker = setInterval(checkHarakiri, Math.max(1, config.harakiriMs / HARAKIRI_CHECKS_PER_PERIOD));
        ticker.unref();
      }
    },
    reload: () => keeper.reload(),
    async stop(timeoutMs) {
      await keeper.stop(timeoutMs);
      if (ticker) clearInterval(ticker);
    },
    shutdown() {
      if (ticker) clearInterval(ticker);
      keeper.shutdown();
    },
  };
}
