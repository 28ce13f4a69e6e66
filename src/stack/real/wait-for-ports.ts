import net from 'node:net';

/** Resolves true if a TCP connection to host:port succeeds within `timeoutMs`. */
export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Polls until every port accepts a connection and `owned()` is true (the
 * keeper checks that the sockets are its program's). Resolves 'ready', or
 * 'timeout' after `timeoutMs`, or 'aborted' as soon as `aborted()` is true
 * (the program exited). Each probe connects and closes without sending.
 */
export async function waitForPorts(
  host: string,
  ports: readonly number[],
  timeoutMs: number,
  aborted: () => boolean,
  owned: () => boolean = () => true,
  pollMs = 50,
): Promise<'ready' | 'timeout' | 'aborted'> {
  const end = Date.now() + timeoutMs;
  const pending = new Set(ports);
  for (;;) {
    if (aborted()) return 'aborted';
    for (const port of [...pending]) {
      if (await canConnect(host, port)) pending.delete(port);
    }
    if (pending.size === 0 && owned()) return aborted() ? 'aborted' : 'ready';
    if (Date.now() >= end) return 'timeout';
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
