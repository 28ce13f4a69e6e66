import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { exchange, httpGet, send, stats, stopAndCheck, waitFor } from './helpers.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';

const SLOW_MS = 1_000;

describe('master queue overflow (workers=1, listen=2)', () => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'http', workers: 1, listen: 2, queue: 'master' });
  });
  afterAll(() => stopAndCheck(pool));

  it('1 slow + 2 queued fill the pool; the next connection gets a 503 at once, and stats count it', async () => {
    const slow = await send(pool!.port, httpGet(`/sleep?ms=${SLOW_MS}`));
    expect(await waitFor(async () => (await stats(pool!)).workers[0]!.status === 'busy')).toBe(true);
    const queued = [await send(pool!.port, httpGet('/hello')), await send(pool!.port, httpGet('/hello'))];
    expect(await waitFor(async () => (await stats(pool!)).listen_queue === 2)).toBe(true);

    const extra = await (await send(pool!.port, httpGet('/hello'))).done;
    expect(extra.status).toBe(503);
    expect(extra.headers.connection).toBe('close');
    expect(extra.body).toMatch(/^Service Unavailable: listen queue of socket "127\.0\.0\.1:\d+" is full \(2\/2\)\n$/);
    expect(extra.closedAt - extra.connectedAt).toBeLessThan(SLOW_MS / 2);

    const during = await stats(pool!);
    expect(during).toMatchObject({ listen_queue: 2, listen_queue_errors: 1, load: 1, caplab: { refused: 1, busy: 1 } });
    expect(during.sockets[0]).toMatchObject({ proto: 'http', queue: 2, max_queue: 2 });

    const slowDone = await slow.done;
    const queuedDone = await Promise.all(queued.map((p) => p.done));
    expect(extra.closedAt).toBeLessThan(slowDone.closedAt);
    expect([slowDone.status, ...queuedDone.map((r) => r.status)]).toEqual([200, 200, 200]);
    // Without X-Request-Start, queue time runs from the master's accept: the
    // queued requests waited about as long as the slow one's service.
    const slowService = Number(slowDone.headers['x-caplab-service-ms']);
    for (const r of queuedDone) expect(Number(r.headers['x-caplab-queue-ms'])).toBeGreaterThan(slowService * 0.8);
    const after = await stats(pool!);
    expect(after).toMatchObject({ listen_queue: 0, listen_queue_errors: 1 });
  });
});

describe.skipIf(SKIP_KERNEL)(`kernel queue (workers=1, listen=2): the accept queue is the listen queue${NO_NATIVE}`, () => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'http', workers: 1, listen: 2, queue: 'kernel' });
    expect(pool.queue).toBe('kernel');
  });
  afterAll(() => stopAndCheck(pool));

  it('connections beyond the backlog are delayed by SYN retries, never refused', async () => {
    const busyMs = 300;
    const slow = await send(pool!.port, httpGet(`/sleep?ms=${busyMs}`));
    expect(await waitFor(async () => (await stats(pool!)).load === 1)).toBe(true);
    const startedAt = performance.now();
    // Linux queues backlog + 1 connections; the rest have their SYN dropped.
    const extra = await Promise.all(Array.from({ length: 6 }, () => exchange(pool!.port, httpGet('/hello'))));
    expect((await slow.done).status).toBe(200);
    expect(extra.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const took = extra.map((r) => r.closedAt - startedAt).sort((a, b) => a - b);
    // Some were served as soon as the worker was free; the last waited for a
    // SYN retransmission (about 1 s), far longer than the worker was busy.
    expect(took[0]!, took.join(', ')).toBeLessThan(busyMs * 3);
    expect(took[5]!, took.join(', ')).toBeGreaterThan(900);
    const after = await stats(pool!);
    expect(after).toMatchObject({ listen_queue: 0, listen_queue_errors: 0 });
    expect(after.sockets[0]).toMatchObject({ max_queue: 2 });
  });
});

describe.skipIf(SKIP_KERNEL)(`kernel queue depth from TCP_INFO${NO_NATIVE}`, () => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'http', workers: 2, queue: 'kernel' });
  });
  afterAll(() => stopAndCheck(pool));

  it('2 busy workers plus 4 waiting connections read 4', async () => {
    const busy = [await send(pool!.port, httpGet('/sleep?ms=600')), await send(pool!.port, httpGet('/sleep?ms=600'))];
    expect(await waitFor(async () => (await stats(pool!)).load === 2)).toBe(true);
    const waiting = [];
    for (let i = 0; i < 4; i += 1) waiting.push(await send(pool!.port, httpGet('/hello')));
    expect(await waitFor(async () => (await stats(pool!)).listen_queue === 4)).toBe(true);
    const s = await stats(pool!);
    expect(s.sockets[0]).toMatchObject({ queue: 4, max_queue: 100 });
    expect(s.workers.map((w) => w.status)).toEqual(['busy', 'busy']);
    const done = await Promise.all([...busy, ...waiting].map((p) => p.done));
    expect(done.every((r) => r.status === 200)).toBe(true);
    expect(await waitFor(async () => (await stats(pool!)).listen_queue === 0)).toBe(true);
  });
});
