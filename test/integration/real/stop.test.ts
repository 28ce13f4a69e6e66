import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { groupMembers } from '../../../src/stack/real/process-group.js';
import { alive, waitFor } from '../../helpers/processes.js';
import { SKIP_REAL, SKIP_REASON, nginxPrefix, startRealStack, timedGet } from './helpers.js';

describe.skipIf(SKIP_REAL)(`stop()${SKIP_REASON}`, () => {
  it('leaves nothing running, even with busy workers, and removes the temp dirs', async () => {
    const stack = await startRealStack({ workers: 2 });
    const pending = [1, 2].map(() => timedGet(`${stack.proxy.url}/sleep?ms=30000`).catch(() => undefined));
    // both uWSGI workers busy with them
    expect(await waitFor(async () => (await readStats(stack.pool.host, stack.pool.statsPort)).workers.filter((w) => w.status === 'busy').length === 2, 5_000)).toBe(true);
    const pids = [...groupMembers(stack.proxy.pid), ...groupMembers(stack.pool.pid)];
    expect(pids.length).toBeGreaterThanOrEqual(5); // nginx master + worker, uWSGI master + 2 workers
    const prefix = nginxPrefix(stack.proxy.pid);
    expect(existsSync(prefix)).toBe(true);

    const t0 = performance.now();
    await stack.stop();
    const stopMs = performance.now() - t0;
    // stop() resolves only once every process of both groups has ended
    expect(pids.filter(alive)).toEqual([]);
    expect(existsSync(prefix)).toBe(false);
    expect(stopMs).toBeLessThan(8000);
    await Promise.all(pending);
    await stack.stop(); // a second stop is harmless
  });
});
