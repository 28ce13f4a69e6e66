import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { alive, exchange, httpGet, stats, stopAndCheck, waitFor } from './helpers.js';

const HARAKIRI_MS = 400;

describe('a worker that dies is respawned; only its request fails', () => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'http', workers: 2, harakiriMs: HARAKIRI_MS });
  });
  afterAll(() => stopAndCheck(pool));

  it('/crash: the connection closes with no response, worker 1 gets a new process, the next request succeeds', async () => {
    const before = await stats(pool!);
    const [w1, w2] = before.workers;
    const crashed = await exchange(pool!.port, httpGet('/crash'));
    expect(crashed.status).toBe(0);
    expect(crashed.raw.length).toBe(0);

    const respawned = await waitFor(async () => {
      const w = (await stats(pool!)).workers[0]!;
      return w.pid !== w1!.pid && w.pid > 0 && w.respawn_count === 1 && w.accepting === 1;
    });
    expect(respawned).toBe(true);
    expect(alive(w1!.pid)).toBe(false);
    const after = await stats(pool!);
    expect(after.workers[1]).toMatchObject({ pid: w2!.pid, respawn_count: 0 });
    expect(after.workers[0]!.last_spawn).toBeGreaterThanOrEqual(w1!.last_spawn);

    const next = await exchange(pool!.port, httpGet('/hello'));
    expect(next.status).toBe(200);
    expect(next.body).toBe('Hello, world!');
    expect(next.headers['x-caplab-worker']).toBe('1');
  });

  it(`harakiri: a worker busy longer than ${HARAKIRI_MS} ms is SIGKILLed, counted and respawned`, async () => {
    const before = (await stats(pool!)).workers[0]!;
    const killed = await exchange(pool!.port, httpGet('/sleep?ms=10000'));
    const took = killed.closedAt - killed.connectedAt;
    expect(killed.status).toBe(0);
    expect(took).toBeGreaterThanOrEqual(HARAKIRI_MS - 20);
    expect(took).toBeLessThan(10_000 / 2);
    expect(
      await waitFor(async () => {
        const w = (await stats(pool!)).workers[0]!;
        return w.harakiri_count === before.harakiri_count + 1 && w.respawn_count === before.respawn_count + 1 && w.accepting === 1;
      }),
    ).toBe(true);
    expect(alive(before.pid)).toBe(false);
    expect((await exchange(pool!.port, httpGet('/status/204'))).status).toBe(204);
  });
});
