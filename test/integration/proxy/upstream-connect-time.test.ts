import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startProxy, UPSTREAM_CONNECT_TIME_HEADER, type RunningProxy } from '../../../src/proxy/index.js';
import { fakeUwsgi, type FakeUpstream } from './helpers/fake-upstreams.js';

const agent = new Agent();
let proxy: RunningProxy | undefined;
let upstream: FakeUpstream | undefined;
let listener: ChildProcess | undefined;
const fillers: Socket[] = [];

afterEach(async () => {
  for (const filler of fillers.splice(0)) filler.destroy();
  listener?.kill('SIGKILL');
  listener = undefined;
  await proxy?.stop();
  await upstream?.close();
  proxy = undefined;
  upstream = undefined;
});
afterAll(() => agent.close());

/** Connections to 127.0.0.1:`port` that are still sending SYNs (SYN_SENT in /proc/net/tcp). */
function synSent(port: number): number {
  const remote = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[2] === remote && fields[3] === '02';
    }).length;
}

describe(`${UPSTREAM_CONNECT_TIME_HEADER}`, () => {
  it('is on every forwarded response, in seconds with three decimals, near zero for a prompt upstream', async () => {
    upstream = await fakeUwsgi(({ socket }) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: upstream.port, protocol: 'uwsgi' } });
    const res = await request(`${proxy.url}/x`, { dispatcher: agent });
    expect(await res.body.text()).toBe('ok');
    const value = String(res.headers[UPSTREAM_CONNECT_TIME_HEADER.toLowerCase()]);
    expect(value).toMatch(/^\d+\.\d{3}$/);
    expect(Number(value)).toBeLessThan(0.5);
  });

  it("shows the kernel's SYN retry (about 1 s) when the upstream's accept queue was full", async () => {
    // An upstream with backlog 1, stopped: two connections fill its accept
    // queue, later SYNs are dropped and retried by the kernel after ~1 s.
    listener = spawn(
      process.execPath,
      [
        '-e',
        "const s=require('net').createServer((c)=>{c.on('error',()=>{});c.once('data',()=>c.end('HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok'))}).listen({port:0,host:'127.0.0.1',backlog:1},()=>console.log(s.address().port))",
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const port = Number(await new Promise<string>((resolve) => listener!.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()))));
    process.kill(listener.pid!, 'SIGSTOP');
    for (let i = 0; i < 4; i++) fillers.push(connect({ host: '127.0.0.1', port }).on('error', () => undefined));
    await expect.poll(() => synSent(port), { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);
    const waiting = synSent(port);

    proxy = await startProxy({ upstream: { host: '127.0.0.1', port, protocol: 'uwsgi' } });
    const response = request(`${proxy.url}/late`, { dispatcher: agent });
    await expect.poll(() => synSent(port), { timeout: 5_000, interval: 20 }).toBeGreaterThan(waiting);
    process.kill(listener.pid!, 'SIGCONT');

    const res = await response;
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('ok');
    const value = String(res.headers[UPSTREAM_CONNECT_TIME_HEADER.toLowerCase()]);
    expect(value).toMatch(/^\d+\.\d{3}$/);
    expect(Number(value)).toBeGreaterThanOrEqual(0.9);
    expect(Number(value)).toBeLessThan(8);
  });

  it('is on a 502 from an upstream that connected and then sent garbage', async () => {
    upstream = await fakeUwsgi(({ socket }) => socket.end('garbage\r\n\r\n'));
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: upstream.port, protocol: 'uwsgi' } });
    const res = await request(`${proxy.url}/bad`, { dispatcher: agent });
    await res.body.text();
    expect(res.statusCode).toBe(502);
    expect(String(res.headers[UPSTREAM_CONNECT_TIME_HEADER.toLowerCase()])).toMatch(/^\d+\.\d{3}$/);
  });
});
