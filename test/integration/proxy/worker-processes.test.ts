import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../../../src/proxy/index.js';
import { fakeUwsgi, type FakeUpstream } from './helpers/fake-upstreams.js';
import { alive, firstLine, waitFor } from '../../helpers/processes.js';
import { rawRequest } from './helpers/raw-http.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/orphan-proxy.mjs');

let proxy: RunningProxy | undefined;
let upstream: FakeUpstream | undefined;
const strays: number[] = [];
const stopped: number[] = [];

afterEach(async () => {
  for (const pid of stopped.splice(0)) if (alive(pid)) process.kill(pid, 'SIGCONT');
  await proxy?.stop();
  await upstream?.close();
  proxy = undefined;
  upstream = undefined;
  for (const pid of strays.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

async function okUpstream(): Promise<FakeUpstream> {
  upstream = await fakeUwsgi(({ socket }) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
  return upstream;
}

/** Inode of the socket listening on 127.0.0.1:`port`, from /proc/net/tcp. */
function listeningInode(port: number): string {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[3] === '0A') return fields[9] as string;
  }
  throw new Error(`nothing listens on port ${port}`);
}

/** True when process `pid` has the socket with this inode open. */
function holdsSocket(pid: number, inode: string): boolean {
  return readdirSync(`/proc/${pid}/fd`).some((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
    } catch {
      return false;
    }
  });
}

describe('workerProcesses', () => {
  it('runs that many processes on one listening socket, each of them serving', async () => {
    const up = await okUpstream();
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: up.port, protocol: 'uwsgi' }, workerProcesses: 2 });
    expect(proxy.pids).toHaveLength(2);
    expect(proxy.pids[0]).toBe(proxy.pid);
    expect(new Set(proxy.pids).size).toBe(2);
    const inode = listeningInode(proxy.port);
    for (const pid of proxy.pids) expect(holdsSocket(pid, inode), `process ${pid} holds the listening socket`).toBe(true);

    // With one process stopped, only the other can accept: each must serve on its own.
    for (const [serving, paused] of [proxy.pids, [...proxy.pids].reverse()] as Array<[number, number]>) {
      process.kill(paused, 'SIGSTOP');
      stopped.push(paused);
      for (let i = 0; i < 5; i++) {
        const res = await rawRequest(proxy.port, `GET /r${i} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
        expect(res.status, `served while only ${serving} runs`).toBe(200);
        expect(res.body).toBe('ok');
      }
      process.kill(paused, 'SIGCONT');
      stopped.pop();
    }
  });

  it('keeps one process, the default', async () => {
    const up = await okUpstream();
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: up.port, protocol: 'uwsgi' } });
    expect(proxy.pids).toEqual([proxy.pid]);
  });

  it('stop() leaves no proxy process behind', async () => {
    const up = await okUpstream();
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: up.port, protocol: 'uwsgi' }, workerProcesses: 3 });
    const pids = [...proxy.pids];
    expect(pids).toHaveLength(3);
    await proxy.stop();
    for (const pid of pids) expect(await waitFor(() => !alive(pid), 5_000), `process ${pid} outlived stop()`).toBe(true);
  });

  it('the extra processes die when the main proxy process is killed with SIGKILL', async () => {
    const up = await okUpstream();
    proxy = await startProxy({ upstream: { host: '127.0.0.1', port: up.port, protocol: 'uwsgi' }, workerProcesses: 2 });
    const [main, extra] = proxy.pids as [number, number];
    process.kill(main, 'SIGKILL');
    expect(await waitFor(() => !alive(main), 5_000)).toBe(true);
    expect(await waitFor(() => !alive(extra), 10_000), `process ${extra} outlived its parent`).toBe(true);
  });

  it('every proxy process dies when the program that started them is killed with SIGKILL', async () => {
    const up = await okUpstream();
    const parent = spawn(process.execPath, [FIXTURE, String(up.port), '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    strays.push(parent.pid!);
    const line = await firstLine(parent);
    const { pids } = JSON.parse(line) as { pids: number[] };
    strays.push(...pids);
    expect(pids).toHaveLength(2);
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    process.kill(parent.pid!, 'SIGKILL');
    await exited;
    for (const pid of pids) expect(await waitFor(() => !alive(pid), 10_000), `proxy process ${pid} outlived the program`).toBe(true);
  });
});
