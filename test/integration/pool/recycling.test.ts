import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { encodeRequest } from '../../../src/uwsgi/index.js';
import { alive, exchange, stats, stopAndCheck, uwsgiGet, waitFor } from './helpers.js';

const ECHO_APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/apps/echo-app.mjs');

describe("a user's app module, max-requests and exceptions (uwsgi)", () => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'uwsgi', workers: 1, maxRequests: 3, app: ECHO_APP, timeScale: 0.5 });
  });
  afterAll(() => stopAndCheck(pool));

  it('passes the environ and body through, recycles the worker after 3 requests and counts an exception', async () => {
    const body = Buffer.from('payload \x00\xff');
    const first = await exchange(
      pool!.port,
      encodeRequest({ REQUEST_METHOD: 'POST', PATH_INFO: '/echo', QUERY_STRING: 'a=1', CONTENT_LENGTH: String(body.length), HTTP_X_CUSTOM: 'yes' }, body),
    );
    expect(first.status).toBe(200);
    const echoed = utf8Json(first.body) as { environ: Record<string, string>; body: string; worker: number; timeScale: number; pid: number };
    expect(echoed.environ).toEqual({ REQUEST_METHOD: 'POST', PATH_INFO: '/echo', QUERY_STRING: 'a=1', CONTENT_LENGTH: String(body.length), HTTP_X_CUSTOM: 'yes' });
    expect(echoed.body).toBe(body.toString('latin1'));
    expect(echoed).toMatchObject({ worker: 1, timeScale: 0.5 });
    expect(first.headers['x-caplab-worker']).toBe('1'); // the app's spoofed value is replaced

    const failed = await exchange(pool!.port, uwsgiGet('/throw'));
    expect(failed.status).toBe(500);
    expect(Number(failed.headers['x-caplab-service-ms'])).toBeGreaterThanOrEqual(0);
    expect(failed.headers['x-caplab-queue-ms']).toMatch(/^\d+\.\d{3}$/);

    const third = utf8Json((await exchange(pool!.port, uwsgiGet('/third'))).body) as { pid: number };
    expect(third.pid).toBe(echoed.pid);
    expect(await waitFor(async () => (await stats(pool!)).workers[0]!.respawn_count === 2 && (await stats(pool!)).workers[0]!.accepting === 1)).toBe(true);

    const fourth = utf8Json((await exchange(pool!.port, uwsgiGet('/fourth'))).body) as { pid: number };
    expect(fourth.pid).not.toBe(echoed.pid);
    expect(alive(echoed.pid)).toBe(false);
    // The client has its response a moment before the worker reports itself free.
    expect(await waitFor(async () => (await stats(pool!)).workers[0]!.requests === 4)).toBe(true);
    const w = (await stats(pool!)).workers[0]!;
    expect(w).toMatchObject({ pid: fourth.pid, requests: 4, delta_requests: 1, exceptions: 1, respawn_count: 2 });
    expect(w.tx).toBeGreaterThan(first.raw.length);
  });
});

/** The exchange body is one char per byte; the echo app writes UTF-8 JSON. */
function utf8Json(body: string): unknown {
  return JSON.parse(Buffer.from(body, 'latin1').toString('utf8'));
}
