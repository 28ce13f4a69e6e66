import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CaplabError } from '../../../src/errors.js';
import { startProxy, type RunningProxy } from '../../../src/proxy/index.js';
import { fakeUwsgi, type FakeUpstream } from './helpers/fake-upstreams.js';
import { alive, firstLine, waitFor } from '../../helpers/processes.js';
import { rawRequest } from './helpers/raw-http.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/orphan-proxy.mjs');
const upstreamOptions = { host: '127.0.0.1', port: 9, protocol: 'uwsgi' } as const;

let proxy: RunningProxy | undefined;
let upstream: FakeUpstream | undefined;
const strays: number[] = [];

afterEach(async () => {
  await proxy?.stop();
  await upstream?.close();
  proxy = undefined;
  upstream = undefined;
  for (const pid of strays.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

async function rejection(promise: Promise<unknown>): Promise<CaplabError> {
  const err = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CaplabError);
  return err as CaplabError;
}

describe('proxy process lifecycle', () => {
  it('runs as its own process, reports its address, and stop() ends it', async () => {
    proxy = await startProxy({ upstream: upstreamOptions });
    expect(proxy.pid).not.toBe(process.pid);
    expect(proxy.host).toBe('127.0.0.1');
    expect(proxy.port).toBeGreaterThan(0);
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(alive(proxy.pid)).toBe(true);
    const pid = proxy.pid;
    await Promise.all([proxy.stop(), proxy.stop()]);
    expect(await waitFor(() => !alive(pid), 5_000)).toBe(true);
  });

  it('dies when its parent is killed with SIGKILL', async () => {
    upstream = await fakeUwsgi(({ socket }) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    const parent = spawn(process.execPath, [FIXTURE, String(upstream.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    strays.push(parent.pid!);
    const line = await firstLine(parent);
    const { pid, url } = JSON.parse(line) as { pid: number; url: string };
    strays.push(pid);
    const res = await fetch(`${url}/alive`);
    expect(await res.text()).toBe('ok');

    const parentGone = new Promise((resolve) => parent.once('exit', resolve));
    process.kill(parent.pid!, 'SIGKILL');
    await parentGone;
    expect(await waitFor(() => !alive(pid), 10_000), `proxy ${pid} outlived its parent`).toBe(true);
  });

  it('rejects with E_PORT_IN_USE when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const err = await rejection(startProxy({ port, upstream: upstreamOptions }));
      expect(err.code).toBe('E_PORT_IN_USE');
      expect(err.message).toBe(`port 127.0.0.1:${port} is already in use`);
      expect(err.exitCode).toBe(2);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a non-loopback address before starting anything', async () => {
    const err = await rejection(startProxy({ host: '0.0.0.0', upstream: upstreamOptions }));
    expect(err.code).toBe('E_NOT_LOOPBACK');
  });

  it('rejects with E_USAGE when the static directory or the access log cannot be used', async () => {
    const noDir = await rejection(startProxy({ upstream: upstreamOptions, staticDir: '/nonexistent/caplab-static' }));
    expect(noDir.code).toBe('E_USAGE');
    expect(noDir.message).toContain('/nonexistent/caplab-static');
    const noLog = await rejection(startProxy({ upstream: upstreamOptions, accessLog: '/nonexistent/dir/access.jsonl' }));
    expect(noLog.code).toBe('E_USAGE');
  });

  it('answers malformed client requests with 400 and keeps running', async () => {
    upstream = await fakeUwsgi(({ socket }) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    proxy = await startProxy({ upstream: { ...upstreamOptions, port: upstream.port } });
    for (const junk of ['GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nBad Header\r\n\r\n', 'GET /a%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']) {
      const res = await rawRequest(proxy.port, junk);
      expect(res.status, JSON.stringify(junk)).toBe(400);
    }
    const big = await rawRequest(proxy.port, `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`);
    expect(big.status).toBe(413);
    const ok = await rawRequest(proxy.port, 'GET /fine HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(ok.status).toBe(200);
    expect(alive(proxy.pid)).toBe(true);
  });
});
