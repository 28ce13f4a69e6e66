import net from 'node:net';

/**
 * A port that was free on `host` a moment ago: binds port 0, reads the port
 * the kernel chose, closes. Another process may take it before the real
 * program binds it; the starters retry once on E_PORT_IN_USE for that reason.
 */
export function pickFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error(`no port assigned on ${host}`))));
    });
  });
}
