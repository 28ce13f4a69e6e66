import { describe, expect, it } from 'vitest';
import { assignThreadLanes, laneOverlap, type LanedInterval, type ServiceInterval } from '../../../src/report/thread-lanes.js';

const at = (id: number, worker: number, startMs: number, endMs: number): ServiceInterval => ({ id, worker, startMs, endMs });

describe('assignThreadLanes', () => {
  it('puts overlapping requests of one worker on different sub-lanes', () => {
    const lanes = assignThreadLanes([at(1, 1, 0, 100), at(2, 1, 50, 150)], 2);
    expect(lanes.laneOf.get(1)).toBe(1);
    expect(lanes.laneOf.get(2)).toBe(2);
    expect(lanes.lanesOf.get(1)).toBe(2);
    expect(lanes.overfull).toEqual([]);
    expect(lanes.beyond).toBe(0);
    expect(lanes.maxExcessMs).toBe(0);
  });

  it('reuses sub-lane 1 for requests that do not overlap, touching ends included', () => {
    const lanes = assignThreadLanes([at(1, 1, 0, 100), at(2, 1, 100, 200), at(3, 1, 250, 300)], 2);
    expect([1, 2, 3].map((id) => lanes.laneOf.get(id))).toEqual([1, 1, 1]);
    expect(lanes.lanesOf.get(1)).toBe(1);
  });

  it('fills the first free sub-lane, not the last used one', () => {
    // #1 on lane 1 ends at 100; #2 holds lane 2 until 400; #3 at 150 takes lane 1 again.
    const lanes = assignThreadLanes([at(1, 1, 0, 100), at(2, 1, 10, 400), at(3, 1, 150, 200)], 2);
    expect([1, 2, 3].map((id) => lanes.laneOf.get(id))).toEqual([1, 2, 1]);
  });

  it('keeps workers apart: another worker at the same time starts on its own lane 1', () => {
    const lanes = assignThreadLanes([at(1, 1, 0, 100), at(2, 2, 0, 100), at(3, 1, 0, 100)], 2);
    expect(lanes.laneOf.get(2)).toBe(1);
    expect(new Set([lanes.laneOf.get(1), lanes.laneOf.get(3)])).toEqual(new Set([1, 2]));
    expect(Object.fromEntries(lanes.lanesOf)).toEqual({ 1: 2, 2: 1 });
  });

  it('never overlaps within a sub-lane, whatever the input order', () => {
    const input = Array.from({ length: 60 }, (_, i) => at(i + 1, 1 + (i % 3), (i * 37) % 500, ((i * 37) % 500) + 20 + ((i * 13) % 90)));
    const reversed = assignThreadLanes([...input].reverse(), 4);
    const lanes = assignThreadLanes(input, 4);
    expect([...reversed.laneOf]).toEqual(expect.arrayContaining([...lanes.laneOf]));
    const byLane = new Map<string, ServiceInterval[]>();
    for (const r of input) {
      const key = `${r.worker}/${lanes.laneOf.get(r.id)}`;
      byLane.set(key, [...(byLane.get(key) ?? []), r]);
    }
    for (const list of byLane.values()) {
      const sorted = [...list].sort((a, b) => a.startMs - b.startMs);
      for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]!.startMs).toBeGreaterThanOrEqual(sorted[i - 1]!.endMs);
    }
  });

  it('adds lanes rather than overlap when more requests were in service than threads, and names the worker', () => {
    const lanes = assignThreadLanes([at(1, 1, 0, 100), at(2, 1, 0, 100), at(3, 1, 0, 100), at(4, 2, 0, 100)], 2);
    expect(new Set([1, 2, 3].map((id) => lanes.laneOf.get(id)))).toEqual(new Set([1, 2, 3]));
    expect(lanes.lanesOf.get(1)).toBe(3);
    expect(lanes.overfull).toEqual([1]);
    expect(lanes.beyond).toBe(1);
    expect(lanes.maxExcessMs).toBe(100);
  });

  it('measures how far a request beyond threads overlapped the earliest-free lane', () => {
    // Lanes 1 and 2 free at 100 and 120; #3 starts at 97, 3 ms early.
    const lanes = assignThreadLanes([at(1, 1, 0, 100), at(2, 1, 5, 120), at(3, 1, 97, 150), at(4, 1, 200, 210)], 2);
    expect(lanes.laneOf.get(3)).toBe(3);
    expect(lanes.laneOf.get(4)).toBe(1);
    expect(lanes.beyond).toBe(1);
    expect(lanes.maxExcessMs).toBe(3);
  });
});

describe('laneOverlap', () => {
  const on = (id: number, worker: number, lane: number, startMs: number, endMs: number): LanedInterval => ({ id, worker, lane, startMs, endMs });

  it('counts requests starting before the previous one on the same recorded lane has ended, and the largest overlap', () => {
    const overlap = laneOverlap([on(1, 1, 1, 0, 100), on(2, 1, 1, 90, 200), on(3, 1, 1, 150, 160), on(4, 1, 2, 0, 100)]);
    expect(overlap).toEqual({ overlapping: 2, maxOverlapMs: 50 });
  });

  it('sees no overlap for touching ends, or across lanes and workers', () => {
    expect(laneOverlap([on(1, 1, 1, 0, 100), on(2, 1, 1, 100, 200), on(3, 1, 2, 50, 150), on(4, 2, 1, 50, 150)])).toEqual({ overlapping: 0, maxOverlapMs: 0 });
    expect(laneOverlap([])).toEqual({ overlapping: 0, maxOverlapMs: 0 });
  });
});
