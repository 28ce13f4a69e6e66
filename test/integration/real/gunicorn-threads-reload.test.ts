import { afterEach, describe, expect, it } from 'vitest';
import { checkRealPrograms, startGunicornPool, startNginxProxy, type RunningGunicorn, type RunningNginx } from '../../../src/stack/real/index.js';
import { childrenOf } from '../../../src/process/index.js';
import { HOST, timedGet } from './helpers.js';

const found = checkRealPrograms();
const SKIP = !(found.nginx && found.gunicorn && found.django) && process.env.CI !== 'true';
const REASON = SKIP ? ` (SKIPPED: gunicorn, nginx or Django is missing; apt-get install ${found.missing.join(' ')})` : '';
const SLEEP_MS = 600;

describe.skipIf(SKIP)(`gunicorn gthread threads and SIGHUP reload${REASON}`, () => {
  let pool: RunningGunicorn | undefined;
  let proxy: RunningNginx | undefined;
  afterEach(async () => {
    await proxy?.stop();
    await pool?.stop();
  });

  async function start(workers: number, threads: number): Promise<string> {
    pool = await startGunicornPool({ host: HOST, port: 0, workers, threads, listen: 64, timeScale: 1 });
    proxy = await startNginxProxy({ host: HOST, port: 0, upstream: { host: pool.host, port: pool.port, protocol: 'http' }, connectTimeoutMs: 10_000, sendTimeoutMs: 10_000, readTimeoutMs: 10_000 });
    return proxy.url;
  }

  it(`threads 2 on 1 worker: two blocking ${SLEEP_MS} ms sleeps at once, the third waits (≈ 1 : 1 : 2)`, { retry: 2 }, async () => {
    const url = await start(1, 2);
    await timedGet(`${url}/hello`);
    const started = performance.now();
    // Three at once: two take the worker's threads, the third waits for one (ends sorted below).
    const results = await Promise.all([0, 1, 2].map(() => timedGet(`${url}/sleep?ms=${SLEEP_MS}`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const ends = results.map((r) => r.endMs - started).sort((a, b) => a - b);
    expect(ends[1]! / ends[0]!).toBeLessThan(1.3);
    expect(ends[2]! / ends[0]!).toBeGreaterThan(1.7);
  });

  it('reload(): SIGHUP replaces every worker; the request in flight finishes with 200', async () => {
    const url = await start(2, 1);
    const before = childrenOf(pool!.pid);
    expect(before).toHaveLength(2);
    const inFlight = timedGet(`${url}/sleep?ms=400`);
    await new Promise((r) => setTimeout(r, 100));
    const report = await pool!.reload();
    expect((await inFlight).status).toBe(200);
    expect(report.pidsAfter).toHaveLength(2);
    expect(report.pidsAfter.filter((pid) => before.includes(pid))).toEqual([]);
    expect((await timedGet(`${url}/hello`)).status).toBe(200);
  });
});
