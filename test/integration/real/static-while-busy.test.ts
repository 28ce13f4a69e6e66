import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { SKIP_REAL, SKIP_REASON, startRealStack, timedGet, waitUntil, type RealStack } from './helpers.js';

describe.skipIf(SKIP_REAL)(`nginx static files${SKIP_REASON}`, () => {
  let stack: RealStack;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-static-'));
    await writeFile(path.join(dir, 'hello.txt'), 'static hello\n');
    stack = await startRealStack({ workers: 2 }, { staticDir: dir });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves /static/ while every uWSGI worker is busy', async () => {
    const slow = [1, 2].map(() => timedGet(`${stack.proxy.url}/sleep?ms=2000`));
    const allBusy = await waitUntil(async () => {
      const stats = await readStats(stack.pool.host, stack.pool.statsPort);
      return stats.workers.every((w) => w.status === 'busy');
    }, 1500, 20);
    expect(allBusy).toBe(true);

    const file = await timedGet(`${stack.proxy.url}/static/hello.txt`);
    expect(file.status).toBe(200);
    expect(file.body).toBe('static hello\n');
    expect(file.headers['x-caplab-worker']).toBeUndefined();

    const done = await Promise.all(slow);
    // The static file came back while both dynamic requests were still running.
    for (const r of done) expect(file.endMs).toBeLessThan(r.endMs);
    expect(file.elapsedMs).toBeLessThan(500);
    expect((await timedGet(`${stack.proxy.url}/static/missing.txt`)).status).toBe(404);
  });
});
