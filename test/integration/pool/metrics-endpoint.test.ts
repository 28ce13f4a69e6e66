import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { SKIP_KERNEL } from '../../helpers/native.js';
import { parsePromText, sampleValue } from '../../helpers/prom-text.js';
import { exchange, httpGet, stats, stopAndCheck, waitFor } from './helpers.js';

function scrape(pool: RunningPool): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: pool.host, port: pool.statsPort, path: '/metrics', agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

const H = 'caplab_pool_request_duration_seconds';

describe.each((['kernel', 'master'] as const).filter((queue) => queue === 'master' || !SKIP_KERNEL))("the pool's request-duration histogram (%s queue)", (queue) => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'http', workers: 2, queue });
  });
  afterAll(() => stopAndCheck(pool));

  it('counts each served request once, in the bucket of its duration, and agrees with the stats JSON', async () => {
    for (let i = 0; i < 5; i++) expect((await exchange(pool!.port, httpGet('/sleep?ms=20'))).status).toBe(200);
    // the worker counts a request just after writing its response
    expect(await waitFor(async () => (await stats(pool!)).workers.reduce((s, w) => s + w.requests, 0) === 5, 2_000)).toBe(true);
    const families = parsePromText(await scrape(pool!));
    expect(sampleValue(families, `${H}_count`)).toBe(5);
    // a 20 ms sleep cannot take 10 ms or less, and does not take 10 s
    expect(sampleValue(families, `${H}_bucket`, { le: '0.01' })).toBe(0);
    expect(sampleValue(families, `${H}_bucket`, { le: '10' })).toBe(5);
    const doc = await stats(pool!);
    expect(sampleValue(families, `${H}_sum`)).toBeCloseTo(doc.workers.reduce((s, w) => s + w.running_time, 0) / 1e6, 6);
    expect(sampleValue(families, `${H}_sum`)).toBeGreaterThanOrEqual(5 * 0.02);
  });
});
