import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { exchange, httpGet, stats, stopAndCheck, waitFor } from './helpers.js';
import { SKIP_KERNEL } from '../../helpers/native.js';

const HARAKIRI_MS = 300;

// Seen in `caplab top` with harakiri: 1s: the first request a respawned worker took after a harakiri
// kill ran to completion, because the slot still held the killed process's request number.
describe.skipIf(SKIP_KERNEL)('harakiri after a harakiri respawn (kernel queue)', () => {
  let pool: RunningPool | undefined;
  beforeAll(async () => {
    pool = await startPool({ protocol: 'http', workers: 1, harakiriMs: HARAKIRI_MS, queue: 'kernel' });
  });
  afterAll(() => stopAndCheck(pool));

  it("also kills the new process's first stuck request", async () => {
    for (const round of [1, 2]) {
      const killed = await exchange(pool!.port, httpGet('/sleep?ms=5000'));
      expect(killed.status, `round ${round}`).toBe(0);
      expect(killed.closedAt - killed.connectedAt, `round ${round}`).toBeLessThan(2_500);
      expect(await waitFor(async () => (await stats(pool!)).workers[0]!.harakiri_count === round && (await stats(pool!)).workers[0]!.accepting === 1)).toBe(true);
    }
    // uWSGI's meaning: spawns, the first included (1 + 2 harakiri respawns)
    expect((await stats(pool!)).workers[0]!.respawn_count).toBe(3);
  });
});
