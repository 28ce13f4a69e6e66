import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../../src/proxy/index.js';
import { closedPort, fakeUwsgi, rawUpstream, type FakeUpstream } from './helpers/fake-upstreams.js';

const agent = new Agent();
let proxy: RunningProxy | undefined;
let upstream: FakeUpstream | undefined;

afterEach(async () => {
  await proxy?.stop();
  await upstream?.close();
  proxy = undefined;
  upstream = undefined;
});
afterAll(() => agent.close());

async function proxyTo(port: number, readTimeoutMs?: number): Promise<RunningProxy> {
  proxy = await startProxy({ upstream: { host: '127.0.0.1', port, protocol: 'uwsgi' }, ...(readTimeoutMs ? { readTimeoutMs } : {}) });
  return proxy;
}

async function get(url: string): Promise<{ status: number; type: string | undefined; body: string; ms: number }> {
  const started = performance.now();
  const res = await request(url, { dispatcher: agent });
  const body = await res.body.text();
  return { status: res.statusCode, type: res.headers['content-type'] as string | undefined, body, ms: performance.now() - started };
}

/** A uwsgi upstream that reads the request, then does `then` with the connection. */
function upstreamThat(then: (socket: Socket) => void): Promise<FakeUpstream> {
  return fakeUwsgi(({ socket }) => then(socket));
}

describe('502 Bad Gateway', () => {
  it('when the upstream refuses the connection', async () => {
    const p = await proxyTo(await closedPort());
    const res = await get(`${p.url}/x`);
    expect(res.status).toBe(502);
    expect(res.type).toBe('text/html');
    expect(res.body).toContain('<title>502 Bad Gateway</title>');
  });

  it.each<[string, (socket: Socket) => void]>([
    ['closes before responding', (s) => s.end()],
    ['resets before responding', (s) => s.resetAndDestroy()],
    ['closes in the middle of the header', (s) => s.end('HTTP/1.1 200 OK\r\nContent-Ty')],
    ['sends a malformed status line', (s) => s.end('HTTP/1.1 OK\r\n\r\nbody')],
    ['sends garbage instead of HTTP', (s) => s.write('<html>not a response</html>\r\n\r\n')],
    ['sends a malformed header line', (s) => s.end('HTTP/1.1 200 OK\r\nno-colon-here\r\n\r\n')],
    ['sends conflicting Content-Lengths', (s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab')],
    ['sends a header over the size limit', (s) => s.write(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)],
  ])('when the upstream %s', async (_name, behave) => {
    upstream = await upstreamThat(behave);
    const p = await proxyTo(upstream.port, 10_000);
    const res = await get(`${p.url}/x`);
    expect(res.status).toBe(502);
    expect(res.body).toContain('502 Bad Gateway');
    expect(res.ms, 'answered without waiting for the read timeout').toBeLessThan(8_000);
  });
});

describe('504 Gateway Time-out', () => {
  it('when the upstream stays silent past readTimeoutMs, and the upstream connection is then closed', async () => {
    let closedByProxy: Promise<void> | undefined;
    upstream = await rawUpstream((socket) => {
      closedByProxy = new Promise((resolve) => socket.once('close', () => resolve()));
      socket.resume();
    });
    const p = await proxyTo(upstream.port, 300);
    const res = await get(`${p.url}/slow`);
    expect(res.status).toBe(504);
    expect(res.body).toContain('504 Gateway Time-out');
    expect(res.ms).toBeGreaterThanOrEqual(280);
    expect(res.ms).toBeLessThan(10_000);
    await closedByProxy;
  });

  it('when connecting takes longer than connectTimeoutMs (the upstream listen queue is full)', async () => {
    // A listener with backlog 1 in a stopped process: the kernel queues two
    // connections, then drops further SYNs, so a connect() hangs, just as
    // with a uWSGI whose listen queue is full.
    const listener = spawn(process.execPath, ['-e', "const s=require('net').createServer().listen({port:0,host:'127.0.0.1',backlog:1},()=>console.log(s.address().port))"], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const fillers: Socket[] = [];
    try {
      const port = Number(await new Promise<string>((resolve) => listener.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()))));
      process.kill(listener.pid!, 'SIGSTOP');
      for (let i = 0; i < 4; i++) fillers.push(connect({ host: '127.0.0.1', port }).on('error', () => undefined));
      await new Promise((resolve) => setTimeout(resolve, 100));
      proxy = await startProxy({ upstream: { host: '127.0.0.1', port, protocol: 'uwsgi' }, connectTimeoutMs: 300 });
      const res = await get(`${proxy.url}/queued`);
      expect(res.status).toBe(504);
      expect(res.ms).toBeGreaterThanOrEqual(280);
      expect(res.ms).toBeLessThan(10_000);
    } finally {
      for (const filler of fillers) filler.destroy();
      listener.kill('SIGKILL');
    }
  });

  it('measures the read timeout between two reads, not over the whole response', async () => {
    upstream = await upstreamThat((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n');
      let sent = 0;
      const tick = setInterval(() => {
        sent += 1;
        if (sent < 10) socket.write('.');
        else {
          clearInterval(tick);
          socket.end('!');
        }
      }, 100);
      socket.once('close', () => clearInterval(tick));
    });
    const p = await proxyTo(upstream.port, 600);
    const res = await get(`${p.url}/trickle`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('.........!');
    expect(res.ms, 'longer in total than the read timeout').toBeGreaterThan(600);
  });
});

describe('failures after the header was relayed', () => {
  it('abort the client connection when the upstream dies mid-body', async () => {
    upstream = await upstreamThat((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b');
      setTimeout(() => socket.destroy(), 50);
    });
    const p = await proxyTo(upstream.port);
    const res = await request(`${p.url}/partial`, { dispatcher: agent });
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toThrow();
  });

  it('abort the client connection when the upstream goes silent mid-body', async () => {
    upstream = await upstreamThat((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nstart'));
    const p = await proxyTo(upstream.port, 300);
    const res = await request(`${p.url}/stuck`, { dispatcher: agent });
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toThrow();
  });
});

describe('a client that goes away', () => {
  it('makes the proxy close its upstream connection', async () => {
    let upstreamClosed: Promise<void> | undefined;
    upstream = await rawUpstream((socket) => {
      upstreamClosed = new Promise((resolve) => socket.once('close', () => resolve()));
      socket.resume();
    });
    const p = await proxyTo(upstream.port);
    const aborted = await fetch(`${p.url}/wait`, { signal: AbortSignal.timeout(200) }).catch((err: unknown) => err);
    expect(aborted).toBeInstanceOf(Error);
    await expect.poll(() => upstreamClosed !== undefined).toBe(true);
    await upstreamClosed;
  });
});

describe('resilience', () => {
  it('keeps serving after every kind of upstream failure', async () => {
    let n = 0;
    const behaviours: Array<(s: Socket) => void> = [
      (s) => s.resetAndDestroy(),
      (s) => s.end('nonsense\r\n\r\n'),
      (s) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'),
      (s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'),
    ];
    upstream = await upstreamThat((socket) => behaviours[n++ % behaviours.length]!(socket));
    const p = await proxyTo(upstream.port, 2_000);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      try {
        statuses.push((await get(`${p.url}/r${i}`)).status);
      } catch {
        statuses.push(-1);
      }
    }
    // -1: a malformed chunked body after the header was relayed aborts that response only.
    expect(statuses).toEqual([502, 502, -1, 200, 502, 502, -1, 200]);
  });
});
