import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REAL, SKIP_REASON, startRealStack, timedGet, waitUntil, type RealStack } from './helpers.js';

interface AccessEntry {
  readonly msec: number;
  readonly status: number;
  readonly uri: string;
  readonly request_time: number;
  readonly upstream_connect_time: string;
  readonly upstream_header_time: string;
  readonly upstream_response_time: string;
}

describe.skipIf(SKIP_REAL)(`nginx's JSON access log${SKIP_REASON}`, () => {
  let stack: RealStack;
  let dir: string;
  let log: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-access-'));
    log = path.join(dir, 'access.jsonl');
    stack = await startRealStack({ workers: 1, timeScale: 0.01 }, { accessLog: log });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one JSON object per request with nginx timings in seconds', async () => {
    expect((await timedGet(`${stack.proxy.url}/sleep?ms=20000`)).status).toBe(200); // 200 ms wall
    expect((await timedGet(`${stack.proxy.url}/hello`)).status).toBe(200);
    const read = async (): Promise<AccessEntry[]> =>
      (await readFile(log, 'utf8')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as AccessEntry);
    expect(await waitUntil(async () => (await read()).length >= 2, 2000)).toBe(true);
    const [slow, hello] = await read();
    expect(slow).toMatchObject({ status: 200, uri: '/sleep?ms=20000' });
    expect(hello).toMatchObject({ status: 200, uri: '/hello' });
    expect(slow!.request_time).toBeGreaterThanOrEqual(0.19);
    expect(Number(slow!.upstream_header_time)).toBeGreaterThanOrEqual(0.19);
    expect(Number(slow!.upstream_response_time)).toBeLessThanOrEqual(slow!.request_time + 0.001);
    expect(Number(slow!.upstream_connect_time)).toBeLessThan(Number(slow!.upstream_header_time));
    expect(hello!.msec).toBeGreaterThan(slow!.msec);
  });
});
