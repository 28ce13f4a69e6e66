import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REAL, SKIP_REASON, headerNumber, startRealStack, timedGet, type RealStack } from './helpers.js';

// The user's own WSGI app (a framework-free fixture) on nginx -> uWSGI,
// through caplab's wrapper: the seed's 1 : 1 : 2, and a request arriving
// intact with the timing headers added.
const APPS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/apps/wsgi');
const TIME_SCALE = 0.05;
const SERVICE_MS = 10_000 * TIME_SCALE;

/** A POST with a body, a query string and headers, on a fresh connection. */
function post(url: string, body: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'text/plain', 'X-Custom-Thing': 'héllo wörld'.normalize('NFC').replace(/[^\x20-\x7e]/g, '?'), 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(SKIP_REAL)(`--wsgi: the tests' own WSGI app on nginx -> uWSGI${SKIP_REASON}`, () => {
  let stack: RealStack;
  beforeAll(async () => {
    stack = await startRealStack({ workers: 2, timeScale: TIME_SCALE, wsgi: { app: 'echo_wsgi:app', chdir: APPS, pythonpath: [] } });
  });
  afterAll(() => stack?.stop());

  it('gets a POST body, query string and headers intact, and returns the timing headers', async () => {
    const body = 'a=1&b=' + 'x'.repeat(5000) + '\n\u00e9';
    const res = await post(`${stack.proxy.url}/echo/path?q=1&r=two%20words`, body);
    expect(res.status).toBe(201);
    const echo = JSON.parse(res.body) as { method: string; path: string; query: string; body: string; headers: Record<string, string>; cwd: string };
    expect(echo).toMatchObject({ method: 'POST', path: '/echo/path', query: 'q=1&r=two%20words', body, cwd: APPS });
    expect(echo.headers['HTTP_X_CUSTOM_THING']).toBe('h?llo w?rld');
    expect(echo.headers['HTTP_X_REQUEST_START']).toMatch(/^t=\d+\.\d{3}$/);
    expect(res.headers['x-caplab-worker']).toMatch(/^[12]$/);
    expect(Number(res.headers['x-caplab-queue-ms'])).toBeGreaterThanOrEqual(0);
    expect(res.headers['x-caplab-service-ms']).toMatch(/^\d+\.\d{3}$/);
  });

  it('finishes three simultaneous sleeps at about 1 : 1 : 2, the third after one service time in the queue', async () => {
    const t0 = performance.now();
    const all = await Promise.all([1, 2, 3].map(() => timedGet(`${stack.proxy.url}/sleep?ms=10000`)));
    const byEnd = [...all].sort((a, b) => a.endMs - b.endMs);
    const [first, second, third] = byEnd.map((r) => r.endMs - t0) as [number, number, number];
    const queue = byEnd.map((r) => headerNumber(r, 'X-Caplab-Queue-Ms'));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(first).toBeGreaterThanOrEqual(SERVICE_MS * 0.95);
    expect((second - first) / SERVICE_MS).toBeLessThan(0.3);
    expect(third / first).toBeGreaterThan(1.5);
    expect(third / first).toBeLessThan(2.4);
    expect(queue[0]).toBeLessThan(SERVICE_MS * 0.25);
    expect(queue[2]! / SERVICE_MS).toBeGreaterThan(0.75);
    expect(queue[2]! / SERVICE_MS).toBeLessThan(1.35);
    expect(new Set(byEnd.slice(0, 2).map((r) => r.headers['x-caplab-worker'])).size).toBe(2);
  });
});
