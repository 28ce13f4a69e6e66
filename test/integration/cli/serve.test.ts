import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../../../src/pool/index.js';
import { alive, descendants, runCli, startCli, waitFor } from '../../helpers/cli.js';
import { parsePromText, type PromFamily } from '../../helpers/prom-text.js';
import { httpGet as get, startServe, type Served } from '../../helpers/serve.js';

/** What uwsgitop does: connect, send nothing, read until the server closes. */
function plainRead(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    net
      .connect({ host, port })
      .on('data', (d: Buffer) => (text += d.toString()))
      .on('end', () => resolve(text))
      .on('error', reject);
  });
}

async function scrape(url: string): Promise<Map<string, PromFamily>> {
  const res = await get(url);
  expect(res.status).toBe(200);
  expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePromText(res.body);
}

function exitOf(child: Served['child']): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));
}

describe('caplab serve', () => {
  let served: Served;
  beforeAll(async () => {
    served = await startServe(['--workers', '2']);
  });
  afterAll(async () => {
    served?.child.kill('SIGINT');
    if (served) await exitOf(served.child);
  });

  it('prints the proxy URL, the pool, the stats address and the metrics URL, and answers /hello and /metrics', async () => {
    expect(served.proxy).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.metrics).toBe(`http://${served.statsHost}:${served.statsPort}/metrics`);
    expect(alive(served.masterPid)).toBe(true);
    expect(await get(`${served.proxy}/hello`)).toMatchObject({ status: 200, body: 'Hello, world!' });
    const families = await scrape(served.metrics);
    expect(families.get('caplab_pool_workers')?.samples.reduce((s, x) => s + x.value, 0)).toBe(2);
  });

  it("keeps uWSGI's answer for a plain connection (uwsgitop), and serves the same JSON on GET /", async () => {
    const doc = JSON.parse(await plainRead(served.statsHost, served.statsPort)) as Record<string, unknown> & { workers: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['version', 'listen_queue', 'pid', 'uid', 'gid', 'cwd', 'workers']));
    expect(doc.pid).toBe(served.masterPid);
    for (const w of doc.workers) {
      expect(Object.keys(w)).toEqual(expect.arrayContaining(['id', 'pid', 'status', 'requests', 'exceptions', 'rss', 'vsz', 'avg_rt', 'tx', 'running_time', 'last_spawn', 'respawn_count', 'harakiri_count', 'signals', 'cores']));
    }
    const viaHttp = await get(`http://${served.statsHost}:${served.statsPort}/`);
    expect(viaHttp.type).toBe('application/json');
    expect(JSON.parse(viaHttp.body)).toMatchObject({ pid: served.masterPid, version: 'caplab-embedded' });
    expect((await get(`http://${served.statsHost}:${served.statsPort}/nope`)).status).toBe(404);
  });

  it('has counters that only increase between two scrapes under load', async () => {
    const before = await scrape(served.metrics);
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 5; i++) expect((await get(`${served.proxy}/sleep?ms=${i * 3}`)).status).toBe(200);
    }));
    const total = (f: Map<string, PromFamily>, name: string): number => [...f.values()].flatMap((x) => x.samples).filter((s) => s.name === name).reduce((s, x) => s + x.value, 0);
    // A worker counts a request in the scoreboard just after writing its response: poll briefly for the last ones.
    let after = await scrape(served.metrics);
    await waitFor(async () => total((after = await scrape(served.metrics)), 'caplab_pool_worker_requests_total') - total(before, 'caplab_pool_worker_requests_total') >= 40, 2_000);
    for (const [name, family] of before) {
      if (family.type !== 'counter' && family.type !== 'histogram') continue;
      for (const s of family.samples) {
        const later = after.get(name)!.samples.find((x) => x.name === s.name && JSON.stringify(x.labels) === JSON.stringify(s.labels));
        expect(later, `${s.name}${JSON.stringify(s.labels)}`).toBeDefined();
        expect(later!.value, `${s.name}${JSON.stringify(s.labels)}`).toBeGreaterThanOrEqual(s.value);
      }
    }
    expect(total(after, 'caplab_pool_worker_requests_total') - total(before, 'caplab_pool_worker_requests_total')).toBeGreaterThanOrEqual(40);
    expect(total(after, 'caplab_pool_request_duration_seconds_count') - total(before, 'caplab_pool_request_duration_seconds_count')).toBeGreaterThanOrEqual(40);
  });

  it('lets `caplab top` print plain lines whose worker states match the stats while 2 workers sleep', async () => {
    const slow = [get(`${served.proxy}/sleep?ms=4000`), get(`${served.proxy}/sleep?ms=4000`)];
    const host = served.statsHost;
    expect(await waitFor(async () => (await readStats(host, served.statsPort)).workers.every((w) => w.status === 'busy'), 3000)).toBe(true);
    const top = await runCli(['top', '--stats', `${host}:${served.statsPort}`, '-n', '2', '--interval', '200ms'], { timeoutMs: 10_000 });
    const stats = await readStats(host, served.statsPort);
    expect(top.code).toBe(0);
    const lines = top.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const states = [...line.matchAll(/ w(\d+)=(\w+)\(([^)]*)\)/g)].map((m) => ({ id: Number(m[1]), status: m[2] }));
      expect(states).toEqual(stats.workers.map((w) => ({ id: w.id, status: w.status })));
      expect(states.map((s) => s.status)).toEqual(['busy', 'busy']);
      expect(line).toMatch(/busy=2\/2/);
    }
    // the second line has a rate, and each busy worker the age of its request
    expect(lines[1]).toMatch(/rps=\d/);
    expect(lines[1]).toMatch(/w1=busy\(\d+(\.\d+)? (ms|s),/);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
  });
});

describe('caplab serve, SIGHUP', () => {
  it("reloads the pool's workers one by one, and says so", async () => {
    const served = await startServe(['--workers', '2']);
    try {
      const before = await readStats(served.statsHost, served.statsPort);
      served.child.kill('SIGHUP');
      expect(await waitFor(() => /workers reloaded in \d+ ms/.test(served.stderr()), 10_000), served.stderr()).toBe(true);
      const after = await readStats(served.statsHost, served.statsPort);
      const old = before.workers.map((w) => w.pid);
      expect(after.workers.every((w) => w.pid > 0 && !old.includes(w.pid) && w.respawn_count >= 1)).toBe(true);
      expect(served.stderr()).toContain(`pids ${old.join(' ')} -> ${after.workers.map((w) => w.pid).join(' ')}`);
      expect(served.child.exitCode).toBeNull();
    } finally {
      served.child.kill('SIGINT');
      await exitOf(served.child);
    }
  });
});

describe('caplab serve, stopped', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('by %s, stops every process within 2 s and exits %i', async (signal, code) => {
    const served = await startServe(['--workers', '2']);
    let pids: number[] = [];
    expect(await waitFor(async () => (pids = await descendants(served.child.pid!)).length >= 4, 10_000)).toBe(true);
    const sent = Date.now();
    served.child.kill(signal);
    expect(await exitOf(served.child)).toBe(code);
    // the 2 s grace plus process start-up jitter on a shared machine
    expect(Date.now() - sent).toBeLessThan(2_500);
    expect(await waitFor(() => pids.every((p) => !alive(p)), 2_000), `still alive: ${pids.filter(alive).join(' ')}`).toBe(true);
    expect(served.stderr()).toMatch(new RegExp(`E_INTERRUPTED: interrupted by ${signal}`));
  });
});

describe('caplab top, unreachable', () => {
  it('says the stats source is unreachable at each refresh and keeps retrying', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const top = await runCli(['top', '--stats', `127.0.0.1:${closed}`, '-n', '3', '--interval', '100ms'], { timeoutMs: 10_000 });
    const lines = top.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(new RegExp(`stats source 127\\.0\\.0\\.1:${closed} unreachable \\(connect ECONNREFUSED[^)]*\\), retrying$`));
    expect(top.code).toBe(1);
    expect(top.stderr).toMatch(/^caplab: E_POOL_STATS: stats source 127\.0\.0\.1:\d+: no read worked in 3 tries; the last: connect ECONNREFUSED/m);
  });
});
