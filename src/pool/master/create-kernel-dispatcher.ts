import { wallClockMs } from '../../config/index.js';
import type { WorkerConfig } from '../messages.js';
import type { PoolNative } from '../native/load-native.js';
import type { PoolConfig } from '../pool-options.js';
import { Scoreboard } from '../scoreboard.js';
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
  /** Starts every worker; resolves when all are ready, rejects with the first ChildStartError. */
  start(): Promise<void>;
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
 * for the other workers.
 */
export function createKernelDispatcher(config: PoolConfig, native: PoolNative, listen: { fd: number; address: string; port: number }): KernelDispatcher {
  const listenFd = listen.fd;
  const slots = Array.from({ length: config.workers }, (_, i) => new WorkerSlot(i + 1));
  const bytes = Scoreboard.bytes(config.workers);
  const shared = native.createShared(bytes);
  const board = new Scoreboard(shared.buffer);
  let ticker: NodeJS.Timeout | undefined;

  const workerConfig = (id: number): WorkerConfig => ({
    ...commonWorkerConfig(config, id),
    queue: 'kernel',
    maxRequests: config.maxRequests,
    scoreboardBytes: bytes,
    local: { address: listen.address, port: listen.port },
  });

  const keeper = keepWorkers(slots, {
    start: async (slot) => (await spawnWorker(workerConfig(slot.id), [listenFd, shared.fd])).child,
    vacated: (slot) => board.vacate(slot.id - 1),
  });

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
    async start() {
      await keeper.start();
      if (config.harakiriMs) {
        ticker = setInterval(checkHarakiri, Math.max(1, config.harakiriMs / HARAKIRI_CHECKS_PER_PERIOD));
        ticker.unref();
      }
    },
    shutdown() {
      if (ticker) clearInterval(ticker);
      keeper.shutdown();
    },
  };
}
