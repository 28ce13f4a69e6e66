import { describe, expect, it } from 'vitest';
import { heldMs, sampleHandler, SAMPLE_APP, TIMED_ROUTE, warmUpPath, type AppRequest } from '../../../src/app/index.js';

function request(uri: string, timeScale: number): AppRequest {
  const [path = '', query = ''] = uri.split('?');
  return { environ: { REQUEST_METHOD: 'GET', PATH_INFO: path, QUERY_STRING: query }, body: Buffer.alloc(0), worker: 1, timeScale };
}

describe('heldMs (how long a sample-app request holds a worker)', () => {
  it.each([
    ['/sleep?ms=250', 250],
    ['/cpu?ms=12.5', 12.5],
    ['/io?ms=7', 7],
    ['/sleep', 0],
    ['/sleep?ms=-3', 0],
    ['/sleep?ms=abc', 0],
    ['/hello?ms=100', 0],
    ['/sleepy?ms=100', 0],
    ['/static/sleep?ms=100', 0],
  ])('%s holds %d ms', (path, ms) => {
    expect(heldMs(path)).toBe(ms);
  });

  it('TIMED_ROUTE names exactly the timed routes', () => {
    expect(['/sleep', '/cpu?ms=1', '/io?x'].every((p) => TIMED_ROUTE.test(p))).toBe(true);
    expect(['/hello', '/sleeper', '/bytes?n=1'].some((p) => TIMED_ROUTE.test(p))).toBe(false);
  });
});

describe('warmUpPath', () => {
  it.each([1, 0.01, 1e-9, 100])('for the sample app at time scale %d, is a route the sample app answers with 200', async (scale) => {
    const path = warmUpPath(SAMPLE_APP, scale);
    expect(path).not.toBeNull();
    const res = await sampleHandler(request(path!, scale));
    expect(res.status).toBe(200);
  });

  it('holds a worker for about 20 ms of wall time at any ordinary scale', () => {
    expect(heldMs(warmUpPath(SAMPLE_APP, 1)!)).toBe(20);
    expect(heldMs(warmUpPath(SAMPLE_APP, 0.1)!) * 0.1).toBeCloseTo(20, 6);
  });

  it('is null for a user app, whose routes caplab does not know', () => {
    expect(warmUpPath('/home/me/app.mjs', 1)).toBeNull();
    expect(warmUpPath('./sample', 1)).toBeNull();
  });
});
