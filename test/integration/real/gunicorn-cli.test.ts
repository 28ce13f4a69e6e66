import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/results/index.js';
import { checkRealPrograms } from '../../../src/stack/real/index.js';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { startStack } from '../../../src/stack/index.js';
import { runCli } from '../../helpers/cli.js';

const APPS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/apps/wsgi');

// `caplab run --pool gunicorn` end to end, behind either proxy: the seed's
// 1 : 1 : 2 with the queue wait from X-Request-Start, and the stack
// description naming gunicorn and its kernel-held queue.
const found = checkRealPrograms();
const SKIP = !(found.nginx && found.gunicorn && found.django) && process.env.CI !== 'true';
const REASON = SKIP ? ` (SKIPPED: gunicorn, nginx or Django is missing; apt-get install ${found.missing.join(' ')})` : '';

describe.skipIf(SKIP)(`caplab run --pool gunicorn${REASON}`, () => {
  it.each(['nginx', 'embedded'])('runs the seed behind the %s proxy: 1 : 1 : 2, the third queued one service time', async (proxy) => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'caplab-gunicorn-run-'));
    try {
      const r = await runCli(['run', 'seed-three-slow-requests', '--proxy', proxy, '--pool', 'gunicorn', '--time-scale', '0.05', '--out', path.join(out, 'run'), '--quiet', '--no-html']);
      expect(r.code, r.stderr).toBe(0);
      const result = JSON.parse(await readFile(path.join(out, 'run', 'results.json'), 'utf8')) as RunResult;
      expect(result.stack).toMatchObject({ proxy, pool: 'gunicorn', app: 'django', queue: 'kernel' });
      const latencies = result.requests.map((q) => q.latencyMs).sort((a, b) => a - b);
      expect(result.requests.map((q) => q.status)).toEqual([200, 200, 200]);
      expect(latencies[2]! / latencies[0]!).toBeGreaterThan(1.7);
      expect(latencies[2]! / latencies[0]!).toBeLessThan(2.3);
      expect((latencies[1]! - latencies[0]!) / latencies[0]!).toBeLessThan(0.15);
      const queued = Math.max(...result.requests.map((q) => q.queueMs ?? 0));
      expect(queued / 10_000).toBeGreaterThan(0.9);
      expect(new Set(result.requests.map((q) => q.worker)).size).toBe(2);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe.skipIf(SKIP)(`--wsgi under runserver's server${REASON}`, () => {
  it('serves the user\'s app with runserver\'s own server: intact requests, timing headers, and one at a time with --nothreading (1 : 2 : 3)', async () => {
    const stack = await startStack({ workers: 1, listen: 10, upstreamTimeoutMs: 10_000, timeScale: 0.05, app: 'sample', proxy: 'nginx', pool: 'runserver', threading: false, wsgi: { app: 'echo_wsgi:app', chdir: APPS, pythonpath: [] } });
    try {
      expect(stack.describe).toMatchObject({ pool: 'runserver --nothreading', app: 'echo_wsgi:app' });
      const res = await request(`${stack.url}/echo/path?q=1`, { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } });
      const echo = JSON.parse(await res.body.text()) as { method: string; path: string; query: string; body: string; cwd: string };
      expect(res.statusCode).toBe(201);
      expect(echo).toMatchObject({ method: 'POST', path: '/echo/path', query: 'q=1', body: 'payload', cwd: APPS });
      expect(String(res.headers['x-caplab-service-ms'])).toMatch(/^\d+\.\d{3}$/);
      const t0 = performance.now();
      const ends = await Promise.all(
        [1, 2, 3].map(async () => {
          const r = await request(`${stack.url}/sleep?ms=10000`);
          await r.body.dump();
          return performance.now() - t0;
        }),
      );
      const [first, second, third] = ends.sort((a, b) => a - b) as [number, number, number];
      // 500 ms each, served one after another
      expect(first).toBeGreaterThan(450);
      expect(second / first).toBeGreaterThan(1.6);
      expect(third / first).toBeGreaterThan(2.4);
      expect(third / first).toBeLessThan(3.6);
    } finally {
      await stack.stop();
    }
  });
});

describe.skipIf(SKIP)(`--wsgi under gunicorn: the tests' own app gets its request intact${REASON}`, () => {
  it.each(['nginx', 'embedded'] as const)('behind the %s proxy: a POST body, query string and headers arrive intact, and the timing headers come back', async (proxy) => {
    const stack = await startStack({ workers: 2, listen: 64, upstreamTimeoutMs: 10_000, timeScale: 1, app: 'sample', proxy, pool: 'gunicorn', wsgi: { app: 'echo_wsgi:app', chdir: APPS, pythonpath: [] } });
    try {
      const body = 'a=1&b=' + 'x'.repeat(5000) + '\n\u00e9';
      const res = await request(`${stack.url}/echo/path?q=1&r=two%20words`, { method: 'POST', body, headers: { 'content-type': 'text/plain', 'x-custom-thing': 'h?llo' } });
      const text = await res.body.text();
      expect(res.statusCode).toBe(201);
      const echo = JSON.parse(text) as { method: string; path: string; query: string; body: string; headers: Record<string, string>; cwd: string };
      expect(echo).toMatchObject({ method: 'POST', path: '/echo/path', query: 'q=1&r=two%20words', body, cwd: APPS });
      expect(echo.headers['HTTP_X_CUSTOM_THING']).toBe('h?llo');
      expect(echo.headers['HTTP_X_REQUEST_START']).toMatch(/^t=\d+(\.\d{3})?$/);
      expect(Number(res.headers['x-caplab-queue-ms'])).toBeGreaterThanOrEqual(0);
      expect(String(res.headers['x-caplab-service-ms'])).toMatch(/^\d+\.\d{3}$/);
      expect(Number(res.headers['x-caplab-worker'])).toBeGreaterThan(0);
    } finally {
      await stack.stop();
    }
  });
});
