import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCase, sendCase, startTarget, type RunningTarget } from '../../../src/fuzz/index.js';
import { checkTarget } from '../../../src/fuzz/check-target.js';
import { waitFor } from '../../helpers/processes.js';

/** A loopback server whose every connection gets `onConnection`; closed after each test. */
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
async function serve(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}
let target: RunningTarget | undefined;
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  await target?.stop();
  target = undefined;
});

const aCase = makeCase(1, 'http', 0);

describe('sendCase tells the outcomes apart', () => {
  it('a server that never answers nor closes is a hang, at the bound', async () => {
    const port = await serve(() => undefined);
    const out = await sendCase('127.0.0.1', port, aCase, 300);
    expect(out).toMatchObject({ kind: 'hang' });
    expect(out.ms).toBeGreaterThanOrEqual(290);
  });

  it('bytes that are not HTTP are a wrong answer; a response cut short too', async () => {
    const garbage = await serve((s) => s.end('SSH-2.0-hello\r\n'));
    expect(await sendCase('127.0.0.1', garbage, aCase, 2000)).toMatchObject({ kind: 'wrong' });
    const cut = await serve((s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    expect(await sendCase('127.0.0.1', cut, aCase, 2000)).toMatchObject({ kind: 'wrong', reason: expect.stringContaining('unfinished') });
  });

  it('a clean close and a whole response are told apart', async () => {
    const closes = await serve((s) => s.end());
    expect(await sendCase('127.0.0.1', closes, aCase, 2000)).toMatchObject({ kind: 'closed', received: 0 });
    const answers = await serve((s) => s.end('HTTP/1.1 418 Teapot\r\nContent-Length: 2\r\n\r\nok'));
    expect(await sendCase('127.0.0.1', answers, aCase, 2000)).toMatchObject({ kind: 'answered', status: 418 });
  });
});

describe('checkTarget notices crashes', () => {
  it('a killed worker shows as a respawn, a killed master as a dead role', async () => {
    target = await startTarget(
      { name: 'pool http master', role: 'pool', poolProtocol: 'http', queue: 'master' },
      { workers: 2, staticDir: '.', upstreamTimeoutMs: 1000, socketTimeoutMs: 1000 },
    );
    const before = await checkTarget(target);
    expect(before).toMatchObject({ dead: [], respawns: 0 });
    process.kill(before.workerPids[0]!, 'SIGKILL');
    expect(await waitFor(async () => (await checkTarget(target!)).respawns === 1)).toBe(true);
    process.kill(target.pool.pid, 'SIGKILL');
    expect(await waitFor(async () => (await checkTarget(target!)).dead.length === 1)).toBe(true);
    expect((await checkTarget(target)).dead).toEqual([`pool master (pid ${target.pool.pid})`]);
  });
});
