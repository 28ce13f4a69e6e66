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
    expect(stats.workers[0]).toMatchObject({ id: 1, pid: 2001, status: 'busy', accepting: 1, requests: 4, delta_requests: 0, respawn_count: 1, avg_rt: 100_000, rss: 2001, vsz: 4002 });
    expect(stats.workers[1]).toMatchObject({ id: 2, status: 'idle', respawn_count: 0, exceptions: 1, harakiri_count: 2, tx: 99, avg_rt: 0 });
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
