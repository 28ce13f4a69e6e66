import type { Socket } from 'node:net';

/** How long a connection may stay open after the response, waiting for the client to close. */
export const LINGER_MS = 1_000;

/** Responses up to this size are copied into one buffer and written at once. */
const SINGLE_WRITE_BYTES = 16 * 1024;

/** How a response write ended: `delivered` once every byte was handed to the kernel. */
export interface Finished {
  readonly bytes: number;
  readonly delivered: boolean;
}

/**
 * Writes `buffers`, closes the write side and resolves once the bytes have
 * been handed to the kernel (`delivered`), or the connection failed, or
 * `timeoutMs` passed without progress (then it is destroyed); `bytes` is
 * what was written.
 * Whatever the client still sends is read and discarded, so closing never
 * turns into a reset that would throw the response away; the socket is
 * destroyed LINGER_MS after the response if the client has not closed by
 * then. Never rejects.
 */
export function finishConnection(socket: Socket, buffers: readonly Buffer[], timeoutMs: number): Promise<Finished> {
  const total = buffers.reduce((sum, b) => sum + b.length, 0);
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return Promise.resolve({ bytes: 0, delivered: false });
  }
  const startBytes = socket.bytesWritten;
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  socket.resume();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      socket.setTimeout(0);
      const linger = setTimeout(() => socket.destroy(), LINGER_MS);
      linger.unref();
      socket.once('close', () => clearTimeout(linger));
      resolve({ bytes: ok ? total : Math.max(0, socket.bytesWritten - startBytes), delivered: ok });
    };
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      settle(false);
    });
    socket.once('finish', () => settle(true));
    socket.once('close', () => settle(false));
    // One write of one buffer where the response is small (the common case):
    // a single send(2) with the FIN right after, as a C server would do.
    if (buffers.length === 1 || total <= SINGLE_WRITE_BYTES) {
      socket.end(buffers.length === 1 ? buffers[0] : Buffer.concat(buffers as Buffer[], total));
    } else {
      socket.cork();
      for (const buffer of buffers) socket.write(buffer);
      socket.end();
      socket.uncork();
    }
  });
}
