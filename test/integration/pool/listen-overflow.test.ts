import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { httpGet, send, stats, stopAndCheck, waitFor } from './helpers.js';

const SLOW_MS = 1_000;

describe('listen queue overflow (workers=1, listen=2)', () => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'http', workers: 1, listen: 2 });
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
