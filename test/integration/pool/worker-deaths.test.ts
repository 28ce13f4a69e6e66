import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { alive, exchange, httpGet, send, stats, stopAndCheck, waitFor } from './helpers.js';
import { SKIP_KERNEL } from '../../helpers/native.js';

const HARAKIRI_MS = 400;

describe.each((['kernel', 'master'] as const).filter((queue) => queue === 'master' || !SKIP_KERNEL))('a worker that dies is respawned; only its request fails (%s queue)', (queue) => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'http', workers: 2, harakiriMs: HARAKIRI_MS, queue });
    expect(pool.queue).toBe(queue);
  });
  afterAll(() => stopAndCheck(pool));

  it('/crash: the connection closes with no response, its worker gets a new process, the next request succeeds', async () => {
    const before = await stats(pool!);
    // Occupy worker 2 so that worker 1 takes the crash in either mode.
    const busy = await send(pool!.port, httpGet('/sleep?ms=300'));
    expect(await waitFor(async () => (await stats(pool!)).load === 1)).toBe(true);
    const holder = (await stats(pool!)).workers.find((w) => w.status === 'busy')!;
    const crashIndex = holder.id === 1 ? 1 : 0;
    const w1 = before.workers[crashIndex];
    const w2 = before.workers[1 - crashIndex];
    const crashed = await exchange(pool!.port, httpGet('/crash'));
    expect((await busy.done).status).toBe(200);
    expect(crashed.status).toBe(0);
    expect(crashed.raw.length).toBe(0);

    const respawned = await waitFor(async () => {
      const w = (await stats(pool!)).workers[crashIndex]!;
      return w.pid !== w1!.pid && w.pid > 0 && w.respawn_count === 2 && w.accepting === 1;
    });
    expect(respawned).toBe(true);
    expect(alive(w1!.pid)).toBe(false);
    const after = await stats(pool!);
    expect(after.workers[1 - crashIndex]).toMatchObject({ pid: w2!.pid, respawn_count: 1 });
    expect(after.workers[crashIndex]!.last_spawn).toBeGreaterThanOrEqual(w1!.last_spawn);

    // Both workers serve again: two overlapping requests go to both.
    const next = await Promise.all([await send(pool!.port, httpGet('/sleep?ms=100')), await send(pool!.port, httpGet('/sleep?ms=100'))].map((p) => p.done));
    expect(next.map((r) => r.status)).toEqual([200, 200]);
    expect(new Set(next.map((r) => r.headers['x-caplab-worker']))).toEqual(new Set(['1', '2']));
  });

  it(`harakiri: a worker busy longer than ${HARAKIRI_MS} ms is SIGKILLed, counted and respawned`, async () => {
    const before = (await stats(pool!)).workers;
    const killedP = exchange(pool!.port, httpGet('/sleep?ms=10000'));
    expect(await waitFor(async () => (await stats(pool!)).load === 1)).toBe(true);
    // The other worker keeps serving meanwhile: only the stuck request fails.
    const bystander = await exchange(pool!.port, httpGet('/sleep?ms=100'));
    expect(bystander.status).toBe(200);
    const killed = await killedP;
    const took = killed.closedAt - killed.connectedAt;
    expect(killed.status).toBe(0);
    expect(took).toBeGreaterThanOrEqual(HARAKIRI_MS - 20);
    expect(took).toBeLessThan(10_000 / 2);
    expect(
      await waitFor(async () => {
        const s = (await stats(pool!)).workers;
        return s.reduce((n, w) => n + w.harakiri_count, 0) === before.reduce((n, w) => n + w.harakiri_count, 0) + 1 && s.every((w) => w.accepting === 1);
      }),
    ).toBe(true);
    const after = (await stats(pool!)).workers;
    const victim = after.findIndex((w, i) => w.harakiri_count === before[i]!.harakiri_count + 1);
    expect(after[victim]!.respawn_count).toBe(before[victim]!.respawn_count + 1);
    expect(alive(before[victim]!.pid)).toBe(false);
    expect((await exchange(pool!.port, httpGet('/status/204'))).status).toBe(204);
  });
});
