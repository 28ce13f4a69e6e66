import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { alive, exchange, httpGet, send, sleep, stats, stopAndCheck, uwsgiGet, waitFor } from './helpers.js';

/** A uwsgi header claiming `datasize` bytes of vars. */
function header(datasize: number): Buffer {
  return Buffer.from([0, datasize & 0xff, datasize >> 8, 0]);
}
/** One var with explicit lengths, which may lie. */
function rawVar(key: string, value: string, valueLength = value.length): Buffer {
  const k = Buffer.from(key);
  const v = Buffer.from(value);
  return Buffer.concat([Buffer.from([k.length & 0xff, k.length >> 8]), k, Buffer.from([valueLength & 0xff, valueLength >> 8]), v]);
}
function withHeader(vars: Buffer): Buffer {
  return Buffer.concat([header(vars.length), vars]);
}

const SOCKET_TIMEOUT_MS = 300;

describe('malformed uwsgi packets get a 400 and the pool keeps serving', () => {
  let pool: RunningPool | undefined;
  let pids: { master: number; worker: number };
  beforeAll(async () => {
    pool = await startPool({ protocol: 'uwsgi', workers: 1, socketTimeoutMs: SOCKET_TIMEOUT_MS });
    pids = { master: pool.pid, worker: (await stats(pool)).workers[0]!.pid };
  });
  afterAll(() => stopAndCheck(pool));

  it.each([
    ['a truncated header (EOF after 2 bytes)', Buffer.from([0, 10]), true, /^Bad Request: uwsgi header truncated: 2 of 4 bytes\n$/],
    ['a datasize running past the end of the data', Buffer.concat([header(100), rawVar('A', 'b')]), true, /^Bad Request: uwsgi datasize 100 runs past the end of the data \(6 bytes after the header\)\n$/],
    ['a value running past the end of the vars block', withHeader(rawVar('PATH_INFO', '/hello', 60)), false, /^Bad Request: uwsgi value of PATH_INFO at byte \d+ runs past the end of the vars block\n$/],
    ['a zero-length key', withHeader(Buffer.concat([rawVar('PATH_INFO', '/hello'), rawVar('', 'x')])), false, /^Bad Request: uwsgi var at byte \d+ has an empty key\n$/],
    ['a CONTENT_LENGTH that is not a number', withHeader(rawVar('CONTENT_LENGTH', 'ten')), false, /^Bad Request: CONTENT_LENGTH must be a whole number, got "ten"\n$/],
  ])('%s', async (_what, bytes, end, reason) => {
    const before = (await stats(pool!)).caplab!.malformed;
    const res = await exchange(pool!.port, bytes, { end });
    expect(res.status).toBe(400);
    expect(res.body).toMatch(reason);
    expect(res.headers['x-caplab-worker']).toBe('1');
    expect(await waitFor(async () => (await stats(pool!)).caplab!.malformed === before + 1)).toBe(true);
    expect((await exchange(pool!.port, uwsgiGet('/hello'))).status).toBe(200);
  });

  it('drops a client that resets mid-packet, or stays silent, without counting it or answering', async () => {
    // Let the previous request's `done` reach the master before taking counts.
    expect(await waitFor(async () => (await stats(pool!)).caplab!.busy === 0)).toBe(true);
    const before = await stats(pool!);
    for (const delayMs of [0, 50]) {
      const reset = await send(pool!.port, Buffer.concat([header(50), Buffer.from('par')]));
      await sleep(delayMs);
      reset.socket.resetAndDestroy();
      await reset.done;
    }

    const silent = await (await send(pool!.port, Buffer.alloc(0))).done;
    expect(silent.status).toBe(0);
    expect(silent.closedAt - silent.connectedAt).toBeGreaterThanOrEqual(SOCKET_TIMEOUT_MS - 20);

    expect((await exchange(pool!.port, uwsgiGet('/hello'))).status).toBe(200);
    // The client has its response a moment before the worker reports itself free.
    expect(await waitFor(async () => (await stats(pool!)).workers[0]!.requests === before.workers[0]!.requests + 1)).toBe(true);
    expect((await stats(pool!)).caplab!.malformed).toBe(before.caplab!.malformed);
  });

  it('never crashed the worker or the master', async () => {
    const now = await stats(pool!);
    expect(now.workers[0]).toMatchObject({ pid: pids.worker, respawn_count: 1 });
    expect(alive(pids.master)).toBe(true);
    expect(now.caplab!.malformed).toBe(5);
  });
});

describe('malformed HTTP requests on the http-socket get a 4xx', () => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'http', workers: 1 });
  });
  afterAll(() => stopAndCheck(pool));

  it('answers 400 to a bad request line and 411 to a chunked body, then serves normally', async () => {
    const bad = await exchange(pool!.port, Buffer.from('HELLO\r\n\r\n'));
    expect(bad.status).toBe(400);
    expect(bad.body).toBe('Bad Request: malformed request line "HELLO"\n');
    const chunked = await exchange(pool!.port, Buffer.from('POST /hello HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'));
    expect(chunked.status).toBe(411);
    expect((await exchange(pool!.port, httpGet('/hello'))).status).toBe(200);
    expect((await stats(pool!)).caplab).toMatchObject({ malformed: 2 });
  });
});
