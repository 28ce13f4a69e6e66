import { describe, expect, it } from 'vitest';
import { degradedReason, mergeRecords, parseRecordsText, RECORDS_FORMAT } from '../../../src/locust/index.js';
import { summarizeRequests } from '../../../src/results/index.js';

const header = (worker: number): string =>
  JSON.stringify({ format: RECORDS_FORMAT, scenario: 's', seed: 1, timeScale: 0.5, worker, workers: 2, t0: 1e9, pid: 10 + worker, host: 'h', locust: '2.12.1' });
const line = (scheduledMs: number, latencyMs: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ phase: 'open#0', method: 'GET', path: '/x', scheduledMs, sentMs: scheduledMs + 1, latencyMs, status: 200, error: null, ...extra });

describe('parseRecordsText', () => {
  it('reads the header, every record and the trailer', () => {
    const w = parseRecordsText('a', [header(0), line(0, 5), line(10, 7), '{"done":true,"records":2}', ''].join('\n'));
    expect(w.header?.worker).toBe(0);
    expect(w.lines).toHaveLength(2);
    expect(w.done).toBe(true);
    expect(w.unreadable).toBe(0);
  });

  it('keeps the records of a worker killed mid-line, without a trailer', () => {
    const w = parseRecordsText('a', [header(1), line(0, 5), '{"phase":"open#0","met'].join('\n'));
    expect(w.lines).toHaveLength(1);
    expect(w.done).toBe(false);
    expect(w.unreadable).toBe(1);
  });
});

describe('mergeRecords', () => {
  const a = parseRecordsText('a', [header(0), line(0, 5, { worker: '1', queueMs: '2.5', serviceMs: '2', connect: '0.001' }), line(20, 9)].join('\n'));
  const b = parseRecordsText('b', [header(1), line(10, 3), line(30, 4)].join('\n'));

  it('merges every worker\'s records in scheduled order, wall ms divided by the time scale', () => {
    const merged = mergeRecords([a, b], 0.5);
    expect(merged.map((r) => [r.id, r.scheduledMs, r.sentMs, r.latencyMs])).toEqual([
      [0, 0, 2, 10],
      [1, 20, 22, 6],
      [2, 40, 42, 18],
      [3, 60, 62, 8],
    ]);
    expect(merged[0]).toMatchObject({ worker: 1, queueMs: 5, serviceMs: 4, connectMs: 2 });
    expect(merged[1]).toMatchObject({ worker: null, queueMs: null, serviceMs: null, connectMs: null });
  });

  it('reads the thread that served a request from X-Caplab-Core, null when absent or malformed', () => {
    const cores = ['1', '0', undefined, '-1', '1.5', 'x', ' '];
    const w = parseRecordsText('c', [header(0), ...cores.map((core, i) => line(i, 5, core === undefined ? {} : { core }))].join('\n'));
    expect(w.lines[0]?.core).toBe('1');
    expect(mergeRecords([w], 0.5).map((r) => r.core)).toEqual([1, 0, null, null, null, null, null]);
  });

  it('counts every record once: the merged summary is the summary of all records', () => {
    const merged = mergeRecords([a, b], 0.5);
    expect(merged).toHaveLength(a.lines.length + b.lines.length);
    expect(summarizeRequests(merged).latencyMs.max).toBe(18);
  });
});

describe('degradedReason', () => {
  const done = parseRecordsText('a', [header(0), line(0, 5), '{"done":true,"records":1}'].join('\n'));
  const cut = parseRecordsText('b', [header(1), line(0, 5)].join('\n'));

  it('is null when every worker finished its share', () => {
    expect(degradedReason([done, done], 2, new Map(), [1, 2], 1)).toBeNull();
  });

  it('names a killed worker, when, and how many of its records are kept', () => {
    const exits = new Map([[22, { pid: 22, code: null, signal: 'SIGKILL', atMs: 1500 }]]);
    expect(degradedReason([done, cut], 2, exits, [21, 22], 0.5)).toBe('Locust worker 1 (pid 22) was killed (SIGKILL) at t = 3.0 s; its 1 records are kept');
  });

  it('counts workers that sent nothing (master-only)', () => {
    expect(degradedReason([done], 3, new Map(), [], 1)).toBe('2 of 3 Locust workers sent no records');
  });
});
