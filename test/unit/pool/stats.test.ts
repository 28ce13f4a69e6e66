import { describe, expect, it } from 'vitest';
import { buildStats } from '../../../src/pool/master/build-stats.js';
import { WorkerSlot } from '../../../src/pool/master/worker-slot.js';
import { parseStats } from '../../../src/pool/index.js';

function slot(id: number, setup: (s: WorkerSlot) => void): WorkerSlot {
  const s = new WorkerSlot(id);
  s.spawning();
  s.pid = 1000 + id;
  s.state = 'idle';
  setup(s);
  return s;
}

describe('stats document', () => {
  const slots = [
    slot(1, (s) => {
      s.state = 'busy';
      s.requests = 4;
      s.deltaRequests = 1;
      s.runningTimeUs = 400_000;
      s.spawning();
      s.pid = 2001;
      s.state = 'busy';
    }),
    slot(2, (s) => {
      s.exceptions = 1;
      s.harakiriCount = 2;
      s.tx = 99;
    }),
  ];
  const stats = buildStats({
    pid: 42,
    socket: { name: '127.0.0.1:9001', proto: 'uwsgi', queue: 3, maxQueue: 100 },
    refused: 5,
    malformed: 6,
    slots,
    memory: (pid) => ({ rss: pid, vsz: pid * 2 }),
  });

  it("has uWSGI's shape plus caplab's counters", () => {
    expect(stats).toMatchObject({
      listen_queue: 3,
      listen_queue_errors: 5,
      load: 1,
      sockets: [{ name: '127.0.0.1:9001', proto: 'uwsgi', queue: 3, max_queue: 100 }],
      caplab: { refused: 5, malformed: 6, busy: 1 },
    });
    expect(stats.workers[0]).toMatchObject({ id: 1, pid: 2001, status: 'busy', accepting: 1, requests: 4, delta_requests: 0, respawn_count: 2, avg_rt: 100_000, rss: 2001, vsz: 4002 });
    expect(stats.workers[1]).toMatchObject({ id: 2, status: 'idle', respawn_count: 1, exceptions: 1, harakiri_count: 2, tx: 99, avg_rt: 0 });
  });

  it('round-trips through parseStats', () => {
    expect(parseStats(JSON.stringify(stats))).toEqual(stats);
  });

  it("parses real uWSGI's document, also behind --stats-http's head", () => {
    const uwsgi = {
      version: '2.0.21-debian',
      listen_queue: 0,
      listen_queue_errors: 0,
      signal_queue: 0,
      load: 0,
      pid: 77,
      uid: 0,
      gid: 0,
      cwd: '/',
      locks: [{ 'user 0': 0 }],
      sockets: [{ name: '127.0.0.1:9001', proto: 'uwsgi', queue: 0, max_queue: 100, shared: 0, can_offload: 0 }],
      workers: [
        { id: 1, pid: 78, accepting: 1, requests: 3, delta_requests: 3, exceptions: 0, harakiri_count: 0, signals: 0, signal_queue: 0, status: 'idle', rss: 0, vsz: 0, running_time: 1200, last_spawn: 1700000000, respawn_count: 1, tx: 600, avg_rt: 400, apps: [], cores: [{ id: 0, requests: 3 }] },
      ],
    };
    const parsed = parseStats(JSON.stringify(uwsgi));
    expect(parsed.workers[0]?.respawn_count).toBe(1);
    expect(parsed.caplab).toBeUndefined();
    expect(parsed.pid).toBe(77);
    const http = parseStats(`HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(uwsgi)}`);
    expect(http.listen_queue).toBe(0);
  });

  it('refuses what is not a stats document', () => {
    expect(() => parseStats('not json')).toThrow(/not JSON/);
    expect(() => parseStats('{"listen_queue": 0}')).toThrow(/not a stats document/);
  });
});

/**
 * Every field real uwsgitop reads (github.com/xrmx/uwsgitop, file uwsgitop:
 * dd['version'], dd['listen_queue'], dd['cwd'], dd['uid'], dd['gid'],
 * dd['pid']; per worker id, pid, requests, exceptions, signals, status,
 * avg_rt, rss, vsz, tx, respawn_count, harakiri_count, running_time,
 * last_spawn, cores; per core id, requests, in_request), and the rest of
 * uWSGI's top level (listen_queue_errors, signal_queue, load, locks, sockets).
 */
const UWSGITOP_TOP = ['version', 'listen_queue', 'listen_queue_errors', 'signal_queue', 'load', 'pid', 'uid', 'gid', 'cwd', 'locks', 'sockets', 'workers'];
const UWSGITOP_WORKER = ['id', 'pid', 'accepting', 'requests', 'delta_requests', 'exceptions', 'harakiri_count', 'signals', 'signal_queue', 'status', 'rss', 'vsz', 'running_time', 'last_spawn', 'respawn_count', 'tx', 'avg_rt', 'apps', 'cores'];
const UWSGITOP_CORE = ['id', 'requests', 'static_requests', 'routed_requests', 'offloaded_requests', 'write_errors', 'read_errors', 'in_request', 'vars', 'req_info'];

describe("the embedded pool's document has uwsgitop's field set", () => {
  const busy = slot(1, (s) => {
    s.state = 'busy';
    s.requestStartedAtMs = 1_700_000_000_500;
  });
  const gone = slot(2, (s) => {
    s.requests = 3;
    s.durations = [1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    s.spawning();
  });
  const idle = slot(3, (s) => {
    s.observe(3);
    s.observe(40);
    s.observe(60_000);
  });
  const stats = buildStats({
    pid: 7,
    socket: { name: '127.0.0.1:1', proto: 'uwsgi', queue: 0, maxQueue: 100 },
    refused: 0,
    malformed: 0,
    slots: [busy, gone, idle],
    memory: () => ({ rss: 1, vsz: 2 }),
    identity: { uid: 1000, gid: 1000, cwd: '/srv' },
  });

  it('at the top level, per worker and per core, with the types uwsgitop expects', () => {
    expect(Object.keys(stats)).toEqual(expect.arrayContaining(UWSGITOP_TOP));
    expect(stats).toMatchObject({ pid: 7, uid: 1000, gid: 1000, cwd: '/srv', locks: [] });
    for (const w of stats.workers) {
      expect(Object.keys(w)).toEqual(expect.arrayContaining(UWSGITOP_WORKER));
      expect(typeof w.status).toBe('string');
      for (const c of w.cores ?? []) expect(Object.keys(c)).toEqual(expect.arrayContaining(UWSGITOP_CORE));
    }
    // uwsgitop computes running_time / 1000 and formats avg_rt / 1000: numbers
    for (const key of ['requests', 'exceptions', 'avg_rt', 'rss', 'vsz', 'tx', 'respawn_count', 'harakiri_count', 'running_time', 'last_spawn', 'signals'] as const) {
      expect(typeof stats.workers[0]![key], key).toBe('number');
    }
  });

  it("says 'respawning' for a slot without a ready process, and when the busy worker's request started", () => {
    expect(stats.workers.map((w) => w.status)).toEqual(['busy', 'respawning', 'idle']);
    expect(stats.workers[0]!.cores![0]).toMatchObject({ in_request: 1, req_info: { request_start: 1_700_000_000.5 } });
    expect(stats.workers[2]!.cores![0]).toMatchObject({ in_request: 0, req_info: {} });
  });

  it('sums the request-duration buckets of every slot, respawned ones included', () => {
    // slot 2: 1 + 2 kept across its respawn; slot 3: 3 ms and 40 ms counted, 60 s beyond every bound
    expect(stats.caplab?.request_duration?.counts.slice(0, 5)).toEqual([2, 2, 0, 1, 0]);
    expect(stats.caplab?.request_duration?.le[0]).toBe(0.005);
  });
});
