import { describe, expect, it } from 'vitest';
import { createSampleHandler, MAX_BYTES, sampleHandler, type AppRequest, type AppResponse } from '../../../src/app/index.js';

function request(uri: string, timeScale = 1): AppRequest {
  const [path = '', query = ''] = uri.split('?');
  return { environ: { REQUEST_METHOD: 'GET', PATH_INFO: path, QUERY_STRING: query }, body: Buffer.alloc(0), worker: 1, timeScale };
}

async function call(uri: string, timeScale = 1): Promise<AppResponse & { ms: number }> {
  const started = performance.now();
  const response = await sampleHandler(request(uri, timeScale));
  return { ...response, ms: performance.now() - started };
}

describe('sample app', () => {
  it('/hello says hello', async () => {
    const res = await call('/hello');
    expect(res.status).toBe(200);
    expect(res.body).toBe('Hello, world!');
    expect(res.headers?.['Content-Type']).toMatch(/^text\/plain/);
  });

  it('/sleep blocks the thread for ms × timeScale', async () => {
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const started = performance.now();
    const pending = sampleHandler(request('/sleep?ms=200', 0.5));
    const blockedFor = performance.now() - started;
    expect(blockedFor).toBeGreaterThanOrEqual(99);
    expect(timerRan).toBe(false);
    expect((await pending).status).toBe(200);
  });

  it('/cpu burns for ms × timeScale, blocking the thread', async () => {
    const res = await call('/cpu?ms=60');
    expect(res.status).toBe(200);
    expect(res.ms).toBeGreaterThanOrEqual(59);
    expect(String(res.body)).toMatch(/burned 60\.000 ms \(\d+ spins\)/);
  });

  it('/io waits without blocking the thread', async () => {
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const pending = sampleHandler(request('/io?ms=100'));
    expect(timerRan).toBe(false);
    const started = performance.now();
    const res = await pending;
    expect(timerRan).toBe(true);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('/status/CODE answers with that status and an empty body', async () => {
    expect(await call('/status/503')).toMatchObject({ status: 503, body: '' });
    expect(await call('/status/200')).toMatchObject({ status: 200 });
  });

  it('/bytes?n=N answers N bytes', async () => {
    const res = await call('/bytes?n=1000');
    expect(Buffer.isBuffer(res.body)).toBe(true);
    expect((res.body as Buffer).length).toBe(1000);
    expect((await call('/bytes?n=0')).body).toEqual(Buffer.alloc(0));
  });

  it.each([
    ['/sleep?ms=abc', /^Bad Request: ms must be a number of milliseconds from 0 to 3600000, got "abc"\n$/],
    ['/sleep?ms=-5', /got "-5"/],
    ['/sleep', /got nothing/],
    ['/cpu?ms=1e3', /got "1e3"/],
    ['/io?ms=99999999', /got "99999999"/],
    ['/bytes?n=1.5', /n must be a whole number of bytes/],
    [`/bytes?n=${MAX_BYTES + 1}`, /n must be a whole number of bytes from 0 to 67108864/],
    ['/status/99', /CODE must be an HTTP status from 200 to 599, got "99"/],
    ['/status/abc', /got "abc"/],
  ])('%s is a 400 with a one-line reason', async (uri, message) => {
    const res = await call(uri);
    expect(res.status).toBe(400);
    expect(String(res.body)).toMatch(message);
    expect(String(res.body).trimEnd().split('\n')).toHaveLength(1);
  });

  it('anything else is a 404', async () => {
    expect(await call('/nope')).toMatchObject({ status: 404, body: 'Not Found\n' });
    expect(await call('/constructor')).toMatchObject({ status: 404 });
    expect(await call('/hello/')).toMatchObject({ status: 404 });
  });

  it('/crash ends the process through its hook, before answering', async () => {
    const crashed = new Error('crashed');
    const handler = createSampleHandler({
      crash: () => {
        throw crashed;
      },
    });
    await expect(Promise.resolve().then(() => handler(request('/crash')))).rejects.toBe(crashed);
  });
});
