import net from 'node:net';
import { wallClockMs } from '../../config/index.js';
import { KERNEL_FDS } from '../messages.js';
import type { PoolNative } from '../native/load-native.js';
import { Scoreboard } from '../scoreboard.js';
import { serveConnection, type ConnectionOutcome, type ServeContext } from './serve-connection.js';

/** What a kernel-mode worker needs beyond its serving context. */
export interface AcceptLoopOptions {
  readonly native: PoolNative;
  /** 0-based scoreboard slot (the worker id minus one). */
  readonly slot: number;
  readonly scoreboardBytes: number;
  /** Exit after this many requests, 0 = never. */
  readonly maxRequests: number;
}

/**
 * Serves connections the way a uWSGI worker does: while idle, wait on the
 * listening socket shared with the master and accept exactly one
 * connection; serve it; only then accept again. A busy worker, even one
 * awaiting an async handler, takes no second connection, so waiting
 * connections stay in the kernel's accept queue (FIFO) until some worker
 * is free. State and counters go to the scoreboard; nothing is sent to the
 * master. After `maxRequests` the worker lets its last connection close and
 * exits 0, and the master respawns the slot.
 */
export function runAcceptLoop(ctx: ServeContext, options: AcceptLoopOptions): void {
  const board = new Scoreboard(options.native.mapShared(KERNEL_FDS.scoreboard, options.scoreboardBytes));
  let served = 0;
  const fail = (err: unknown): never => {
    process.stderr.write(`caplab worker ${ctx.worker}: cannot accept: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  };
  // Take the next waiting connection at once if there is one (no epoll
  // round trip under load), else wait for one.
  const next = (): void => {
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
  const serve = (fd: number): void => {
    const acceptedAtMs = wallClockMs();
    board.begin(options.slot, acceptedAtMs);
    const socket = new net.Socket({ fd, readable: true, writable: true });
    void serveConnection(socket, acceptedAtMs, ctx)
      .catch((error: unknown): ConnectionOutcome => {
        process.stderr.write(`caplab worker ${ctx.worker}: serving a connection failed: ${String(error)}\n`);
        socket.destroy();
        return { outcome: 'dropped', bytes: 0 };
      })
      .then((outcome) => {
        board.end(options.slot, outcome, wallClockMs() - acceptedAtMs);
        if (options.maxRequests > 0 && ++served >= options.maxRequests) {
          // Recycle without cutting the response short: exit once the client has closed.
          if (socket.closed) process.exit(0);
          else socket.once('close', () => process.exit(0));
        } else {
          next();
        }
      });
  };
  board.attach(options.slot, process.pid);
  next();
}
