import net from 'node:net';

/** Resolves true if a connection (TCP to host:port, or to a unix socket's path) succeeds within `timeoutMs`. */
function canReach(to: net.NetConnectOpts, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(to);
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Resolves true if a TCP connection to host:port succeeds within `timeoutMs`. */
export const canConnect = (host: string, port: number, timeoutMs = 500): Promise<boolean> => canReach({ host, port }, timeoutMs);

/** Resolves true if a connection to the unix socket `path` succeeds within `timeoutMs`. */
export const canConnectPath = (path: string, timeoutMs = 500): Promise<boolean> => canReach({ path }, timeoutMs);

/**
 * Polls until every port (and every unix socket of `paths`) accepts a
 * connection and `owned()` is true (the keeper checks that the TCP sockets
 * are its program's; a unix socket lives in the program's own fresh folder). Resolves 'ready', or
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
  paths: readonly string[] = [],
): Promise<'ready' | 'timeout' | 'aborted'> {
  const end = Date.now() + timeoutMs;
  const pending = new Set(ports);
  const pendingPaths = new Set(paths);
  for (;;) {
    if (aborted()) return 'aborted';
    for (const port of [...pending]) {
      if (await canConnect(host, port)) pending.delete(port);
    }
    for (const p of [...pendingPaths]) {
      if (await canConnectPath(p)) pendingPaths.delete(p);
    }
    if (pending.size === 0 && pendingPaths.size === 0 && owned()) return aborted() ? 'aborted' : 'ready';
    if (Date.now() >= end) return 'timeout';
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
