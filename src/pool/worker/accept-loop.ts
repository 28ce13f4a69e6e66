import net from 'node:net';
import { wallClockMs } from '../../config/index.js';
import { KERNEL_FDS } from '../messages.js';
import type { PoolNative } from '../native/load-native.js';
import { Scoreboard } from '../scoreboard.js';
import { serveConnection, type ConnectionOutcome, type ServeContext } from './serve-connection.js';

/** What one accepting core (a worker process, or one of its threads) needs beyond its serving context. */
export interface AcceptLoopOptions {
  readonly native: PoolNative;
  /** 0-based scoreboard slot (the worker id minus one). */
  readonly slot: number;
  /** 0-based core within the process (the thread; 0 for a single-threaded worker). */
  readonly core: number;
  /** The slot's scoreboard bank this process writes (see scoreboard.ts BANKS). */
  readonly bank: number;
  /** Cores per slot, for the scoreboard's layout. */
  readonly threads: number;
  readonly scoreboardBytes: number;
  /** Called after each connection the app answered; false stops the loop (max-requests reached). */
  readonly served: () => boolean;
}

/** A running accept loop. */
export interface AcceptLoop {
  /** Stops accepting; the connection being served (if any) is finished first. Idempotent. */
  stop(): void;
  /** Resolves once the loop has stopped (by `stop()` or `served()`) and its last connection has closed. */
  readonly drained: Promise<void>;
}

/**
 * Serves connections the way a uWSGI worker (or one of its threads) does:
 * while idle, wait on the listening socket shared with the master and
 * accept exactly one connection; serve it; only then accept again. A busy
 * core, even one awaiting an async handler, takes no second connection, so
 * waiting connections stay in the kernel's accept queue (FIFO) until some
 * core is free. State and counters go to the core's scoreboard record;
 * nothing is sent to the master. Once stopped, it accepts nothing more,
 * lets its last connection close (the response is never cut short) and
 * resolves `drained`; connections still queued are left to the other
 * workers, so stopping one refuses nothing.
 */
export function runAcceptLoop(ctx: ServeContext, options: AcceptLoopOptions): AcceptLoop {
  const board = new Scoreboard(options.native.mapShared(KERNEL_FDS.scoreboard, options.scoreboardBytes), options.threads);
  const { slot } = options;
  const core = Scoreboard.record(options.bank, options.core, options.threads);
  let stopping = false;
  let serving: net.Socket | null = null;
  let resolveDrained!: () => void;
  const drained = new Promise<void>((resolve) => (resolveDrained = resolve));
  const fail = (err: unknown): never => {
    process.stderr.write(`caplab worker ${ctx.worker}: cannot accept: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  };
  // Take the next waiting connection at once if there is one (no epoll
  // round trip under load), else wait for one.
  const next = (): void => {
    if (stopping) return;
    let fd: number;
    try {
      fd = options.native.tryAccept(KERNEL_FDS.listen);
    } catch (err) {
      fail(err);
    }
    if (fd! >= 0) serve(fd!);
    else acceptor.resume();
  };
  const acceptor = options.native.createAcceptor(KERNEL_FDS.listen, (err, fd) => {
    if (err || fd === undefined) fail(err ?? 'no descriptor');
    else serve(fd);
  });
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    acceptor.close();
    if (!serving) resolveDrained();
  };
  const serve = (fd: number): void => {
    const acceptedAtMs = wallClockMs();
    board.begin(slot, core, acceptedAtMs);
    const socket = new net.Socket({ fd, readable: true, writable: true });
    serving = socket;
    void serveConnection(socket, acceptedAtMs, ctx)
      .catch((error: unknown): ConnectionOutcome => {
        process.stderr.write(`caplab worker ${ctx.worker}: serving a connection failed: ${String(error)}\n`);
        socket.destroy();
        return { outcome: 'dropped', bytes: 0 };
      })
      .then((outcome) => {
        board.end(slot, core, outcome, wallClockMs() - acceptedAtMs);
        if (outcome.outcome === 'served' && !options.served()) stop();
        if (!stopping) {
          serving = null;
          next();
          return;
        }
        // Stopping: end without cutting the response short, once the client has closed.
        const done = (): void => {
          serving = null;
          resolveDrained();
        };
        if (socket.closed) done();
        else socket.once('close', done);
      });
  };
  board.attach(slot, core, process.pid);
  next();
  return { stop, drained };
}
