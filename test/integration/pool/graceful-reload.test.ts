import { afterEach, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { alive, exchange, send, stats, stopAndCheck, uwsgiGet, waitFor } from './helpers.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';

const QUEUES = (['kernel', 'master'] as const).filter((q) => q === 'master' || !SKIP_KERNEL);

describe.each(QUEUES)(`graceful reload and stop (%s queue)${NO_NATIVE}`, (queue) => {
  let pool: RunningPool | undefined;
  afterEach(() => stopAndCheck(pool));

  it('SIGHUP to the master replaces every worker one by one; the requests they were serving finish with 200', async () => {
    pool = await startPool({ protocol: 'uwsgi', workers: 2, queue });
    const before = (await stats(pool)).workers.map((w) => w.pid);
    const inFlight = [await send(pool.port, uwsgiGet('/sleep?ms=400')), await send(pool.port, uwsgiGet('/sleep?ms=400'))];
    expect(await waitFor(async () => (await stats(pool!)).workers.every((w) => w.status === 'busy'), 2_000)).toBe(true);
    process.kill(pool.pid, 'SIGHUP');
    const results = await Promise.all(inFlight.map((p) => p.done));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const replaced = async (): Promise<boolean> => (await stats(pool!)).workers.every((w) => w.pid > 0 && !before.includes(w.pid) && w.status === 'idle');
    expect(await waitFor(replaced, 10_000)).toBe(true);
    expect(before.some(alive)).toBe(false);
  });

  it('reload() under steady load fails no request, and every worker pid changes', async () => {
    pool = await startPool({ protocol: 'uwsgi', workers: 2, queue });
    const statuses: number[] = [];
    let loading = true;
    const clients = Array.from({ length: 3 }, async () => {
      while (loading) statuses.push((await exchange(pool!.port, uwsgiGet('/sleep?ms=20'))).status);
    });
    await waitFor(() => statuses.length >= 10, 5_000);
    const report = await pool.reload();
    const servedDuring = statuses.length;
    await waitFor(() => statuses.length >= servedDuring + 10, 5_000);
    loading = false;
    await Promise.all(clients);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(report.pidsBefore).toHaveLength(2);
    expect(report.pidsAfter.filter((pid) => report.pidsBefore.includes(pid))).toEqual([]);
    expect(report.endedAtMs).toBeGreaterThanOrEqual(report.startedAtMs);
    expect((await stats(pool)).workers.map((w) => w.pid)).toEqual(report.pidsAfter);
  });

  it('SIGTERM stops gracefully: the request in flight finishes with 200, then the master exits', async () => {
    pool = await startPool({ protocol: 'uwsgi', workers: 1, queue, stopTimeoutMs: 5_000 });
    const worker = (await stats(pool)).workers[0]!.pid;
    const inFlight = await send(pool.port, uwsgiGet('/sleep?ms=500'));
    expect(await waitFor(async () => (await stats(pool!)).workers[0]!.status === 'busy', 2_000)).toBe(true);
    const signalledAt = performance.now();
    process.kill(pool.pid, 'SIGTERM');
    const result = await inFlight.done;
    expect(result.status).toBe(200);
    await pool.exited;
    expect(performance.now() - signalledAt).toBeLessThan(4_000);
    expect(alive(worker)).toBe(false);
  });

  it('SIGTERM with a request longer than stopTimeoutMs: the worker is SIGKILLed after the timeout', async () => {
    pool = await startPool({ protocol: 'uwsgi', workers: 1, queue, stopTimeoutMs: 300 });
    const worker = (await stats(pool)).workers[0]!.pid;
    const inFlight = await send(pool.port, uwsgiGet('/sleep?ms=5000'));
    expect(await waitFor(async () => (await stats(pool!)).workers[0]!.status === 'busy', 2_000)).toBe(true);
    const signalledAt = performance.now();
    process.kill(pool.pid, 'SIGTERM');
    await pool.exited;
    const took = performance.now() - signalledAt;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(2_500);
    expect((await inFlight.done).status).toBe(0);
    expect(await waitFor(() => !alive(worker), 2_000)).toBe(true);
  });
});

describe.skipIf(SKIP_KERNEL)(`reload starts each replacement beside the old worker (kernel queue)${NO_NATIVE}`, () => {
  let pool: RunningPool | undefined;
  afterEach(() => stopAndCheck(pool));

  it('1 worker busy with a long request: during the reload a short request is served by the new worker while the old one finishes', async () => {
    pool = await startPool({ protocol: 'uwsgi', workers: 1 });
    const oldPid = (await stats(pool)).workers[0]!.pid;
    const long = await send(pool.port, uwsgiGet('/sleep?ms=1500'));
    expect(await waitFor(async () => (await stats(pool!)).workers[0]!.status === 'busy', 2_000)).toBe(true);
    const reloading = pool.reload();
    // the replacement takes the slot once it is ready, while the old process still sleeps
    expect(await waitFor(async () => (await stats(pool!)).workers[0]!.pid !== oldPid, 5_000)).toBe(true);
    const short = await exchange(pool.port, uwsgiGet('/hello'));
    const longDone = await long.done;
    expect(short.status).toBe(200);
    expect(longDone.status).toBe(200);
    expect(short.closedAt).toBeLessThan(longDone.closedAt);
    const report = await reloading;
    expect(report.pidsBefore).toEqual([oldPid]);
    expect(report.pidsAfter[0]).not.toBe(oldPid);
    expect(alive(oldPid)).toBe(false);
    // the slot's counters carry over the reload: 2 requests served, none lost
    expect(await waitFor(async () => (await stats(pool!)).workers[0]!.requests === 2, 2_000)).toBe(true);
  });
});
