import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CaplabError } from '../../../src/errors.js';
import { readStats } from '../../../src/pool/index.js';

/** A stand-in for uWSGI's --stats socket: writes `chunks` a little apart, then closes, whatever the client does (readStats half-closes at once). */
async function fakeStatsServer(chunks: readonly string[]): Promise<net.Server> {
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('error', () => undefined);
    let i = 0;
    const next = (): void => {
      if (i < chunks.length) socket.write(chunks[i++]!, () => setTimeout(next, 10));
      else socket.end();
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function failure(promise: Promise<unknown>): Promise<CaplabError> {
  const err = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CaplabError);
  expect((err as CaplabError).code).toBe('E_POOL_STATS');
  return err as CaplabError;
}

const UWSGI_DOC = JSON.stringify({
  version: '2.0.21-debian',
  listen_queue: 1,
  listen_queue_errors: 0,
  load: 2,
  pid: 500,
  sockets: [{ name: '127.0.0.1:9001', proto: 'uwsgi', queue: 1, max_queue: 4, shared: 0, can_offload: 0 }],
  workers: [
    { id: 1, pid: 501, accepting: 1, requests: 7, delta_requests: 7, exceptions: 0, harakiri_count: 0, status: 'busy', rss: 0, vsz: 0, running_time: 10, last_spawn: 1, respawn_count: 1, tx: 100, avg_rt: 5, cores: [] },
    { id: 2, pid: 502, accepting: 1, requests: 6, delta_requests: 6, exceptions: 0, harakiri_count: 0, status: 'busy', rss: 0, vsz: 0, running_time: 10, last_spawn: 1, respawn_count: 1, tx: 100, avg_rt: 5, cores: [] },
  ],
});

describe('readStats', () => {
  it("reads a uWSGI-style document that arrives in pieces, until the server closes", async () => {
    const server = await fakeStatsServer([UWSGI_DOC.slice(0, 50), UWSGI_DOC.slice(50, 200), UWSGI_DOC.slice(200)]);
    servers.push(server);
    const stats = await readStats('127.0.0.1', (server.address() as net.AddressInfo).port);
    expect(stats).toMatchObject({ version: '2.0.21-debian', listen_queue: 1, load: 2 });
    expect(stats.workers.map((w) => [w.id, w.status])).toEqual([
      [1, 'busy'],
      [2, 'busy'],
    ]);
  });

  it('reads a server that ends the connection when its peer half-closes, with halfClose: false', async () => {
    const server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      setTimeout(() => socket.end(UWSGI_DOC), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const port = (server.address() as net.AddressInfo).port;
    expect((await readStats('127.0.0.1', port, 2_000, { halfClose: false })).pid).toBe(500);
  });

  it('rejects with E_POOL_STATS when nothing listens, the document is not JSON, or it never ends', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await failure(readStats('127.0.0.1', port))).message).toContain(`pool stats at 127.0.0.1:${port}`);

    const garbage = await fakeStatsServer(['<html>nope</html>']);
    servers.push(garbage);
    expect((await failure(readStats('127.0.0.1', (garbage.address() as net.AddressInfo).port))).message).toMatch(/not JSON/);

    const silent = net.createServer({ allowHalfOpen: true }, () => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    servers.push(silent);
    const started = performance.now();
    expect((await failure(readStats('127.0.0.1', (silent.address() as net.AddressInfo).port, 150))).message).toMatch(/within 150 ms/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
