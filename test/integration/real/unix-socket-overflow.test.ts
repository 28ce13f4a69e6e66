/**
 * The proxy → pool link over a unix socket, role by role: every proxy in
 * front of every pool that listens on one, and what a full backlog does.
 * Over a unix socket the proxy's connect() fails at once with EAGAIN and the
 * client gets 502 at once; over TCP the SYN is dropped and retried about
 * 1 s later, so the same overflow is delayed, not refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats, startPool, type RunningPool } from '../../../src/pool/index.js';
import { startProxy } from '../../../src/proxy/index.js';
import { checkRealPrograms, startNginxProxy, startUwsgiPool } from '../../../src/stack/real/index.js';
import { NO_NATIVE, SKIP_KERNEL } from '../../helpers/native.js';
import { timedGet, waitUntil, type Timed } from './helpers.js';

type ProxyKind = 'embedded' | 'nginx';
type PoolKind = 'kernel' | 'master' | 'uwsgi';
type Socket = 'tcp' | 'unix';

const found = checkRealPrograms();
const CI = process.env.CI === 'true';
/** Why a real program's specs are skipped (never under CI), or '' when they run. */
const missing = (programs: readonly ('nginx' | 'uwsgi' | 'django')[]): string => {
  const gone = programs.filter((p) => !found[p]);
  return gone.length === 0 || CI ? '' : ` (SKIPPED: ${gone.join(', ')} missing; apt-get install ${found.missing.join(' ')})`;
};
const needs = (proxy: ProxyKind, pool: PoolKind): string =>
  missing([...(proxy === 'nginx' ? (['nginx'] as const) : []), ...(pool === 'uwsgi' ? (['uwsgi', 'django'] as const) : [])]) ||
  (pool === 'kernel' && SKIP_KERNEL ? NO_NATIVE : '');

interface Pair {
  readonly url: string;
  readonly pool: RunningPool;
  readonly dir: string;
  stop(): Promise<void>;
}

async function startPair(proxy: ProxyKind, pool: PoolKind, socket: Socket, sizes: { workers: number; listen: number }): Promise<Pair> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'caplab-unix-test-'));
  const socketPath = path.join(dir, 'pool.sock');
  const options = { host: '127.0.0.1', port: 0, protocol: 'uwsgi' as const, timeScale: 1, ...sizes, ...(socket === 'unix' ? { socketPath } : {}) };
  const p = pool === 'uwsgi' ? await startUwsgiPool({ ...options, app: 'django' }) : await startPool({ ...options, queue: pool });
  const upstream = socket === 'unix' ? { path: socketPath, protocol: 'uwsgi' as const } : { host: p.host, port: p.port, protocol: 'uwsgi' as const };
  const proxyOptions = { host: '127.0.0.1', port: 0, upstream, connectTimeoutMs: 10_000, sendTimeoutMs: 10_000, readTimeoutMs: 10_000 };
  const x = proxy === 'nginx' ? await startNginxProxy(proxyOptions) : await startProxy(proxyOptions);
  return {
    url: x.url,
    pool: p,
    dir,
    stop: async () => {
      await Promise.all([x.stop(), p.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const SLOW_MS = 1_500;
const EXTRA = 6;
const LISTEN = 1;

/**
 * One worker busy on a slow request, then EXTRA simultaneous requests: the
 * backlog holds LISTEN + 1 (Linux's rule, for TCP and unix sockets alike);
 * the rest overflow.
 */
async function overflow(pair: Pair): Promise<{ slow: Timed; extra: Timed[] }> {
  const slow = timedGet(`${pair.url}/sleep?ms=${SLOW_MS}`);
  expect(await waitUntil(async () => (await readStats(pair.pool.host, pair.pool.statsPort)).workers.some((w) => w.status === 'busy'))).toBe(true);
  const extra = await Promise.all(Array.from({ length: EXTRA }, () => timedGet(`${pair.url}/hello`)));
  return { slow: await slow, extra };
}

const PAIRS: readonly (readonly [ProxyKind, PoolKind])[] = [
  ['embedded', 'kernel'],
  ['embedded', 'master'],
  ['nginx', 'kernel'],
  ['embedded', 'uwsgi'],
  ['nginx', 'uwsgi'],
];

describe.each(PAIRS)('%s proxy → %s pool over a unix socket', (proxy, pool) => {
  const why = needs(proxy, pool);
  let pair: Pair | undefined;
  beforeAll(async () => {
    if (!why) pair = await startPair(proxy, pool, 'unix', { workers: 2, listen: 16 });
  }, 60_000);
  afterAll(() => pair?.stop());

  it.skipIf(why !== '')(`serves through the socket in the temp folder${why}`, async () => {
    expect(pair!.pool.socketPath).toBe(path.join(pair!.dir, 'pool.sock'));
    expect(pair!.pool.port).toBe(0);
    const answers = await Promise.all([timedGet(`${pair!.url}/hello`), timedGet(`${pair!.url}/hello`)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const stats = await readStats(pair!.pool.host, pair!.pool.statsPort);
    expect(stats.sockets[0]!.name).toBe(pair!.pool.socketPath);
  });
});

const OVERFLOW: readonly (readonly [ProxyKind, 'kernel' | 'uwsgi'])[] = [
  ['embedded', 'kernel'],
  ['nginx', 'kernel'],
  ['embedded', 'uwsgi'],
  ['nginx', 'uwsgi'],
];

describe.each(OVERFLOW)(`a full backlog (1 worker, listen ${LISTEN}): %s proxy → %s pool`, (proxy, pool) => {
  const why = needs(proxy, pool);

  it.skipIf(why !== '')(`over unix, the overflow gets 502 at once${why}`, async () => {
    const pair = await startPair(proxy, pool, 'unix', { workers: 1, listen: LISTEN });
    try {
      const result = overflow(pair);
      if (pool === 'kernel') {
        // The kernel's queue of a unix socket, read by sock_diag as `ss -xl` does: full at LISTEN + 1.
        const full = await waitUntil(async () => (await readStats(pair.pool.host, pair.pool.statsPort)).listen_queue === LISTEN + 1);
        expect(full).toBe(true);
      }
      const { slow, extra } = await result;
      expect(slow.status).toBe(200);
      const refused = extra.filter((r) => r.status === 502);
      const served = extra.filter((r) => r.status === 200);
      expect(refused.length, extra.map((r) => r.status).join(' ')).toBe(EXTRA - (LISTEN + 1));
      expect(served.length).toBe(LISTEN + 1);
      for (const r of refused) expect(r.elapsedMs).toBeLessThan(SLOW_MS / 3);
      for (const r of served) expect(r.endMs).toBeGreaterThanOrEqual(slow.endMs - 50);
    } finally {
      await pair.stop();
    }
  }, 30_000);

  it.skipIf(why !== '')(`over TCP, the overflow is delayed by SYN retries, never refused${why}`, async () => {
    const pair = await startPair(proxy, pool, 'tcp', { workers: 1, listen: LISTEN });
    try {
      const { slow, extra } = await overflow(pair);
      expect([slow.status, ...extra.map((r) => r.status)]).toEqual(Array.from({ length: EXTRA + 1 }, () => 200));
      const last = Math.max(...extra.map((r) => r.endMs));
      // The retried SYNs land 1 s, then 3 s, after the first try: well after the slow request ended.
      expect(last - slow.endMs).toBeGreaterThan(400);
      expect(Math.max(...extra.map((r) => r.elapsedMs))).toBeGreaterThan(SLOW_MS);
    } finally {
      await pair.stop();
    }
  }, 30_000);
});
