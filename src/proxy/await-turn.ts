import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Per client connection, the pipelined requests waiting for their turn, told when the connection closes. */
const waiting = new WeakMap<Socket, Set<() => void>>();

function onConnectionClose(this: Socket): void {
  const waiters = waiting.get(this);
  waiting.delete(this);
  for (const wake of waiters ?? []) wake();
}

/**
 * Resolves true once `res` holds its client connection, that is once every
 * response pipelined before it on the same connection has been sent; false
 * if the connection closes first. nginx reads a pipelined request only after
 * answering the one before, so a client connection never has more than one
 * request upstream; Node parses pipelined requests at once and queues their
 * responses in order, each with `res.socket` null until its turn, when
 * `ServerResponse.assignSocket` emits 'socket' (lib/_http_server.js). A
 * queued response is never told that its connection closed, hence the one
 * 'close' listener per waiting connection.
 */
export function awaitTurn(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (res.socket) return Promise.resolve(!res.socket.destroyed);
  const connection = req.socket;
  if (connection.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    let waiters = waiting.get(connection);
    if (!waiters) {
      waiters = new Set();
      waiting.set(connection, waiters);
      connection.once('close', onConnectionClose);
    }
    const set = waiters;
    const onClose = (): void => {
      res.off('socket', onSocket);
      resolve(false);
    };
    const onSocket = (): void => {
      set.delete(onClose);
      if (set.size === 0 && waiting.get(connection) === set) {
        waiting.delete(connection);
        connection.off('close', onConnectionClose);
      }
      resolve(true);
    };
    set.add(onClose);
    res.once('socket', onSocket);
  });
}
