import net from 'node:net';
import type { PoolConfig } from '../pool-options.js';
import type { PoolStats } from '../stats-types.js';
import { buildStats } from './build-stats.js';
import { createDispatcher } from './create-dispatcher.js';
import { listenTcp } from './listen-tcp.js';
import { readProcessMemory } from './read-process-memory.js';

/** Where a started master listens, and its first workers. */
export interface MasterAddress {
  readonly host: string;
  readonly port: number;
  readonly statsPort: number;
  readonly workerPids: readonly number[];
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
  /** SIGKILLs every worker, closes both servers and drops queued connections. Synchronous, idempotent, safe at any time. */
  shutdown(): void;
}

/**
 * Creates the pool master: the request socket (`pauseOnConnect`, so the
 * master never reads a request; it hands the untouched connection to a
 * worker), the stats server (one JSON document per connection, then close,
 * like uWSGI's `--stats`), and the dispatcher that owns the workers and the
 * listen queue. Nothing happens until `start()`.
 */
export function createMaster(config: PoolConfig): Master {
  const server = net.createServer({ pauseOnConnect: true });
  const statsServer = net.createServer();
  let socketName = `${config.host}:${config.port}`;
  const dispatcher = createDispatcher(config, () => socketName);
  let closed = false;

  const stats = (): PoolStats =>
    buildStats({
      pid: process.pid,
      socket: { name: socketName, proto: config.protocol, queue: dispatcher.queue.length, maxQueue: config.listen },
      refused: dispatcher.counters.refused,
      malformed: dispatcher.counters.malformed,
      slots: dispatcher.slots,
      memory: readProcessMemory,
    });

  server.on('connection', (socket) => dispatcher.accept(socket));
  statsServer.on('connection', (socket) => {
    socket.on('error', () => undefined);
    socket.end(JSON.stringify(stats()));
  });

  return {
    async start() {
      const port = await listenTcp(server, config.host, config.port);
      socketName = `${config.host}:${port}`;
      const statsPort = await listenTcp(statsServer, config.host, config.statsPort);
      await dispatcher.start();
      return { host: config.host, port, statsPort, workerPids: dispatcher.slots.map((slot) => slot.pid) };
    },
    stats,
    shutdown() {
      if (closed) return;
      closed = true;
      dispatcher.shutdown();
      server.close();
      statsServer.close();
    },
  };
}
