import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One request as the in-test server saw it. */
export interface Arrival {
  readonly method: string;
  readonly path: string;
  readonly atWall: number;
  readonly remotePort: number;
  readonly body: string;
}

export interface TestServer {
  readonly baseUrl: string;
  readonly arrivals: Arrival[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server for the load tests, on port 0. Routes:
 * `/hold?n=N` answers once N such requests have arrived (or after 2 s);
 * `/sleep?ms=N` answers after N ms without blocking; `/hang` never answers;
 * `/bare` answers without timing headers; anything else answers at once.
 * Answers carry X-Caplab-Worker: 7, X-Caplab-Queue-Ms: 10, X-Caplab-Service-Ms: 20 (wall ms).
 */
export async function startTestServer(): Promise<TestServer> {
  const arrivals: Arrival[] = [];
  const held: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      arrivals.push({ method: req.method ?? '', path: req.url ?? '', atWall: performance.now(), remotePort: req.socket.remotePort ?? 0, body: Buffer.concat(chunks).toString() });
      const answer = (): void => {
        if (url.pathname !== '/bare') {
          res.setHeader('X-Caplab-Worker', '7');
          res.setHeader('X-Caplab-Queue-Ms', '10');
          res.setHeader('X-Caplab-Service-Ms', '20');
        }
        res.end(`ok ${url.pathname}\n`);
      };
      if (url.pathname === '/hang') return;
      if (url.pathname === '/sleep') {
        setTimeout(answer, Number(url.searchParams.get('ms') ?? 0));
        return;
      }
      if (url.pathname === '/hold') {
        held.push(answer);
        const n = Number(url.searchParams.get('n') ?? 1);
        if (held.length >= n) held.splice(0).forEach((f) => f());
        else setTimeout(() => held.splice(0).forEach((f) => f()), 2000).unref();
        return;
      }
      answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    arrivals,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
