import { wallClockMs } from '../../config/index.js';
import type { WorkerConfig } from '../messages.js';
import type { PoolNative } from '../native/load-native.js';
import type { PoolConfig } from '../pool-options.js';
import { Scoreboard, type CoreReading } from '../scoreboard.js';
import { keepWorkers } from './keep-workers.js';
import { readProcessMemory, RSS_CHECK_MS } from './read-process-memory.js';
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
 * cores, each with its own scoreboard record.
 */
export function createKernelDispatcher(config: PoolConfig, native: PoolNative, listen: { fd: number; address: string; port: number }): KernelDispatcher {
  const listenFd = listen.fd;
  const slots = Array.from({ length: config.workers }, (_, i) => new WorkerSlot(i + 1));
  const bytes = Scoreboard.bytes(config.workers, config.threads);
  const shared = native.createShared(bytes);
  const board = new Scoreboard(shared.buffer, config.threads);
  let ticker: NodeJS.Timeout | undefined;
  let rssTicker: NodeJS.Timeout | undefined;

  const workerConfig = (id: number): WorkerConfig => ({
    ...commonWorkerConfig(config, id),
    queue: 'kernel',
    maxRequests: config.maxRequests,
    threads: config.threads,
    scoreboardBytes: bytes,
    local: { address: listen.address, port: listen.port },
  });

  const keeper = keepWorkers(slots, {
    start: async (slot) => (await spawnWorker(workerConfig(slot.id), [listenFd, shared.fd])).child,
    vacated: (slot) => board.vacate(slot.id - 1),
    retire(slot, child) {
      slot.state = 'stopping';
      child.kill('SIGTERM');
    },
  });

  function checkRss(): void {
    const limit = config.reloadOnRssMb! * 1024 * 1024;
    for (const slot of slots) {
      if (!slot.child || slot.state === 'stopping' || slot.state === 'starting') continue;
      if (readProcessMemory(slot.pid).rss > limit) {
        slot.state = 'stopping';
        slot.child.kill('SIGTERM');
      }
    }
  }

  function checkHarakiri(): void {
    const now = wallClockMs();
    for (const slot of slots) {
      if (!slot.child) continue;
      const r = board.read(slot.id - 1);
      if (r.state !== 'busy' || r.pid !== slot.pid || r.seq === slot.harakiriSeq) continue;
      if (now - r.startedAtMs > config.harakiriMs!) {
        slot.harakiriSeq = r.seq;
        slot.harakiriCount += 1;
        slot.state = 'stopping';
        slot.child.kill('SIGKILL');
      }
    }
  }

  return {
    slots,
    sync() {
      let malformed = 0;
      for (const slot of slots) {
        const r = board.read(slot.id - 1);
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
    cores: () => slots.map((slot) => board.cores(slot.id - 1)),
    async start() {
      await keeper.start();
      if (config.harakiriMs) {
        ticker = setInterval(checkHarakiri, Math.max(1, config.harakiriMs / HARAKIRI_CHECKS_PER_PERIOD));
        ticker.unref();
      }
      if (config.reloadOnRssMb !== undefined) {
        rssTicker = setInterval(checkRss, RSS_CHECK_MS);
        rssTicker.unref();
      }
    },
    reload: () => keeper.reload(),
    async stop(timeoutMs) {
      if (rssTicker) clearInterval(rssTicker);
      await keeper.stop(timeoutMs);
      if (ticker) clearInterval(ticker);
    },
    shutdown() {
      if (ticker) clearInterval(ticker);
      if (rssTicker) clearInterval(rssTicker);
      keeper.shutdown();
    },
  };
}
