/**
 * gunicorn behind either proxy over a unix socket (`--socket unix`): the
 * seed's 1 : 1 : 2 end to end, and a full backlog refused with 502 at once
 * (the proxy's connect() fails with EAGAIN), its queue read exactly from
 * /proc/net/unix.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProxy } from '../../../src/proxy/index.js';
import type { RunResult } from '../../../src/results/index.js';
import { checkRealPrograms, startGunicornPool, startNginxProxy } from '../../../src/stack/real/index.js';
import { runCli } from '../../helpers/cli.js';
import { timedGet, waitUntil } from './helpers.js';

const found = checkRealPrograms();
const CI = process.env.CI === 'true';
/** Why a spec is skipped (never under CI), naming the missing programs, or '' when it runs. */
const missing = (programs: readonly ('nginx' | 'gunicorn' | 'django')[]): string => {
  const gone = programs.filter((p) => !found[p]);
  return gone.length === 0 || CI ? '' : ` (SKIPPED: ${gone.join(', ')} missing; apt-get install ${found.missing.join(' ')})`;
};
const needs = (proxy: string): string => missing(proxy === 'nginx' ? ['nginx', 'gunicorn', 'django'] : ['gunicorn', 'django']);

describe.each(['nginx', 'embedded'])('caplab run --pool gunicorn --socket unix behind the %s proxy', (proxy) => {
  const why = needs(proxy);

  it.skipIf(why !== '')(`runs the seed through the socket: 1 : 1 : 2, the queued one seen in /proc/net/unix${why}`, async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'caplab-gunicorn-unix-'));
    try {
      const r = await runCli(['run', 'seed-three-slow-requests', '--proxy', proxy, '--pool', 'gunicorn', '--socket', 'unix', '--time-scale', '0.05', '--out', path.join(out, 'run'), '--quiet', '--no-html']);
      expect(r.code, r.stderr).toBe(0);
      const result = JSON.parse(await readFile(path.join(out, 'run', 'results.json'), 'utf8')) as RunResult;
      expect(result.stack).toMatchObject({ proxy, pool: 'gunicorn', socket: 'unix', queue: 'kernel', observed: { queue: 'exact', busy: 'estimated' } });
      expect(result.requests.map((q) => q.status)).toEqual([200, 200, 200]);
      const latencies = result.requests.map((q) => q.latencyMs).sort((a, b) => a - b);
      expect(latencies[2]! / latencies[0]!).toBeGreaterThan(1.7);
      expect(latencies[2]! / latencies[0]!).toBeLessThan(2.3);
      expect((latencies[1]! - latencies[0]!) / latencies[0]!).toBeLessThan(0.15);
      expect(Math.max(...result.requests.map((q) => q.queueMs ?? 0)) / 10_000).toBeGreaterThan(0.9);
      // While both workers serve, the third request waits in the socket's backlog (the burst's first instants may show more).
      expect(result.timeline.some((p) => p.queue === 1 && p.busy === 2 && p.tMs > 2_000 && p.tMs < 9_000)).toBe(true);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

const SLOW_MS = 1_500;
const BURST = 8;
const LISTEN = 2;

describe.each(['nginx', 'embedded'])(`gunicorn over a unix socket with a full backlog (1 worker, listen ${LISTEN}) behind the %s proxy`, (proxy) => {
  const why = needs(proxy);

  it.skipIf(why !== '')(`refuses the overflow with 502 at once and serves the queued ones after the slow request${why}`, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-gunicorn-unix-'));
    const socketPath = path.join(dir, 'pool.sock');
    const pool = await startGunicornPool({ host: '127.0.0.1', port: 0, socketPath, workers: 1, listen: LISTEN, timeScale: 1 });
    const options = { host: '127.0.0.1', port: 0, upstream: { path: socketPath, protocol: 'http' as const }, connectTimeoutMs: 10_000, sendTimeoutMs: 10_000, readTimeoutMs: 10_000 };
    const front = proxy === 'nginx' ? await startNginxProxy(options) : await startProxy(options);
    try {
      expect(pool.socketPath).toBe(socketPath);
      const slow = timedGet(`${front.url}/sleep?ms=${SLOW_MS}`);
      expect(await waitUntil(async () => (await pool.sample()).busy === 1)).toBe(true);
      const burst = Promise.all(Array.from({ length: BURST }, () => timedGet(`${front.url}/hello`)));
      // Linux holds LISTEN + 1 in a unix socket's backlog, as for TCP.
      expect(await waitUntil(async () => (await pool.sample()).queue === LISTEN + 1)).toBe(true);
      const [first, extra] = await Promise.all([slow, burst]);
      expect(first.status).toBe(200);
      const refused = extra.filter((r) => r.status === 502);
      const served = extra.filter((r) => r.status === 200);
      expect(refused.length, extra.map((r) => r.status).join(' ')).toBe(BURST - (LISTEN + 1));
      expect(served.length).toBe(LISTEN + 1);
      for (const r of refused) expect(r.elapsedMs).toBeLessThan(SLOW_MS / 3);
      for (const r of served) expect(r.endMs).toBeGreaterThanOrEqual(first.endMs - 50);
    } finally {
      await Promise.all([front.stop(), pool.stop()]);
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
