import { closeSync, rmSync } from 'node:fs';
import net from 'node:net';
import type { PoolConfig } from '../pool-options.js';
import type { PoolStats } from '../stats-types.js';
import { loadNative, type PoolNative } from '../native/load-native.js';
import { buildStats } from './build-stats.js';
import { createDispatcher } from './create-dispatcher.js';
import { createKernelDispatcher } from './create-kernel-dispatcher.js';
import { listenFailure, listenTcp, listenUnix } from './listen-tcp.js';
import { readProcessMemory } from '../../process/index.js';
import { withCores } from './core-stats.js';
import { wallClockMs } from '../../config/index.js';
import type { CoreReading } from '../scoreboard.js';
import { createPoolMetrics } from '../metrics/pool-metrics.js';
import { serveStatsConnection } from '../metrics/serve-stats-connection.js';

/** Where a started master listens, its first workers, and the queue mode it runs in. */
export interface MasterAddress {
  readonly host: string;
  /** 0 when the pool listens on a unix socket. */
  readonly port: number;
  /** The unix socket the pool listens on, when it does. */
  readonly socketPath?: string;
  readonly statsPort: number;
  readonly workerPids: readonly number[];
  readonly queue: PoolConfig['queue'];
  /** Why 'kernel' was asked for but 'master' runs (the native addon could not load). */
  readonly queueFallback?: string;
}

/** The pool master living in the current process. */
export interface Master {
  /**
   * Binds the request socket and the stats server, then starts every
   * worker. Rejects with ListenError (E_PORT_IN_USE…) or ChildStartError
   * (E_APP_LOAD…); the caller then calls `shutdown()`.
   */
  start(): Promise<MasterAddress>;
  /** The current stats document. */
  stats(): PoolStats;
  /**
   * Replaces the workers one after another (SIGHUP; uWSGI's chain reload):
   * each is told to stop accepting, finishes what it serves and exits, and
   * the next is retired only once its replacement is ready. Resolves with the
   * reload's wall-clock start and end and the pids before and after; a
   * reload asked for while one runs joins it.
   */
  reload(): Promise<ReloadReport>;
  /**
   * Stops gracefully (SIGTERM): accepts nothing more, lets every worker
   * finish what it serves, SIGKILLs those still busy after
   * `config.stopTimeoutMs`, then `shutdown()`.
   */
  stop(): Promise<void>;
  /** SIGKILLs every worker, closes the sockets and drops queued connections. Synchronous, idempotent, safe at any time. */
  shutdown(): void;
}

/** What a reload did: epoch ms at its start and end, and the worker pids before and after, in slot order. */
export interface ReloadReport {
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly pidsBefore: readonly number[];
  readonly pidsAfter: readonly number[];
}

/** The scheduling half of a master, whichever queue mode it runs. */
interface Core {
  start(): Promise<{ host: string; port: number; workerPids: readonly number[] }>;
  queue(): { depth: number; max: number; refused: number; malformed: number };
  slots: Parameters<typeof buildStats>[0]['slots'];
  /** Each slot's cores ('kernel' mode; empty otherwise). */
  cores(): readonly (readonly CoreReading[])[];
  reload(): Promise<void>;
  stop(timeoutMs: number): Promise<void>;
  shutdown(): void;
}

/**
 * Creates the pool master: the request socket, the stats server (one JSON
 * document per plain connection, then close, like uWSGI's `--stats`; HTTP
 * `GET /metrics` for Prometheus and `GET /` on the same port, see
 * serveStatsConnection), and the
 * workers. In 'kernel' queue mode (when the native addon loads) the master
 * binds the socket with backlog `listen` and never accepts: idle workers
 * accept for themselves and the queue is the kernel's, read with TCP_INFO
 * (sock_diag on a unix socket, `socketPath`).
 * In 'master' mode it accepts every connection (`pauseOnConnect`, never
 * reading it), keeps the FIFO listen queue and hands each connection to a
 * worker. Nothing happens until `start()`.
 */
export function createMaster(config: PoolConfig): Master {
  const statsServer = net.createServer({ allowHalfOpen: true });
  const load = config.queue === 'kernel' ? loadNative() : undefined;
  const core = load?.native ? kernelCore(config, load.native) : masterCore(config);
  let socketName = config.socketPath ?? `${config.host}:${config.port}`;
  let closed = false;

  const stats = (): PoolStats => {
    const q = core.queue();
    const built = buildStats({
      pid: process.pid,
      socket: { name: socketName, proto: config.protocol, queue: q.depth, maxQueue: q.max },
      refused: q.refused,
      malformed: q.malformed,
      slots: core.slots,
      memory: readProcessMemory,
    });
    return withCores(built, core.cores());
  };
  let reloading: Promise<ReloadReport> | undefined;
  const shutdown = (): void => {
    if (closed) return;
    closed = true;
    core.shutdown();
    statsServer.close();
  };

  const metrics = createPoolMetrics(async () => stats());
  statsServer.on('connection', (socket) =>
    serveStatsConnection(socket, {
      json: () => JSON.stringify(stats()),
      metrics: async () => ({ contentType: metrics.contentType, body: await metrics.render() }),
    }),
  );

  return {
    async start() {
      if (!load?.native && config.threads > 1) {
        throw new Error(`threads ${config.threads} need the kernel queue, which this pool cannot run: ${load?.reason ?? 'queue master'}`);
      }
      const { host, port, workerPids } = await core.start();
      socketName = config.socketPath ?? `${host}:${port}`;
      const statsPort = await listenTcp(statsServer, config.host, config.statsPort);
      return {
        host,
        port,
        ...(config.socketPath !== undefined ? { socketPath: config.socketPath } : {}),
        statsPort,
        workerPids,
        queue: load?.native ? 'kernel' : 'master',
        ...(load?.reason ? { queueFallback: load.reason } : {}),
      };
    },
    stats,
    reload() {
      reloading ??= (async () => {
        const pidsBefore = core.slots.map((slot) => slot.pid);
        const startedAtMs = wallClockMs();
        await core.reload();
        return { startedAtMs, endedAtMs: wallClockMs(), pidsBefore, pidsAfter: core.slots.map((slot) => slot.pid) };
      })().finally(() => (reloading = undefined));
      return reloading;
    },
    async stop() {
      if (closed) return;
      await core.stop(config.stopTimeoutMs);
      shutdown();
    },
    shutdown,
  };
}

function masterCore(config: PoolConfig): Core {
  const server = net.createServer({ pauseOnConnect: true });
  let name = config.socketPath ?? `${config.host}:${config.port}`;
  const dispatcher = createDispatcher(config, () => name);
  server.on('connection', (socket) => dispatcher.accept(socket));
  return {
    async start() {
      let port = 0;
      if (config.socketPath !== undefined) await listenUnix(server, config.socketPath, config.listen);
      else {
        port = await listenTcp(server, config.host, config.port);
        name = `${config.host}:${port}`;
      }
      await dispatcher.start();
      return { host: config.host, port, workerPids: dispatcher.slots.map((slot) => slot.pid) };
    },
    queue: () => ({ depth: dispatcher.queue.length, max: config.listen, refused: dispatcher.counters.refused, malformed: dispatcher.counters.malformed }),
    slots: dispatcher.slots,
    cores: () => [],
    reload: () => dispatcher.reload(),
    async stop(timeoutMs) {
      server.close();
      await dispatcher.stop(timeoutMs);
    },
    shutdown() {
      dispatcher.shutdown();
      server.close();
    },
  };
}

function kernelCore(config: PoolConfig, native: PoolNative): Core {
  const host = config.host === 'localhost' ? '127.0.0.1' : config.host;
  let fd = -1;
  let dispatcher: ReturnType<typeof createKernelDispatcher> | undefined;
  return {
    async start() {
      let bound;
      const where = config.socketPath ?? `${config.host}:${config.port}`;
      try {
        bound = config.socketPath !== undefined ? { ...native.listenUnix(config.socketPath, config.listen), port: 0 } : native.listen(host, config.port, config.listen);
      } catch (err) {
        throw listenFailure(err as NodeJS.ErrnoException, where, config.socketPath === undefined);
      }
      fd = bound.fd;
      dispatcher = createKernelDispatcher(config, native, { fd, address: host, port: bound.port });
      await dispatcher.start();
      return { host: config.host, port: bound.port, workerPids: dispatcher.slots.map((slot) => slot.pid) };
    },
    queue() {
      const { malformed } = dispatcher?.sync() ?? { malformed: 0 };
      const unix = config.socketPath !== undefined;
      const info = fd < 0 ? { queue: 0, backlog: config.listen } : unix ? native.unixQueueInfo(fd) : native.queueInfo(fd);
      return { depth: info.queue, max: info.backlog, refused: 0, malformed };
    },
    get slots() {
      return dispatcher?.slots ?? [];
    },
    cores: () => dispatcher?.cores() ?? [],
    reload: async () => dispatcher?.reload(),
    stop: async (timeoutMs) => dispatcher?.stop(timeoutMs),
    shutdown() {
      dispatcher?.shutdown();
      if (fd >= 0) closeSync(fd);
      if (fd >= 0 && config.socketPath !== undefined) rmSync(config.socketPath, { force: true });
      fd = -1;
    },
  };
}
