import type net from 'node:net';

/** Why a server could not listen: the port is taken, or something else. */
export class ListenError extends Error {
  constructor(
    readonly code: 'E_PORT_IN_USE' | 'E_STACK_START',
    message: string,
  ) {
    super(message);
    this.name = 'ListenError';
  }
}

/**
 * The ListenError for a failed listen on `where` ('host:port' or a socket
 * path): E_PORT_IN_USE when a TCP port is taken, E_STACK_START otherwise.
 * The one mapping for every way the pool listens (Node's net.Server or the
 * native addon).
 */
export function listenFailure(err: NodeJS.ErrnoException, where: string, tcp: boolean): ListenError {
  return err.code === 'EADDRINUSE' && tcp
    ? new ListenError('E_PORT_IN_USE', `port ${where} is already in use`)
    : new ListenError('E_STACK_START', `cannot listen on ${where}: ${err.message}`);
}

/**
 * Binds `server` to the unix socket `file` with `backlog`; rejects with
 * ListenError E_STACK_START when it cannot (the file exists, say).
 */
export function listenUnix(server: net.Server, file: string, backlog: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => reject(listenFailure(err, file, false));
    server.once('error', onError);
    server.listen({ path: file, backlog, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Binds `server` to `host:port` and resolves with the bound port (never 0).
 * Rejects with ListenError E_PORT_IN_USE ('port HOST:PORT is already in
 * use') when the port is taken, E_STACK_START for any other failure.
 */
export function listenTcp(server: net.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => reject(listenFailure(err, `${host}:${port}`, true));
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}
