import { describe, expect, it } from 'vitest';
import { BANKS, Scoreboard } from '../../../src/pool/scoreboard.js';

const served = (bytes: number) => ({ outcome: 'served' as const, status: 200, exception: false, bytes });

describe('Scoreboard: cores (threads) and banks (reloads)', () => {
  const threads = 2;
  const make = (): Scoreboard => new Scoreboard(new ArrayBuffer(Scoreboard.bytes(3, threads)), threads);

  it('sizes 2 banks of T records per slot', () => {
    expect(BANKS).toBe(2);
    expect(Scoreboard.bytes(3, 2)).toBe(3 * 2 * 2 * 32 * 8);
  });

  it('a slot is busy while any of its cores is, since the oldest request; counters are the cores summed', () => {
    const board = make();
    board.attach(1, 0, 100);
    board.attach(1, 1, 100);
    board.begin(1, 0, 5_000);
    board.begin(1, 1, 4_000);
    expect(board.read(1, 0)).toMatchObject({ state: 'busy', pid: 100, startedAtMs: 4_000, seq: 2 });
    expect(board.cores(1, 0).map((c) => c.busy)).toEqual([true, true]);
    board.end(1, 0, served(10), 3);
    expect(board.read(1, 0)).toMatchObject({ state: 'busy', startedAtMs: 4_000, requests: 1, tx: 10 });
    board.end(1, 1, served(20), 4);
    expect(board.read(1, 0)).toMatchObject({ state: 'idle', startedAtMs: 0, requests: 2, deltaRequests: 2, tx: 30 });
    expect(board.cores(1, 0).map((c) => c.requests)).toEqual([1, 1]);
    // the other slots are untouched
    expect(board.read(0, 0)).toMatchObject({ state: 'starting', pid: 0, requests: 0 });
    expect(board.read(2, 0)).toMatchObject({ state: 'starting', pid: 0, requests: 0 });
  });

  it('during a reload each bank reports its own process; counters carry over both; vacating one bank leaves the other', () => {
    const board = make();
    const oldCore = Scoreboard.record(0, 0, threads);
    const newCore = Scoreboard.record(1, 0, threads);
    expect(newCore).toBe(2);
    board.attach(0, oldCore, 100);
    board.begin(0, oldCore, 1_000);
    board.attach(0, newCore, 200);
    board.begin(0, newCore, 2_000);
    board.end(0, newCore, served(5), 1);
    expect(board.read(0, 0)).toMatchObject({ state: 'busy', pid: 100, startedAtMs: 1_000, requests: 1, deltaRequests: 0 });
    expect(board.read(0, 1)).toMatchObject({ state: 'idle', pid: 200, requests: 1, deltaRequests: 1 });
    board.end(0, oldCore, served(7), 2);
    board.vacate(0, 0);
    expect(board.read(0, 0)).toMatchObject({ state: 'starting', pid: 0, requests: 2, tx: 12 });
    expect(board.read(0, 1)).toMatchObject({ state: 'idle', pid: 200 });
    expect(board.durations(0).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
