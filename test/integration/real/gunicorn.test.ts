import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRealPrograms, startGunicornPool, startNginxProxy, type RunningGunicorn, type RunningNginx } from '../../../src/stack/real/index.js';
import { HOST, headerNumber, timedGet, waitUntil } from './helpers.js';

// Debian's gunicorn (sync workers) behind nginx over HTTP: the seed's
// 1 : 1 : 2, the queue read from /proc/net/tcp, the user's app, and
// gunicorn's timeout giving 502 with the worker back after.
const found = checkRealPrograms();
const SKIP = !(found.nginx && found.gunicorn && found.django) && process.env.CI !== 'true';
const REASON = SKIP ? ` (SKIPPED: gunicorn, nginx or Django is missing; apt-get install ${found.missing.join(' ')})` : '';
const APPS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/apps/wsgi');
const TIME_SCALE = 0.05;
const SERVICE_MS = 10_000 * TIME_SCALE;

async function behindNginx(pool: RunningGunicorn): Promise<RunningNginx> {
  return startNginxProxy({ host: HOST, port: 0, upstream: { host: pool.host, port: pool.port, protocol: 'http' }, connectTimeoutMs: 10_000, sendTimeoutMs: 10_000, readTimeoutMs: 10_000 });
}

describe.skipIf(SKIP)(`nginx -> gunicorn${REASON}`, () => {
  describe.each([
    ['caplab\'s Django sample', undefined],
    ['the tests\' own WSGI app (--wsgi)', { app: 'echo_wsgi:app', chdir: APPS, pythonpath: [] }],
  ])('serving %s', (_name, wsgi) => {
    let pool: RunningGunicorn;
    let proxy: RunningNginx;
    beforeAll(async () => {
      pool = await startGunicornPool({ host: HOST, port: 0, workers: 2, listen: 64, timeScale: TIME_SCALE, wsgi });
      proxy = await behindNginx(pool);
    });
    afterAll(async () => {
      await proxy?.stop();
      await pool?.stop();
    });

    it('finishes three simultaneous sleeps at about 1 : 1 : 2, and sees the third in the accept queue', async () => {
      await Promise.all([1, 2].map(() => timedGet(`${proxy.url}/sleep?ms=100`)));
      const t0 = performance.now();
      const pending = Promise.all([1, 2, 3].map(() => timedGet(`${proxy.url}/sleep?ms=10000`)));
      expect(await waitUntil(async () => (await pool.sample()).queue === 1, SERVICE_MS * 0.8, 10)).toBe(true);
      expect((await pool.sample()).busy).toBe(2);
      const all = await pending;
      const byEnd = [...all].sort((a, b) => a.endMs - b.endMs);
      const [first, second, third] = byEnd.map((r) => r.endMs - t0) as [number, number, number];
      expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(first).toBeGreaterThanOrEqual(SERVICE_MS * 0.95);
      expect((second - first) / SERVICE_MS).toBeLessThan(0.3);
      expect(third / first).toBeGreaterThan(1.5);
      expect(third / first).toBeLessThan(2.4);
      const queue = byEnd.map((r) => headerNumber(r, 'X-Caplab-Queue-Ms'));
      expect(queue[2]! / SERVICE_MS).toBeGreaterThan(0.75);
      expect(queue[2]! / SERVICE_MS).toBeLessThan(1.35);
      expect(new Set(byEnd.slice(0, 2).map((r) => r.headers['x-caplab-worker'])).size).toBe(2);
      expect(await waitUntil(async () => (await pool.sample()).busy === 0, 2000, 20)).toBe(true);
    });
  });

  describe('timeout', () => {
    let pool: RunningGunicorn;
    let proxy: RunningNginx;
    beforeAll(async () => {
      pool = await startGunicornPool({ host: HOST, port: 0, workers: 1, listen: 64, timeScale: 1, harakiriMs: 1000 });
      proxy = await behindNginx(pool);
    });
    afterAll(async () => {
      await proxy?.stop();
      await pool?.stop();
    });

    it('kills a worker silent past the timeout: nginx answers 502, and a new worker serves the next request', async () => {
      const before = await timedGet(`${proxy.url}/hello`);
      const res = await timedGet(`${proxy.url}/sleep?ms=8000`);
      expect(res.status).toBe(502);
      expect(res.elapsedMs).toBeGreaterThanOrEqual(950);
      expect(res.elapsedMs).toBeLessThan(5000);
      let after = await timedGet(`${proxy.url}/hello`);
      expect(await waitUntil(async () => (after = await timedGet(`${proxy.url}/hello`)).status === 200, 10_000, 100)).toBe(true);
      expect(after.headers['x-caplab-worker']).not.toBe(before.headers['x-caplab-worker']);
    });
  });
});
