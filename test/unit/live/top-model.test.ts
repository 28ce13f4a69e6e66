import { describe, expect, it } from 'vitest';
import { createTopModel, renderTopLine, renderTopScreen, sparkline, statsSource } from '../../../src/live/index.js';
import { parseStats, type PoolStats } from '../../../src/pool/index.js';

const T0 = 1_700_000_000_000;

function doc(requests: [number, number], status: [string, string], queue = 0, requestStartS?: number): PoolStats {
  return parseStats(
    JSON.stringify({
      version: 'caplab-embedded',
      pid: 5,
      listen_queue: queue,
      sockets: [{ name: 'x', proto: 'uwsgi', queue, max_queue: 100 }],
      workers: [0, 1].map((i) => ({
        id: i + 1,
        pid: 10 + i,
        requests: requests[i],
        status: status[i],
        avg_rt: 2500,
        rss: 50 * 1024 * 1024,
        cores: [{ id: 0, requests: requests[i], in_request: status[i] === 'busy' ? 1 : 0, req_info: status[i] === 'busy' && requestStartS !== undefined ? { request_start: requestStartS } : {} }],
      })),
    }),
  );
}

describe("caplab top's model", () => {
  it('computes requests per second from counter deltas, and the deepest queue seen', () => {
    const model = createTopModel('127.0.0.1:1');
    expect(model.record(doc([0, 0], ['idle', 'idle']), T0).rps).toBeNull();
    const v = model.record(doc([30, 20], ['busy', 'idle'], 4), T0 + 2000);
    expect(v.rps).toBe(25);
    expect(v.queuePeak).toBe(4);
    expect(model.record(doc([30, 21], ['idle', 'idle'], 1), T0 + 3000)).toMatchObject({ rps: 1, queue: 1, queuePeak: 4, queueMax: 100, busy: 0 });
    // counters going back (a restarted pool) give no rate rather than a negative one
    expect(model.record(doc([0, 0], ['idle', 'idle']), T0 + 4000).rps).toBeNull();
  });

  it("takes a busy worker's request age from uWSGI's cores", () => {
    const model = createTopModel('s');
    const v = model.record(doc([1, 1], ['busy', 'idle'], 0, T0 / 1000 - 1.5), T0);
    expect(v.workers.map((w) => w.requestAgeMs)).toEqual([1500, null]);
    expect(v.workers[0]).toMatchObject({ avgMs: 2.5, pid: 10, status: 'busy' });
  });

  it("shows replacements, not uWSGI's spawn count: a fresh worker (respawn_count 1) has 0 respawns", () => {
    const base = JSON.parse(JSON.stringify(doc([1, 1], ['idle', 'idle']))) as { workers: { respawn_count: number }[] };
    base.workers[0]!.respawn_count = 1;
    base.workers[1]!.respawn_count = 3;
    const v = createTopModel('s').record(parseStats(JSON.stringify(base)), T0);
    expect(v.workers.map((w) => w.respawns)).toEqual([0, 2]);
  });

  it('keeps the busy workers of the last minute, one column per second', () => {
    const model = createTopModel('s');
    let v = model.record(doc([0, 0], ['busy', 'busy']), T0);
    for (let s = 1; s <= 70; s++) v = model.record(doc([0, 0], s > 65 ? ['idle', 'idle'] : ['busy', 'idle']), T0 + s * 1000);
    expect(v.busyHistory).toHaveLength(60);
    expect(v.busyHistory.slice(-5)).toEqual([0, 0, 0, 0, 0]);
    expect(v.busyHistory[0]).toBe(1);
    expect(sparkline(v.busyHistory, 2).slice(-6)).toBe('▅▁▁▁▁▁');
  });

  it('keeps the last view when a read fails, and says so on the screen and in the line', () => {
    const model = createTopModel('127.0.0.1:9');
    model.record(doc([1, 1], ['idle', 'busy']), T0);
    const v = model.failed('connect ECONNREFUSED 127.0.0.1:9', T0 + 1000);
    expect(v.workers).toHaveLength(2);
    expect(renderTopLine(v, T0 + 1000)).toMatch(/stats source 127\.0\.0\.1:9 unreachable \(connect ECONNREFUSED 127\.0\.0\.1:9\), retrying$/);
    const screen = renderTopScreen(v, { width: 200, color: false, intervalMs: 1000 });
    expect(screen[1]).toBe('stats source 127.0.0.1:9 unreachable (connect ECONNREFUSED 127.0.0.1:9), retrying every 1.00 s');
    const garbled = model.failed('not JSON (5 bytes, starting "<html")', T0 + 2000);
    expect(renderTopLine(garbled, T0 + 2000)).toMatch(/stats source 127\.0\.0\.1:9 answered something else \(not JSON/);
  });

  it('shows every worker column, cut to the terminal width', () => {
    const v = createTopModel('s').record(doc([3, 4], ['busy', 'idle'], 0, T0 / 1000 - 0.25), T0);
    const screen = renderTopScreen(v, { width: 120, color: false, intervalMs: 1000 });
    const header = screen.find((l) => l.includes('WID'))!;
    for (const title of ['WID', 'PID', 'STATUS', 'REQ AGE', 'REQS', 'EXC', 'HARAKIRI', 'RESPAWNS', 'AVG', 'RSS']) expect(header).toContain(title);
    expect(screen.find((l) => /^\s+1\s+10\s+busy/.test(l))).toMatch(/250 ms.*50\.0 MiB/);
    expect(renderTopScreen(v, { width: 30, color: true, intervalMs: 1000 }).every((l) => l.replace(/\x1b\[[0-9;]*m/g, '').length <= 30)).toBe(true);
    expect(renderTopLine(v, T0)).toMatch(/queue=0\/100 rps=- busy=1\/2 w1=busy\(250 ms,3 req\) w2=idle\(4 req\)$/);
  });

  it('takes exactly one of --stats HOST:PORT and --url URL', () => {
    expect(statsSource({ stats: '127.0.0.1:9191' })).toMatchObject({ kind: 'tcp', host: '127.0.0.1', port: 9191 });
    expect(statsSource({ stats: '[::1]:9191' })).toMatchObject({ kind: 'tcp', host: '::1' });
    expect(statsSource({ url: 'http://127.0.0.1:9191/' })).toMatchObject({ kind: 'url' });
    expect(() => statsSource({})).toThrow(/--stats HOST:PORT or --url/);
    expect(() => statsSource({ stats: 'a:1', url: 'http://a/' })).toThrow(/not both/);
    expect(() => statsSource({ stats: 'nope' })).toThrow(/HOST:PORT/);
    expect(() => statsSource({ url: 'ftp://x/' })).toThrow(/http:\/\//);
  });
});
